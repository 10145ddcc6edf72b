import type { Condition } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import type { Persona } from '../personas/schema.js';
import { STRATEGIES } from '../strategies.js';
import { personaCard, situationLines, traitLines } from './persona-text.js';
import { strategyList } from './strategy-definitions.js';

/**
 * The script engine's one call: write the whole dialogue at once, as the paper
 * did. "aware" puts both personas' traits in the prompt (the paper's
 * with-persona condition) and "blind" leaves the seeker's traits out (without
 * persona); the situation is given in both.
 */
// 2: an aware script whose seeker goes without its traits (seekerTraits: false) keeps the seeker's card only.
export const SCRIPT_PROMPT_VERSION = '2';

export const SCRIPT_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'esc_dialogue',
  schema: {
    type: 'object',
    properties: {
      dialog: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            speaker: { type: 'string', enum: ['seeker', 'supporter'] },
            strategy: { type: ['string', 'null'], enum: [...STRATEGIES, null] },
            content: { type: 'string' },
          },
          required: ['speaker', 'strategy', 'content'],
          additionalProperties: false,
        },
      },
    },
    required: ['dialog'],
    additionalProperties: false,
  },
};

export function scriptMessages(o: { seeker: Persona; supporter: Persona; condition: Condition; turns: number; seekerTraits?: boolean }): ChatMessage[] {
  const seekerTraits = o.seekerTraits ?? true;
  const seekerLines = o.condition === 'aware' ? [personaCard(o.seeker), ...(seekerTraits ? traitLines(o.seeker) : [])] : [];
  const supporterLines = o.supporter.baseline ? ['A thoughtful, caring supporter with no particular persona.'] : [personaCard(o.supporter), ...traitLines(o.supporter)];
  const system = [
    'You write realistic emotional-support conversations between a help seeker and a supporter in an online text chat.',
    'Write the whole conversation at once.',
    '',
    'The seeker:',
    ...seekerLines,
    ...situationLines(o.seeker),
    '',
    'The supporter:',
    ...supporterLines,
    '',
    'Each supporter message uses exactly one of these strategies:',
    ...strategyList(),
    '',
    'Rules:',
    `- Write exactly ${o.turns} messages in total, starting with the seeker, usually alternating.`,
    '- Each message is one to three sentences, as people type in a chat.',
    "- Let each person's personality and communication style show in what they say.",
    '- Seeker messages have strategy null; every supporter message names its strategy, spelled exactly as above.',
    '- If the seeker mentions suicide or self-harm, the supporter responds with care and points to emergency services or a crisis line.',
    '',
    'Answer with a JSON object only: {"dialog": [{"speaker": "seeker", "strategy": null, "content": "..."}, {"speaker": "supporter", "strategy": "Question", "content": "..."}]}',
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Write the ${o.turns}-message conversation now.` },
  ];
}
