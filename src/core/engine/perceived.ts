import { agreement, type Agreement } from '../analysis/agreement.js';
import type { ChatClient, ChatMessage, JsonSchemaFormat, Usage } from '../llm/types.js';
import type { SessionRecord } from '../sessions/format.js';
import { coerceStrategy, parseStrategy, STRATEGIES, type Strategy } from '../strategies.js';
import { extractJsonObject, visibleReply } from '../traits/judge-json.js';
import { transcript, transcriptLine } from '../traits/judge-transcript.js';
import type { PerceivedLabel, Turn } from './events.js';
import { STRATEGY_DEFINITIONS } from './prompts.js';

/**
 * The perceived strategy: an independent classifier labels a supporter turn
 * from the recent context and the turn's words alone. It never sees the
 * declared label — the request is built from speakers and texts only — so
 * declared-vs-perceived agreement measures whether the words match the claim.
 */

/** How many turns before the labelled one the classifier reads. */
export const CLASSIFIER_CONTEXT_TURNS = 6;

export const PERCEIVED_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'perceived_strategy',
  schema: {
    type: 'object',
    properties: {
      reason: { type: 'string', description: 'One short sentence: what the message does.' },
      strategy: { type: 'string', enum: [...STRATEGIES], description: 'The one strategy the message mainly uses.' },
    },
    required: ['reason', 'strategy'],
    additionalProperties: false,
  },
};

function classifierSystemPrompt(): string {
  return [
    'You annotate emotional-support chats. You read one message written by the Supporter and decide which support strategy it mainly uses.',
    '',
    'The eight strategies:',
    ...STRATEGIES.map((s) => `- ${s}: ${STRATEGY_DEFINITIONS[s]}`),
    '',
    'If a message mixes several, pick the one that carries most of it. Greetings, thanks and goodbyes are Others.',
    'Answer with one JSON object only: {"reason": "<one short sentence>", "strategy": "<one of the eight, spelled exactly>"}',
  ].join('\n');
}

/** The request for turn `index`: built from speakers and texts only, never from a turn's label. */
export function classifierMessages(turns: readonly Turn[], index: number): ChatMessage[] {
  const at = turns.findIndex((t) => t.index === index);
  const target = turns[at];
  if (!target) throw new RangeError(`no turn with index ${index}`);
  const context = turns.slice(Math.max(0, at - CLASSIFIER_CONTEXT_TURNS), at).map((t) => ({ speaker: t.speaker, text: t.text }));
  const before = context.length > 0 ? `The chat just before it:\n${transcript(context)}\n\n` : 'It is the first message of the chat.\n\n';
  return [
    { role: 'system', content: classifierSystemPrompt() },
    { role: 'user', content: `${before}The message to label:\n${transcriptLine(target)}\n\nWhich strategy does this message use? Answer with the JSON object only.` },
  ];
}

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
    { messages: classifierMessages(turns, index), jsonSchema: PERCEIVED_OUTPUT_SCHEMA, temperature: 0, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
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
export function perceivedLabel(turn: Turn, strategy: Strategy): PerceivedLabel {
  const declared = turn.labelSource === 'perceived' || turn.labelSource === 'fallback' ? undefined : turn.strategy;
  return { index: turn.index, strategy, ...(declared ? { declared } : {}), agrees: declared === strategy };
}

export interface SessionAgreement extends Agreement {
  /** Supporter turns where the two labels differ. */
  disagreements: { index: number; declared: Strategy; perceived: Strategy }[];
}

/**
 * Declared-vs-perceived agreement of one session, from its 'perceived' records
 * (the latest per turn wins). Turns without a declared label are left out.
 * Undefined when there is nothing to compare.
 */
export function sessionAgreement(records: readonly SessionRecord[]): SessionAgreement | undefined {
  const latest = new Map<number, { declared: Strategy; perceived: Strategy }>();
  for (const r of records) {
    if (r.type === 'perceived' && r.declared) latest.set(r.index, { declared: r.declared, perceived: r.strategy });
  }
  if (latest.size === 0) return undefined;
  const pairs = [...latest.entries()].sort(([a], [b]) => a - b);
  return {
    ...agreement(
      pairs.map(([, p]) => p.declared),
      pairs.map(([, p]) => p.perceived),
    ),
    disagreements: pairs.filter(([, p]) => p.declared !== p.perceived).map(([index, p]) => ({ index, ...p })),
  };
}
