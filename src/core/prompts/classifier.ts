import type { Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { STRATEGIES } from '../strategies.js';
import { strategyList } from './strategy-definitions.js';
import { numberedLine, transcript, transcriptLine } from './transcript.js';

/**
 * The strategy classifier's prompt: which strategy one supporter message mainly
 * uses, from the recent context and the message's words alone. It is built from
 * speakers and texts only, never from a turn's label, so declared-vs-perceived
 * agreement measures whether the words match the claim.
 */
export const CLASSIFIER_PROMPT_VERSION = '2';

/** The most supporter turns one classifier call labels (classifierBatchMessages). */
export const CLASSIFIER_BATCH_MAX = 8;

/** How many turns before the labelled one the classifier reads. */
export const CLASSIFIER_CONTEXT_TURNS = 6;

export const CLASSIFIER_OUTPUT_SCHEMA: JsonSchemaFormat = {
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
    ...strategyList(),
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

/**
 * Several supporter turns in one request — pending labels classified together
 * rather than one call each. Built from speakers and texts only, like the single
 * request; the chat is shown from a little before the first turn to label up to
 * the last one, numbered, with the turns to label marked.
 */
export function classifierBatchMessages(turns: readonly Turn[], indexes: readonly number[]): ChatMessage[] {
  const positions = indexes.map((index) => turns.findIndex((t) => t.index === index));
  const missing = indexes.find((_, i) => positions[i]! < 0);
  if (missing !== undefined) throw new RangeError(`no turn with index ${missing}`);
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  const marked = new Set(indexes);
  const lines = turns.slice(Math.max(0, first - CLASSIFIER_CONTEXT_TURNS), last + 1).map((t) => `${marked.has(t.index) ? '*' : ''}${numberedLine(t)}`);
  const numbers = [...indexes].sort((a, b) => a - b).map((i) => i + 1);
  return [
    { role: 'system', content: classifierBatchSystemPrompt() },
    {
      role: 'user',
      content: `The chat (messages to label are marked *):\n${lines.join('\n')}\n\nLabel messages ${numbers.join(', ')}. Answer with the JSON object only.`,
    },
  ];
}

function classifierBatchSystemPrompt(): string {
  return [
    'You annotate emotional-support chats. You read messages written by the Supporter, each marked with its number, and decide for each which support strategy it mainly uses.',
    '',
    'The eight strategies:',
    ...strategyList(),
    '',
    'Label each marked message on its own, by what that message itself does in the chat up to it. If it mixes several, pick the one that carries most of it. Greetings, thanks and goodbyes are Others.',
    'Answer with one JSON object only: {"labels": {"<message number>": {"reason": "<one short sentence>", "strategy": "<one of the eight, spelled exactly>"}, ...}}',
  ].join('\n');
}

/** The answer asked for by classifierBatchMessages: a reason and a strategy per message number. */
export function classifierBatchSchema(indexes: readonly number[]): JsonSchemaFormat {
  const label = (CLASSIFIER_OUTPUT_SCHEMA.schema as { properties: Record<string, unknown> }).properties;
  const keys = indexes.map((index) => String(index + 1));
  return {
    name: 'perceived_strategies',
    schema: {
      type: 'object',
      properties: {
        labels: {
          type: 'object',
          properties: Object.fromEntries(keys.map((k) => [k, { type: 'object', properties: label, required: ['reason', 'strategy'], additionalProperties: false }])),
          required: keys,
          additionalProperties: false,
        },
      },
      required: ['labels'],
      additionalProperties: false,
    },
  };
}
