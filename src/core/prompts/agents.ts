import type { Condition, Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import type { Persona } from '../personas/schema.js';
import { STRATEGIES, type Strategy } from '../strategies.js';
import { personaCard, situationLines, traitLines } from './persona-text.js';
import { strategyList } from './strategy-definitions.js';

/**
 * Prompts for the two agents. Each agent is told only what its side would know:
 * the seeker its own persona and problem; the supporter its own persona, the
 * strategies, and the seeker's profile only when the condition is persona-aware.
 * Prompts are written to survive small local models: short, explicit, with the
 * output format spelled out even when the server enforces json_schema.
 *
 * Change a prompt's words, change its version: sessions record the versions
 * they were made with (test/core/prompts/versions.test.ts holds the fingerprints).
 */
// 2: a seeker without its traits (an experiment's "without persona" arm) gets its name and situation only.
export const SEEKER_PROMPT_VERSION = '2';
export const SUPPORTER_PROMPT_VERSION = '1';


const SAFETY =
  'If the seeker mentions suicide, self-harm or being in danger, stay calm and caring, take it seriously, ' +
  'encourage them to contact local emergency services or a crisis line right away, and never describe methods.';

export const SEEKER_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'seeker_turn',
  schema: {
    type: 'object',
    properties: {
      message: { type: 'string', description: 'Your next chat message to the supporter.' },
      end_conversation: { type: 'boolean', description: 'true only when this message says goodbye.' },
    },
    required: ['message', 'end_conversation'],
    additionalProperties: false,
  },
};

export const SUPPORTER_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'supporter_turn',
  schema: {
    type: 'object',
    properties: {
      strategy: { type: 'string', enum: [...STRATEGIES], description: 'The one support strategy this reply uses.' },
      response: { type: 'string', description: 'Your next chat message to the seeker.' },
    },
    required: ['strategy', 'response'],
    additionalProperties: false,
  },
};

export interface SeekerPromptOptions {
  /**
   * The seeker's own HEXACO and CSI, and the description that carries its
   * personality, are in its prompt (default true). Without them the seeker
   * speaks from its situation alone, as in the paper's "without persona" arm.
   */
  traits?: boolean;
}

export function seekerSystemPrompt(seeker: Persona, options: SeekerPromptOptions = {}): string {
  const traits = options.traits ?? true;
  const who = traits ? [`Who you are: ${personaCard(seeker)}`, ...traitLines(seeker)] : [`Your name: ${seeker.name}.`];
  return [
    'You are role-playing a person who has come to an online emotional-support chat to talk about something that is bothering them.',
    'You are not an assistant. Stay in character as this person for the whole conversation.',
    '',
    ...who,
    '',
    ...situationLines(seeker),
    traits && seeker.notes ? `Notes: ${seeker.notes}` : '',
    '',
    'How to write:',
    '- Write like a real person typing in a chat: usually one to three sentences, in the first person.',
    ...(traits ? ['- Let your personality and communication style show in what you say and how you say it.'] : []),
    '- Open up gradually; do not tell your whole story at once, and do not solve the problem yourself straight away.',
    '- React honestly to what the supporter says: if it helps, let your feelings ease a little; if it does not, say so in your own way.',
    '- When the conversation has reached a natural end for you, say goodbye in your message and set end_conversation to true. Otherwise it is false.',
    '',
    'Answer with a JSON object only: {"message": "<your message>", "end_conversation": false}',
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}

export interface SupporterPromptOptions {
  supporter: Persona;
  seeker: Persona;
  condition: Condition;
  /** The strategy the user steered this turn to, if any. */
  steer?: Strategy;
}

export function supporterSystemPrompt(o: SupporterPromptOptions): string {
  const lines: string[] = [
    'You are a supporter in an online emotional-support chat. A person (the seeker) has come to talk about something that troubles them.',
    'Your goal is to help them feel heard and to find a way forward, one message at a time.',
    '',
  ];
  if (o.supporter.baseline) {
    lines.push('You have no particular persona: respond as a thoughtful, caring supporter.');
  } else {
    lines.push(`Who you are: ${personaCard(o.supporter)}`, ...traitLines(o.supporter));
    lines.push('Let your personality and communication style show in how you support the seeker.');
  }
  lines.push('');
  if (o.condition === 'aware') {
    lines.push('What you know about the seeker before the chat:', personaCard(o.seeker), ...traitLines(o.seeker), ...situationLines(o.seeker));
  } else {
    lines.push('You know nothing about the seeker beyond what they tell you in the chat.');
  }
  lines.push('', 'Each reply uses exactly one of these support strategies:', ...strategyList());
  lines.push(
    '',
    'How to write:',
    '- One to three sentences, warm and natural, as in a text chat. No lists, no headings.',
    '- Choose the strategy that fits this moment of the conversation, then write the reply in that strategy.',
    `- ${SAFETY}`,
  );
  if (o.steer) lines.push(`- For this reply you must use the strategy "${o.steer}".`);
  lines.push('', `Answer with a JSON object only: {"strategy": "<one of the strategies above, spelled exactly>", "response": "<your message>"}`);
  return lines.join('\n');
}

/**
 * The chat history from one side's point of view: its own turns are "assistant",
 * the other side's are "user". Consecutive turns by one speaker are merged, since
 * some chat templates reject two user messages in a row.
 */
export function historyFor(side: 'seeker' | 'supporter', turns: readonly Turn[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const t of turns) {
    const role = t.speaker === side ? 'assistant' : 'user';
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content += `\n${t.text}`;
    else messages.push({ role, content: t.text });
  }
  return messages;
}

const OPENING_CUE = '(The chat has just opened. Write your first message to the supporter.)';
const SUPPORTER_OPENING_CUE = '(The chat has just opened and the seeker has not written yet. Greet them and invite them to share.)';

export function seekerMessages(seeker: Persona, turns: readonly Turn[], options: SeekerPromptOptions = {}): ChatMessage[] {
  const history = historyFor('seeker', turns);
  // Chat templates expect a user message after the system prompt.
  if (history.length === 0 || history[0]!.role === 'assistant') history.unshift({ role: 'user', content: OPENING_CUE });
  return [{ role: 'system', content: seekerSystemPrompt(seeker, options) }, ...history];
}

export function supporterMessages(o: SupporterPromptOptions, turns: readonly Turn[]): ChatMessage[] {
  const history = historyFor('supporter', turns);
  if (history.length === 0 || history[0]!.role === 'assistant') history.unshift({ role: 'user', content: SUPPORTER_OPENING_CUE });
  return [{ role: 'system', content: supporterSystemPrompt(o) }, ...history];
}
