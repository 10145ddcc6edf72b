import { SPEAKERS, type MeterReading, type PerceivedLabel, type Speaker } from '../domain.js';
import { perceivedLabel, perceiveStrategies } from '../engine/perceived.js';
import { windowView } from '../engine/window-view.js';
import type { ChatClient, Usage } from '../llm/types.js';
import { CLASSIFIER_BATCH_MAX } from '../prompts/classifier.js';
import { JUDGE_DEFAULT_TURNS } from '../prompts/judge.js';
import type { LoadedSession } from '../sessions/reader.js';
import { latestSummary } from '../sessions/summaries.js';
import { isStrategy } from '../strategies.js';
import { judgeSpeaker } from './judge.js';

/**
 * What the live meter left undone in a session, and finishing it afterwards.
 *
 * The rule (read from the log, so it holds after a crash or a stop as well as
 * after a conversation whose end did not wait for a slow judge):
 * - a strategy label is pending for every supporter turn of a session that ran
 *   the classifier (header `perceive: true`) that has no `perceived` record with
 *   one of the eight strategies — unless the turn's own label came from the
 *   classifier (a person who skipped picking);
 * - a trait reading is pending for a speaker of a session that ran the judge
 *   (header `judgeCadence` above 0) when no `meter` record of theirs has read
 *   their latest turn.
 * A conversation that ends with work pending says so in a notice, and
 * `persona-talks measure` finishes it (finishPending).
 */

export interface PendingWork {
  /** Supporter turn indexes without a label. */
  labels: number[];
  readings: Speaker[];
}

export function pendingWork(session: Pick<LoadedSession, 'header' | 'records' | 'turns'>): PendingWork {
  const { header, records, turns } = session;
  const labelled = new Set(records.flatMap((r) => (r.type === 'perceived' && isStrategy(r.strategy) ? [r.index] : [])));
  const labels = header.perceive
    ? turns.filter((t) => t.speaker === 'supporter' && t.labelSource !== 'perceived' && !labelled.has(t.index)).map((t) => t.index)
    : [];
  const readings = (header.judgeCadence ?? 0) > 0
    ? SPEAKERS.filter((speaker) => {
        const lastOwn = turns.filter((t) => t.speaker === speaker).at(-1)?.index;
        if (lastOwn === undefined) return false;
        const read = records.flatMap((r) => (r.type === 'meter' && r.speaker === speaker ? [r.afterTurn] : []));
        return Math.max(-1, ...read) < lastOwn;
      })
    : [];
  return { labels, readings };
}

export interface FinishedWork {
  perceived: PerceivedLabel[];
  readings: MeterReading[];
  /** Why a reading could not be made (its answers were unusable twice). */
  dropped: string[];
  usage: Usage[];
}

/**
 * Does the pending work of `session` with the judge's client, the way the live
 * meter would have: labels by the classifier (several turns a call), readings by
 * the trait judge reading the conversation's window and its summary. `speakers`
 * limits which readings are made (labels are the supporter's). Nothing is recorded
 * here; provider errors are thrown.
 */
export async function finishPending(judge: ChatClient, session: LoadedSession, options: { speakers?: readonly Speaker[]; signal?: AbortSignal } = {}): Promise<FinishedWork> {
  const work = pendingWork(session);
  const speakers = options.speakers ?? SPEAKERS;
  const done: FinishedWork = { perceived: [], readings: [], dropped: [], usage: [] };
  const turns = session.turns;
  const labels = speakers.includes('supporter') ? work.labels : [];
  const queue = chunks(labels, CLASSIFIER_BATCH_MAX);
  while (queue.length > 0) {
    const batch = queue.shift()!;
    const result = await perceiveStrategies(judge, turns, batch, { ...(options.signal ? { signal: options.signal } : {}) });
    if (result.usage) done.usage.push(result.usage);
    for (const index of batch) {
      const read = result.labels.get(index);
      const turn = turns.find((t) => t.index === index)!;
      if (read) done.perceived.push(perceivedLabel(turn, read, 'classifier'));
      // Left out of a batch: asked alone, which always yields an answer (a label, or failed).
      else queue.push([index]);
    }
  }
  const window = session.header.window && session.header.window > 0 ? session.header.window : JUDGE_DEFAULT_TURNS;
  const summary = latestSummary(session);
  const view = windowView(turns, window, summary ? [summary] : []);
  for (const speaker of work.readings.filter((s) => speakers.includes(s))) {
    const outcome = await judgeSpeaker(judge, {
      turns: view.turns,
      speaker,
      maxTurns: window,
      context: view.earlier ? { earlier: view.earlier } : {},
      onUsage: (u) => done.usage.push(u),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (outcome.ok) done.readings.push(outcome.reading);
    else done.dropped.push(`the ${speaker}'s reading: ${outcome.problem}`);
  }
  return done;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
