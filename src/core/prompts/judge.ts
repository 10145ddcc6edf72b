import type { Speaker, Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN } from '../traits/dimensions.js';
import { CSI_GUIDES, HEXACO_GUIDES, type PoleGuide } from './trait-guides.js';
import { SPEAKER_LABEL, transcript } from './transcript.js';

/**
 * The trait judge's prompt. It sees the transcript and nothing else: no persona,
 * no target scores, no strategy labels — an estimate anchored on the target
 * would hide exactly the drift the meter exists to show. Written for small
 * models: one task, every scale spelled out, the answer format shown in full.
 * traits/judge-schema.ts checks every answer against the same shape.
 */
export const JUDGE_PROMPT_VERSION = '1';

/** The answer asked for (strict mode: every property required, nullable instead of optional). */
const dimensionJson = {
  type: 'object',
  properties: {
    score: { type: ['number', 'null'], description: `${TRAIT_MIN} (very low) to ${TRAIT_MAX} (very high); null only if there is no evidence at all.` },
    confidence: { type: 'number', description: '0 (a pure guess) to 1 (strong, repeated evidence).' },
  },
  required: ['score', 'confidence'],
  additionalProperties: false,
} as const;

function group(keys: readonly string[]) {
  return {
    type: 'object',
    properties: Object.fromEntries(keys.map((k) => [k, dimensionJson])),
    required: [...keys],
    additionalProperties: false,
  };
}

export const JUDGE_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'trait_estimate',
  schema: {
    type: 'object',
    properties: {
      observations: { type: 'string', description: 'Two or three sentences on what stands out in how this speaker writes.' },
      hexaco: group(HEXACO_KEYS),
      csi: group(CSI_KEYS),
    },
    required: ['observations', 'hexaco', 'csi'],
    additionalProperties: false,
  },
};

function guideLines(key: string, g: PoleGuide): string {
  return `- ${key} ${g.name}: high = ${g.high}; low = ${g.low}.`;
}

function exampleAnswer(): string {
  const dim = '{"score": 3, "confidence": 0.4}';
  const hexaco = HEXACO_KEYS.map((k) => `"${k}": ${dim}`).join(', ');
  const csi = CSI_KEYS.map((k) => `"${k}": ${dim}`).join(', ');
  return `{"observations": "...", "hexaco": {${hexaco}}, "csi": {${csi}}}`;
}

export function judgeSystemPrompt(speaker: Speaker): string {
  const who = SPEAKER_LABEL[speaker];
  return [
    'You are a careful personality psychologist. You read a text chat between a Seeker (someone looking for emotional support) and a Supporter.',
    `Your task: estimate the personality and communication style that the ${who} shows in this chat so far.`,
    '',
    `Rules:`,
    `- Rate only the ${who}. The other person's messages are context, not evidence about the ${who}.`,
    '- Use only evidence in the chat: what they say and how they say it. Do not assume a trait from the role alone.',
    '- Scores go from 1 (very low) through 3 (middle) to 5 (very high); decimals such as 3.5 are fine.',
    '- Confidence goes from 0 to 1: about 0.2 when you are guessing from very little text, about 0.5 with some evidence, 0.8 or more only with clear, repeated evidence. Early in a chat, confidence should be low.',
    '- Give a score for every dimension. Use null as the score only when the chat gives no hint at all about that dimension, and then confidence 0.',
    '',
    'Personality (HEXACO):',
    ...HEXACO_KEYS.map((k) => guideLines(k, HEXACO_GUIDES[k])),
    '',
    'Communication style (CSI):',
    ...CSI_KEYS.map((k) => guideLines(k, CSI_GUIDES[k])),
    '',
    'First write your observations in two or three sentences, then the scores.',
    `Answer with one JSON object only, exactly in this shape: ${exampleAnswer()}`,
  ].join('\n');
}

export function judgeMessages(turns: readonly Turn[], speaker: Speaker, maxTurns = 40): ChatMessage[] {
  const who = SPEAKER_LABEL[speaker];
  return [
    { role: 'system', content: judgeSystemPrompt(speaker) },
    {
      role: 'user',
      content: `The chat so far:\n\n${transcript(turns, maxTurns)}\n\nEstimate the ${who}'s scores. Answer with the JSON object only.`,
    },
  ];
}
