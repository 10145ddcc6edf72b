import { LlmError } from '../../llm/errors.js';
import type { ChatClient, Usage } from '../../llm/types.js';
import { PERSONA_CARD_PROMPT_VERSION } from '../../prompts/persona-card.js';
import { PERSONA_CHECK_PROMPT_VERSION } from '../../prompts/persona-check.js';
import { PERSONA_EXPANSION_PROMPT_VERSION } from '../../prompts/persona-expansion.js';
import { MEASUREMENT_PROMPT_VERSION } from '../../prompts/measurement.js';
import type { Csi, Hexaco } from '../../traits/dimensions.js';
import type { Inventories } from '../../traits/pipeline.js';
import type { Persona, Provenance, Role } from '../schema.js';
import { processCandidate, type CandidateOutcome, type Made } from './candidate.js';
import { OutputFolder, readFolder } from './folder.js';
import { duplicateKey } from './rules.js';
import { removeStaleTemps } from '../save.js';
import type { Candidate, GenerationMethod } from './types.js';

/**
 * Runs candidates until `target` personas are kept or the candidates run out,
 * at most `concurrency` at a time. Kept personas are saved as they are made,
 * dropped candidates appended to dropped.jsonl, so stopping at any moment loses
 * only the candidates in flight; a second run with the same arguments skips
 * every finished candidate. Server failures are reported, not recorded: those
 * candidates are tried again next time. Events describe everything that happens.
 */

/** After this many candidates in a row fail on the server, no more are started. */
export const FAILURE_STREAK = 3;

export interface GenerationRun {
  client: ChatClient;
  method: GenerationMethod;
  role: Role;
  candidates: readonly Candidate[];
  /** Stop once this many personas are kept (those kept by earlier runs count). */
  target: number;
  concurrency: number;
  outDir: string;
  /** Ids already in use (the persona library's); the folder's own are added. */
  takenIds: Iterable<string>;
  inventories: Inventories;
  /** Run the model-judged consistency check. */
  check: boolean;
  /** For writing descriptions (generate). */
  temperature: number;
  /** Descriptions a new one must not repeat (generate: the seeds). */
  claimed?: readonly string[];
  signal?: AbortSignal;
  onEvent: (event: GenerationEvent) => void;
  bundledDir?: string;
  appVersion?: string;
  now?: () => Date;
}

interface About {
  key: string;
  index: number;
  source: string;
  line?: number;
}

export interface GenerationSummary {
  target: number;
  saved: number;
  dropped: number;
  failed: number;
  /** Finished by earlier runs and skipped now. */
  resumed: { saved: number; dropped: number };
  /** Dropped candidates per rule, this run. */
  rules: Record<string, number>;
  usage: Usage;
  /** Why the run stopped before its target, when it did. */
  stopped?: 'interrupted' | 'failures' | 'error';
  stopReason?: string;
  folder: string;
}

export type GenerationEvent =
  | { type: 'started'; method: GenerationMethod; role: Role; target: number; candidates: number; concurrency: number; model: string; folder: string; resumed: { saved: number; dropped: number }; notes: string[] }
  | ({ type: 'candidate' } & About)
  | ({ type: 'saved'; id: string; name: string; role: Role; file: string; description: string; hexaco: Hexaco; csi: Csi } & About)
  | ({ type: 'dropped'; rule: string; reason: string } & About)
  | ({ type: 'failed'; message: string } & About)
  | ({ type: 'finished' } & GenerationSummary);

