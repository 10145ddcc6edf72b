import type { Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { STRATEGIES } from '../strategies.js';
import { strategyList } from './strategy-definitions.js';
import { transcript, transcriptLine } from './transcript.js';

/**
 * The strategy classifier's prompt: which strategy one supporter message mainly
 * uses, from the recent context and the message's words alone. It is built from
 * speakers and texts only, never from a turn's label, so declared-vs-perceived
 * agreement measures whether the words match the claim.
 */
export const CLASSIFIER_PROMPT_VERSION = '1';

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
