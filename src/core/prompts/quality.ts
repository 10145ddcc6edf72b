import type { Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { transcriptLine } from './transcript.js';

/**
 * The dialogue-quality rater's prompt: the four numbers ESConv's seekers gave
 * in their survey (the supporter's empathy and relevance, the seeker's emotion
 * intensity before and after), here estimated by a judge model from the
 * transcript. It sees speakers and words only: no persona, no arm, no strategy
 * label — a rater that knew which arm a conversation came from could rate the
 * arm instead of the conversation, and the comparison across arms would
 * measure that. quality/schema.ts checks every answer against the same shape.
 */
export const QUALITY_PROMPT_VERSION = '1';

export const QUALITY_MIN = 1;
export const QUALITY_MAX = 5;

const score = (description: string) => ({ type: 'integer', minimum: QUALITY_MIN, maximum: QUALITY_MAX, description }) as const;

/** The answer asked for (strict mode: every property required, no extras). */
export const QUALITY_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'dialogue_quality',
  schema: {
    type: 'object',
    properties: {
      observations: { type: 'string', description: 'Two or three sentences on how the support went.' },
      empathy: score("How well the Supporter understood and acknowledged the Seeker's feelings: 1 (not at all) to 5 (fully)."),
      relevance: score("How closely the Supporter's replies addressed what the Seeker actually said: 1 (off topic) to 5 (always on point)."),
      initial_intensity: score("How intense the Seeker's negative emotion is at the start of the chat: 1 (mild) to 5 (overwhelming)."),
      final_intensity: score("How intense the Seeker's negative emotion is by the end of the chat: 1 (mild) to 5 (overwhelming)."),
    },
    required: ['observations', 'empathy', 'relevance', 'initial_intensity', 'final_intensity'],
    additionalProperties: false,
  },
};

function qualitySystemPrompt(): string {
  return [
    'You evaluate emotional-support chats. You read a text chat between a Seeker (someone looking for emotional support) and a Supporter.',
    'Your task: rate how the support went, as the Seeker would have rated it in a short survey afterwards.',
    '',
    'Four ratings, each a whole number from 1 to 5:',
    "- empathy: how well the Supporter understood and acknowledged the Seeker's feelings. 1 = not at all (dismissive, cold or mechanical); 3 = partly; 5 = fully (the Seeker would feel understood).",
    "- relevance: how closely the Supporter's replies addressed what the Seeker actually said. 1 = mostly off topic or generic; 3 = partly; 5 = always on point.",
    "- initial_intensity: how intense the Seeker's negative emotion is in their first messages. 1 = mild; 3 = clearly distressed; 5 = overwhelming.",
    "- final_intensity: the same scale, for the Seeker's last messages. Lower than initial_intensity when the Seeker feels better by the end; the same when nothing changed; higher when they feel worse.",
    '',
    'Rules:',
    '- Use only evidence in the chat. Rate what the messages show, not what a supporter of this kind usually does.',
    '- Judge the Supporter by how the replies would land for this Seeker, not by length or polish.',
    '- Every rating is required and must be a whole number: 1, 2, 3, 4 or 5.',
    '',
    'First write your observations in two or three sentences, then the ratings.',
    'Answer with one JSON object only, exactly in this shape: {"observations": "...", "empathy": 4, "relevance": 4, "initial_intensity": 4, "final_intensity": 2}',
  ].join('\n');
}

/** Messages the rater always sees from the start of a long chat: the first intensity is read there. */
const OPENING_TURNS = 8;

/** A long chat keeps its opening and its end, with a note where the middle was left out. */
export function qualityTranscript(turns: readonly Pick<Turn, 'speaker' | 'text'>[], maxTurns = 40): string {
  if (turns.length <= maxTurns) return turns.map(transcriptLine).join('\n');
  const opening = Math.min(OPENING_TURNS, Math.floor(maxTurns / 2));
  const head = turns.slice(0, opening);
  const tail = turns.slice(turns.length - (maxTurns - opening));
  return [...head.map(transcriptLine), `(${turns.length - head.length - tail.length} messages in the middle not shown)`, ...tail.map(transcriptLine)].join('\n');
}

/** The request for one conversation: built from speakers and texts only. */
export function qualityMessages(turns: readonly Turn[], maxTurns = 40): ChatMessage[] {
  return [
    { role: 'system', content: qualitySystemPrompt() },
    { role: 'user', content: `The chat:\n\n${qualityTranscript(turns, maxTurns)}\n\nRate the support in this chat. Answer with the JSON object only.` },
  ];
}
