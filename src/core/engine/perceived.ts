import type { ChatClient, Usage } from '../llm/types.js';
import { classifierBatchMessages, classifierBatchSchema, classifierMessages, CLASSIFIER_OUTPUT_SCHEMA } from '../prompts/classifier.js';
import { cleanForDisplay } from '../sanitize.js';
import { findStrategyIn, parseStrategy, type Strategy } from '../strategies.js';
import { extractJsonObject, visibleReply } from '../traits/judge-json.js';
import type { PerceivedLabel, Turn } from './events.js';

/**
 * The perceived strategy: an independent classifier labels a supporter turn
 * from the recent context and the turn's words alone. It never sees the
 * declared label — the request is built from speakers and texts only — so
 * declared-vs-perceived agreement measures whether the words match the claim.
 */

/**
 * What a classifier's answer says. The rule for "failed": an answer whose label field
 * (or, without JSON, its visible text) names none of the eight strategies, by name or a
 * known alias, is no classification. It is recorded as failed, with no label, rather
 * than as "Others": "Others" is a real strategy, and counting a broken answer as one
 * would lower agreement for no reason.
 */
export type PerceivedAnswer = { strategy: Strategy; note?: string } | { failed: true; note: string };

export type PerceivedResult = PerceivedAnswer & { usage?: Usage };

export function readPerceivedAnswer(text: string): PerceivedAnswer {
  const json = extractJsonObject(text, (v) => 'strategy' in v);
  if (json && typeof json === 'object' && 'strategy' in json) {
    const raw = (json as { strategy: unknown }).strategy;
    const exact = typeof raw === 'string' ? parseStrategy(raw) : undefined;
    if (exact) return { strategy: exact };
    // The field only: the reason text would mention other strategies' words.
    const found = typeof raw === 'string' ? findStrategyIn(raw) : undefined;
    const shown = cleanForDisplay(clip(typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw)));
    if (found) return { strategy: found, note: `the classifier's label "${shown}" is not one of the eight; read as ${found}` };
    return { failed: true, note: `the classifier's label "${shown}" is not one of the eight; no label recorded` };
  }
  // Never the reasoning: a model thinking aloud names several strategies before it picks one.
  const found = findStrategyIn(visibleReply(text));
  if (found) return { strategy: found, note: 'the classifier did not answer in JSON; its label was read from the text' };
  return { failed: true, note: `the classifier did not answer with a label ("${cleanForDisplay(clip(text.trim()))}"); no label recorded` };
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

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
 * For a human supporter who skipped picking: the perceived label of turn `index`, or
 * undefined when the classifier's answer named none. Rejects only with an LlmError
 * (server unreachable, cancelled …). Either way the engine falls back to "Others",
 * marked as a fallback (never as the classifier's).
 */
export async function classifyStrategy(client: ChatClient, turns: readonly Turn[], index: number, signal?: AbortSignal): Promise<Strategy | undefined> {
  const answer = await perceiveStrategy(client, turns, index, { signal });
  return 'strategy' in answer ? answer.strategy : undefined;
}

/**
 * The event/record for a classified turn. A label that came from the classifier
 * itself ('perceived') or from no one ('fallback': the model gave none) is not a
 * declaration, so such turns carry no `declared` and never count as agreeing.
 */
export function perceivedLabel(turn: Turn, answer: PerceivedAnswer, via?: PerceivedLabel['via']): PerceivedLabel {
  const declared = turn.labelSource === 'perceived' || turn.labelSource === 'fallback' ? undefined : turn.strategy;
  const by = via ? { via } : {};
  if ('failed' in answer) return { index: turn.index, ...(declared ? { declared } : {}), agrees: false, failed: true, note: answer.note, ...by };
  return { index: turn.index, strategy: answer.strategy, ...(declared ? { declared } : {}), agrees: declared === answer.strategy, ...(answer.note ? { note: answer.note } : {}), ...by };
}

/** A label read for one turn out of an answer that labels several: a strategy (`note` when read from an alias), or failed by the same rule as readPerceivedAnswer. */
export type ReadLabel = PerceivedAnswer;

/**
 * The labels of `indexes` in `labels` — an object keyed by message number (index
 * + 1) whose values are a strategy or {"strategy": …}. A label that is not one of
 * the eight but names one by a known alias is read as it, with a note; one that names
 * none is failed (never "Others", by readPerceivedAnswer's rule). A message the answer
 * left out is absent, so the caller can ask again rather than guess.
 */
export function readLabels(labels: unknown, indexes: readonly number[]): Map<number, ReadLabel> {
  const out = new Map<number, ReadLabel>();
  if (!labels || typeof labels !== 'object') return out;
  for (const index of indexes) {
    const value = (labels as Record<string, unknown>)[String(index + 1)];
    const raw = value && typeof value === 'object' && 'strategy' in value ? (value as { strategy: unknown }).strategy : value;
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const exact = parseStrategy(raw);
    if (exact) {
      out.set(index, { strategy: exact });
      continue;
    }
    const found = findStrategyIn(raw);
    const shown = cleanForDisplay(clip(raw));
    out.set(index, found ? { strategy: found, note: `the label "${shown}" is not one of the eight; read as ${found}` } : { failed: true, note: `the label "${shown}" is not one of the eight; no label recorded` });
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
 * answer leaves out are absent from `labels`; a single turn is never left out (its
 * answer is a label or failed). Throws LlmError when the server fails.
 */
export async function perceiveStrategies(
  client: ChatClient,
  turns: readonly Turn[],
  indexes: readonly number[],
  options: { signal?: AbortSignal; seed?: number } = {},
): Promise<PerceivedBatch> {
  if (indexes.length === 1) {
    const { usage, ...answer } = await perceiveStrategy(client, turns, indexes[0]!, options);
    return { labels: new Map([[indexes[0]!, answer]]), ...(usage ? { usage } : {}) };
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
