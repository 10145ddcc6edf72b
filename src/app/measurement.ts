import { resolve } from 'node:path';
import type { MeasurementResult, Speaker } from '../core/domain.js';
import { LlmError } from '../core/llm/errors.js';
import type { ChatClient } from '../core/llm/types.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import { SessionLockedError, SessionRecorder } from '../core/sessions/recorder.js';
import { loadInventory } from '../core/traits/inventory.js';
import { finishPending, pendingWork, type FinishedWork, type PendingWork } from '../core/traits/pending.js';
import { bundledInventories, measureSession, PipelineError, scoreDescription, type DescriptionScores, type Inventories } from '../core/traits/pipeline.js';

/** The judge model's client, as the commands and screens that measure hold it. */
export type JudgeClient = ChatClient;
export type { Inventories } from '../core/traits/pipeline.js';

/**
 * The measurement pipeline on one speaker of a saved session; its result is
 * appended to the session's log (after 'ended' is fine: readers keep going).
 */
export async function measureAndRecord(judge: JudgeClient, session: LoadedSession, speaker: Speaker, inventories?: Inventories, options: { signal?: AbortSignal } = {}): Promise<MeasurementResult> {
  // The log is opened first: a session another process is writing is refused before the
  // model is asked anything, rather than after minutes of work that could not be kept.
  const log = SessionRecorder.continue(session.path);
  try {
    const result = await measureSession(judge, session, speaker, { ...(inventories ? { inventories } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    log.record({ type: 'measurement', ...result });
    return result;
  } finally {
    log.close();
  }
}

export type { FinishedWork, PendingWork } from '../core/traits/pending.js';

/** What the live meter left undone in a session (see core/traits/pending.ts for the rule). */
export function pendingOf(session: LoadedSession): PendingWork {
  return pendingWork(session);
}

/**
 * Finishes what the live meter left pending — strategy labels, the last trait
 * readings of `speakers` — and appends the labels and readings to the session's
 * log, as the live meter would have.
 */
export async function finishPendingAndRecord(judge: JudgeClient, session: LoadedSession, speakers: readonly Speaker[]): Promise<FinishedWork> {
  // Opened first, as measureAndRecord does: a log another process is writing is refused before the judge is asked.
  const log = SessionRecorder.continue(session.path);
  try {
    const done = await finishPending(judge, session, { speakers });
    for (const label of done.perceived) log.record({ type: 'perceived', ...label });
    for (const reading of done.readings) log.record({ type: 'meter', ...reading });
    return done;
  } finally {
    log.close();
  }
}

/** HEXACO + CSI for a free-text description of a person (the persona editor's scorer, `personas score`). */
export function scoreFromDescription(judge: JudgeClient, description: string, inventories?: Inventories, options: { signal?: AbortSignal } = {}): Promise<DescriptionScores> {
  return scoreDescription(judge, description, { ...(inventories ? { inventories } : {}), ...(options.signal ? { signal: options.signal } : {}) });
}

/**
 * Inventories another file replaces (`--hexaco-inventory FILE`, `--csi-inventory
 * FILE`: one the user is licensed to use, in the bundled format). Undefined when
 * neither is given; throws InventoryError naming file, line and field.
 */
export async function inventoriesFrom(paths: { hexaco?: string; csi?: string }): Promise<Inventories | undefined> {
  if (!paths.hexaco && !paths.csi) return undefined;
  const bundled = await bundledInventories();
  return {
    hexaco: paths.hexaco ? await loadInventory(resolve(paths.hexaco), 'hexaco') : bundled.hexaco,
    csi: paths.csi ? await loadInventory(resolve(paths.csi), 'csi') : bundled.csi,
  };
}

/**
 * The message of a failure the model is to blame for (a server error, answers unusable
 * twice), or of a session another process is writing; undefined for anything else.
 */
export function modelFailureMessage(error: unknown): string | undefined {
  return error instanceof PipelineError || error instanceof LlmError || error instanceof SessionLockedError ? error.message : undefined;
}