export function promptsUsed(method: GenerationMethod, check: boolean): Record<string, string> {
  return {
    ...(method === 'generate' ? { personaExpansion: PERSONA_EXPANSION_PROMPT_VERSION } : {}),
    personaCard: PERSONA_CARD_PROMPT_VERSION,
    ...(check ? { personaCheck: PERSONA_CHECK_PROMPT_VERSION } : {}),
    measurement: MEASUREMENT_PROMPT_VERSION,
  };
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The persona a kept candidate becomes (its id is chosen when it is saved). */
export function personaFrom(made: Made, candidate: Candidate, meta: { model: string; check: boolean; createdAt: string; appVersion?: string }): Omit<Persona, 'id'> {
  const { card, traits } = made;
  const prompts = promptsUsed(candidate.method, meta.check);
  const provenance: Provenance = {
    generator: 'persona-talks',
    method: candidate.method,
    model: meta.model,
    promptVersion: Object.entries(prompts).map(([name, version]) => `${name}@${version}`).join(' '),
    prompts,
    seed: candidate.seed,
    source: cut(candidate.source, 4000),
    ...(candidate.sourceFile !== undefined ? { sourceFile: cut(candidate.sourceFile, 1000) } : {}),
    ...(candidate.sourceLine !== undefined ? { sourceLine: candidate.sourceLine } : {}),
    ...(candidate.method === 'generate' ? { expanded: made.description } : {}),
    candidate: candidate.key,
    createdAt: meta.createdAt,
    ...(meta.appVersion ? { appVersion: meta.appVersion } : {}),
  };
  const seeker = card.seeker;
  return {
    role: candidate.role,
    name: card.name,
    ...(card.age_band ? { age_band: card.age_band as Persona['age_band'] } : {}),
    ...(card.gender ? { gender: card.gender } : {}),
    ...(card.occupation ? { occupation: card.occupation } : {}),
    description: card.description,
    hexaco: traits.hexaco,
    csi: traits.csi,
    ...(seeker?.emotion_type ? { emotion_type: seeker.emotion_type } : {}),
    ...(seeker?.problem_type ? { problem_type: seeker.problem_type } : {}),
    ...(seeker?.situation ? { situation: seeker.situation } : {}),
    ...(seeker?.initial_intensity ? { initial_intensity: seeker.initial_intensity } : {}),
    provenance,
  };
}

export async function runGeneration(run: GenerationRun): Promise<GenerationSummary> {
  const now = run.now ?? (() => new Date());
  await removeStaleTemps(run.outDir);
  const state = await readFolder(run.outDir);
  const folder = new OutputFolder(run.outDir, new Set([...run.takenIds, ...state.ids]), run.bundledDir);
  const claimed = new Set([...(run.claimed ?? []), ...state.written].map(duplicateKey));
  const resumed = { saved: 0, dropped: 0 };
  for (const c of run.candidates) {
    const done = state.finished.get(c.key);
    if (done) resumed[done] += 1;
  }
  const summary: GenerationSummary = {
    target: run.target,
    saved: 0,
    dropped: 0,
    failed: 0,
    resumed,
    rules: {},
    usage: { promptTokens: 0, completionTokens: 0 },
    folder: run.outDir,
  };
  const model = run.client.endpoint.model;
  run.onEvent({ type: 'started', method: run.method, role: run.role, target: run.target, candidates: run.candidates.length, concurrency: run.concurrency, model, folder: run.outDir, resumed, notes: state.notes });

  // The client reports usage per call; one counting client wraps it for the whole run.
  const client: ChatClient = {
    endpoint: run.client.endpoint,
    async chat(request, hooks) {
      const result = await run.client.chat(request, hooks);
      if (result.usage) {
        summary.usage.promptTokens += result.usage.promptTokens;
        summary.usage.completionTokens += result.usage.completionTokens;
      }
      return result;
    },
  };
  const context = {
    client,
    inventories: run.inventories,
    check: run.check,
    temperature: run.temperature,
    ...(run.signal ? { signal: run.signal } : {}),
    claim(text: string) {
      const key = duplicateKey(text);
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    },
  };

  let streak = 0;
  const stop = (why: GenerationSummary['stopped'], reason: string) => {
    if (summary.stopped) return;
    summary.stopped = why;
    summary.stopReason = reason;
  };

  async function finish(candidate: Candidate, about: About, outcome: CandidateOutcome): Promise<void> {
    if (outcome.kind === 'made') {
      const persona = personaFrom(outcome.made, candidate, { model, check: run.check, createdAt: now().toISOString(), ...(run.appVersion ? { appVersion: run.appVersion } : {}) });
      const { id, file } = await folder.save(persona);
      summary.saved += 1;
      run.onEvent({ type: 'saved', ...about, id, name: persona.name, role: persona.role, file, description: outcome.made.description, hexaco: persona.hexaco!, csi: persona.csi! });
      return;
    }
    const { drop } = outcome;
    await folder.appendDropped({
      v: 1,
      at: now().toISOString(),
      candidate: candidate.key,
      index: candidate.index,
      method: candidate.method,
      role: candidate.role,
      rule: drop.rule,
      reason: drop.reason,
      source: candidate.source,
      ...(candidate.sourceFile !== undefined ? { sourceFile: candidate.sourceFile } : {}),
      ...(candidate.sourceLine !== undefined ? { sourceLine: candidate.sourceLine } : {}),
      seed: candidate.seed,
      model,
      ...(outcome.description !== undefined && outcome.description !== candidate.source ? { description: outcome.description } : {}),
      ...(outcome.card ? { card: outcome.card } : {}),
      ...(outcome.traits ? { traits: outcome.traits } : {}),
    });
    summary.dropped += 1;
    summary.rules[drop.rule] = (summary.rules[drop.rule] ?? 0) + 1;
    run.onEvent({ type: 'dropped', ...about, rule: drop.rule, reason: drop.reason });
  }

  async function attempt(candidate: Candidate): Promise<void> {
    const about: About = { key: candidate.key, index: candidate.index, source: candidate.source, ...(candidate.sourceLine !== undefined ? { line: candidate.sourceLine } : {}) };
    run.onEvent({ type: 'candidate', ...about });
    try {
      await finish(candidate, about, await processCandidate(candidate, context));
      streak = 0;
    } catch (error) {
      // Stopped on purpose: the candidate is unfinished, not failed, and is done again next time.
      if (run.signal?.aborted) return;
      summary.failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      run.onEvent({ type: 'failed', ...about, message });
      if (!(error instanceof LlmError)) stop('error', message);
      else if (++streak >= FAILURE_STREAK) stop('failures', `${FAILURE_STREAK} candidates in a row failed on the server; the last: ${message}`);
    }
  }

  const running = new Set<Promise<void>>();
  let next = 0;
  for (;;) {
    if (run.signal?.aborted) stop('interrupted', 'stopped before every candidate was done');
    while (!summary.stopped && running.size < run.concurrency && resumed.saved + summary.saved + running.size < run.target && next < run.candidates.length) {
      const candidate = run.candidates[next++]!;
      if (state.finished.has(candidate.key)) continue;
      const task: Promise<void> = attempt(candidate).finally(() => running.delete(task));
      running.add(task);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  run.onEvent({ type: 'finished', ...summary });
  return summary;
}
