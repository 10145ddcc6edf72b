import type { ExtractedCard, Speaker, Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { AGE_BANDS } from '../personas/schema.js';
import type { InventoryItem } from '../traits/inventory.js';
import { CSI_KEYS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../traits/dimensions.js';
import { CSI_GUIDES, HEXACO_GUIDES } from './trait-guides.js';
import { SPEAKER_LABEL, transcript } from './transcript.js';

/**
 * Prompts and schemas for the measurement pipeline's three steps, in our words:
 * (a) a persona card from a dialogue, (b) one behavioural sentence per
 * dimension, (c) 1–5 ratings of inventory statements for the person so described.
 * No step ever sees a persona's target scores.
 */
export const MEASUREMENT_PROMPT_VERSION = '1';

const nullableText = { type: ['string', 'null'] } as const;

export const CARD_SCHEMA: JsonSchemaFormat = {
  name: 'persona_card',
  schema: {
    type: 'object',
    properties: {
      age_band: { type: ['string', 'null'], enum: [...AGE_BANDS, null], description: 'Most likely age band, or null without any clue.' },
      gender: { ...nullableText, description: 'Gender if the chat hints at it, else null.' },
      occupation: { ...nullableText, description: 'Occupation or main activity if the chat hints at it, else null.' },
      description: { type: 'string', description: 'Two or three sentences: life situation, background, what they are dealing with.' },
    },
    required: ['age_band', 'gender', 'occupation', 'description'],
    additionalProperties: false,
  },
};

function stringGroup(keys: readonly string[]) {
  return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, { type: 'string' }])), required: [...keys], additionalProperties: false };
}

export const BEHAVIOUR_SCHEMA: JsonSchemaFormat = {
  name: 'behaviour_descriptions',
  schema: {
    type: 'object',
    properties: { hexaco: stringGroup(HEXACO_KEYS), csi: stringGroup(CSI_KEYS) },
    required: ['hexaco', 'csi'],
    additionalProperties: false,
  },
};

export function ratingSchema(items: readonly InventoryItem[]): JsonSchemaFormat {
  return {
    name: 'inventory_ratings',
    schema: {
      type: 'object',
      properties: Object.fromEntries(items.map((item) => [item.id, { type: 'integer', enum: [1, 2, 3, 4, 5] }])),
      required: items.map((item) => item.id),
      additionalProperties: false,
    },
  };
}

export function cardMessages(turns: readonly Turn[], speaker: Speaker): ChatMessage[] {
  const who = SPEAKER_LABEL[speaker];
  return [
    {
      role: 'system',
      content: [
        'You read a text chat between a Seeker (someone looking for emotional support) and a Supporter, and sketch who one of them is.',
        `Describe the ${who} only. Infer what the chat reasonably suggests; where it gives no clue at all, use null rather than inventing.`,
        `age_band is one of: ${AGE_BANDS.map((b) => `"${b}"`).join(', ')}, or null.`,
        'Answer with one JSON object only: {"age_band": "25-34", "gender": "woman", "occupation": "nurse", "description": "..."}',
      ].join('\n'),
    },
    { role: 'user', content: `The chat:\n\n${transcript(turns, 200)}\n\nWrite the ${who}'s persona card as JSON.` },
  ];
}

export function cardText(card: ExtractedCard): string {
  const facts = [card.age_band ? `age ${card.age_band}` : undefined, card.gender ?? undefined, card.occupation ?? undefined].filter(Boolean);
  return `${facts.length > 0 ? `${facts.join(', ')}. ` : ''}${card.description}`;
}

function dimensionList(): string[] {
  return [
    'Personality (key: dimension — high end / low end):',
    ...HEXACO_KEYS.map((k) => `- ${k}: ${HEXACO_GUIDES[k].name} — ${HEXACO_GUIDES[k].high} / ${HEXACO_GUIDES[k].low}`),
    'Communication style:',
    ...CSI_KEYS.map((k) => `- ${k}: ${CSI_GUIDES[k].name} — ${CSI_GUIDES[k].high} / ${CSI_GUIDES[k].low}`),
  ];
}

function behaviourExample(): string {
  const hexaco = HEXACO_KEYS.map((k) => `"${k}": "..."`).join(', ');
  const csi = CSI_KEYS.map((k) => `"${k}": "..."`).join(', ');
  return `{"hexaco": {${hexaco}}, "csi": {${csi}}}`;
}

/** (b) from a dialogue (with its card) or from a free-text description of a person. */
export function behaviourMessages(source: { turns: readonly Turn[]; speaker: Speaker; card: ExtractedCard } | { description: string }): ChatMessage[] {
  const subject = 'description' in source ? 'the person described' : `the ${SPEAKER_LABEL[source.speaker]}`;
  const system = [
    `For each dimension below, write one sentence describing what ${subject} typically does — concrete behaviour, in the third person.`,
    'Say where the person sits on the dimension through what they do (for example "rarely asks questions and accepts what she is told"); do not give numbers.',
    'If the evidence says little about a dimension, describe the most likely middle-of-the-road behaviour in a cautious sentence.',
    '',
    ...dimensionList(),
    '',
    `Answer with one JSON object only: ${behaviourExample()}`,
  ].join('\n');
  const user =
    'description' in source
      ? `The person:\n${source.description}\n\nWrite the twelve sentences as JSON.`
      : `Persona card of the ${SPEAKER_LABEL[source.speaker]}: ${cardText(source.card)}\n\nThe chat:\n\n${transcript(source.turns, 200)}\n\nWrite the twelve sentences about the ${SPEAKER_LABEL[source.speaker]} as JSON.`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

/** The profile a rater reads in step (c): who the person is and how they behave. */
export function profileText(intro: string, behaviours: { hexaco: Record<HexacoKey, string>; csi: Record<CsiKey, string> }): string {
  return [
    intro,
    '',
    'How this person behaves:',
    ...HEXACO_KEYS.map((k) => `- ${behaviours.hexaco[k]}`),
    ...CSI_KEYS.map((k) => `- ${behaviours.csi[k]}`),
  ].join('\n');
}

export function ratingMessages(profile: string, items: readonly InventoryItem[]): ChatMessage[] {
  const example = items.slice(0, 2).map((item, i) => `"${item.id}": ${i === 0 ? 4 : 2}`);
  return [
    {
      role: 'system',
      content: [
        'You rate questionnaire statements for a person you know from a short profile.',
        'For each statement, answer how well it describes this person: 1 = strongly disagree, 2 = disagree, 3 = neither agree nor disagree, 4 = agree, 5 = strongly agree.',
        'Rate every statement, each on its own; whole numbers only.',
        `Answer with one JSON object only, mapping every statement id to its rating, e.g. {${example.join(', ')}, ...}`,
      ].join('\n'),
    },
    {
      role: 'user',
      content: `The person:\n${profile}\n\nStatements:\n${items.map((item) => `${item.id}: ${item.text}`).join('\n')}\n\nRate all ${items.length} statements as JSON.`,
    },
  ];
}

/** What a step asks when its answer was unusable: the same request, the answer, and what was wrong with it. */
export function retryMessages(messages: ChatMessage[], answer: string, problem: string): ChatMessage[] {
  return [
    ...messages,
    { role: 'assistant', content: answer },
    { role: 'user', content: `That answer could not be used: ${problem}. Answer again with the JSON object only, exactly as asked.` },
  ];
}
