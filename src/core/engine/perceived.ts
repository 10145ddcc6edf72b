import type { ChatClient, Usage } from '../llm/types.js';
import { classifierBatchMessages, classifierBatchSchema, classifierMessages, CLASSIFIER_OUTPUT_SCHEMA } from '../prompts/classifier.js';
import { coerceStrategy, parseStrategy, type Strategy } from '../strategies.js';
import { extractJsonObject, visibleReply } from '../traits/judge-json.js';
import type { PerceivedLabel, Turn } from './events.js';

/**
 * The perceived strategy: an independent classifier labels a supporter turn
 * from the recent context and the turn's words alone. It never sees the
 * declared label — the request is built from speakers and texts only — so
 * declared-vs-perceived agreement measures whether the words match the claim.
 */

export interface PerceivedResult {
  strategy: Strategy;
  usage?: Usage;
  /** Set when the answer was not a clean label and had to be coerced. */
  note?: string;
}

/** Always a canonical label: a clean enum value, a known alias, or "Others" for anything unreadable. */
export function readPerceivedAnswer(text: string): { strategy: Strategy; note?: string } {
  const json = extractJsonObject(text, (v) => 'strategy' in v);
  if (json && typeof json === 'object' && 'strategy' in json) {
    const raw = (json as { strategy: unknown }).strategy;
    const exact = typeof raw === 'string' ? parseStrategy(raw) : undefined;
    if (exact) return { strategy: exact };
    // Coerce the field only: the reason text would mention other strategies' words.
    return { strategy: coerceStrategy(typeof raw === 'string' ? raw : undefined), note: `the classifier's label "${String(raw)}" is not one of the eight` };
  }
  // Never the reasoning: a model thinking aloud names several strategies before it picks one.
  const found = coerceStrategy(visibleReply(text));
  return { strategy: found, note: 'the classifier did not answer in JSON; its label was read from the text' };
}

/** Classifies supporter turn `index` and reports usage; throws LlmError when the server fails. */
export async function perceiveStrategy(
  client: ChatClient,
  turns: readonly Turn[],
  index: number,
  options: { signal?: AbortSignal; seed?: number } = {},
): Promise<PerceivedResult> {
  const result = await client.chat(
    { messages: classifierMessages(turns, index), jsonSchema: CLASSIFIER_OUTPUT_SCHEMA, temperature: 0, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
    { signal: options.signal },
  );
  return { ...readPerceivedAnswer(result.text), ...(result.usage ? { usage: result.usage } : {}) };
}

/**
 * For a human supporter who skipped picking: the perceived label of turn `index`.
 * Resolves with one of the eight always; rejects only with an LlmError (server
 * unreachable, cancelled …) — the engine then falls back to "Others".
 */
export async function classifyStrategy(client: ChatClient, turns: readonly Turn[], index: number, signal?: AbortSignal): Promise<Strategy> {
  return (await perceiveStrategy(client, turns, index, { signal })).strategy;
}

/**
 * The event/record for a classified turn. A label that came from the classifier
 * itself ('perceived') or from no one ('fallback': the model gave none) is not a
 * declaration, so such turns carry no `declared` and never count as agreeing.
 */
export function perceivedLabel(turn: Turn, strategy: Strategy, via?: PerceivedLabel['via']): PerceivedLabel {
  const declared = turn.labelSource === 'perceived' || turn.labelSource === 'fallback' ? undefined : turn.strategy;
  return { index: turn.index, strategy, ...(declared ? { declared } : {}), agrees: declared === strategy, ...(via ? { via } : {}) };
}

/** A label read for one turn out of an answer that labels several; `note` when it had to be coerced. */
export interface ReadLabel {
  strategy: Strategy;
  note?: string;
}

/**
 * The labels of `indexes` in `labels` — an object keyed by message number (index
 * + 1) whose values are a strategy or {"strategy": …}. A label that is not one of
 * the eight is coerced with a note; a message the answer left out is absent, so
 * the caller can ask again rather than guess.
 */
export function readLabels(labels: unknown, indexes: readonly number[]): Map<number, ReadLabel> {
  const out = new Map<number, ReadLabel>();
  if (!labels || typeof labels !== 'object') return out;
  for (const index of indexes) {
    const value = (labels as Record<string, unknown>)[String(index + 1)];
    const raw = value && typeof value === 'object' && 'strategy' in value ? (value as { strategy: unknown }).strategy : value;
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const exact = parseStrategy(raw);
    out.set(index, exact ? { strategy: exact } : { strategy: coerceStrategy(raw), note: `the label "${raw}" is not one of the eight` });
  }
  return out;
}

export interface PerceivedBatch {
  labels: Map<number, ReadLabel>;
  usage?: Usage;
}

/**
 * Classifies the supporter turns `indexes` in one call: the single-turn request
 * for one, the batch request for several (at most CLASSIFIER_BATCH_MAX). Turns the
 * answer leaves out are absent from `labels`. Throws LlmError when the server fails.
 */
export async function perceiveStrategies(
  client: ChatClient,
  turns: readonly Turn[],
  indexes: readonly number[],
  options: { signal?: AbortSignal; seed?: number } = {},
): Promise<PerceivedBatch> {
  if (indexes.length === 1) {
    const one = await perceiveStrategy(client, turns, indexes[0]!, options);
    return { labels: new Map([[indexes[0]!, { strategy: one.strategy, ...(one.note ? { note: one.note } : {}) }]]), ...(one.usage ? { usage: one.usage } : {}) };
  }
  const result = await client.chat(
    {
      messages: classifierBatchMessages(turns, indexes),
      jsonSchema: classifierBatchSchema(indexes),
      temperature: 0,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
    { signal: options.signal },
  );
  const json = extractJsonObject(result.text, (v) => 'labels' in v);
  const labels = json && typeof json === 'object' && 'labels' in json ? (json as { labels: unknown }).labels : undefined;
  return { labels: readLabels(labels, indexes), ...(result.usage ? { usage: result.usage } : {}) };
}
