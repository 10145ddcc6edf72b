import type { Turn } from '../domain.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import type { Persona } from '../personas/schema.js';

/**
 * What `doctor` asks a model: a plain question to stream (streaming, speed,
 * reasoning), a structured-output question that does not mention JSON (so only a
 * server that enforces json_schema answers in JSON), and the personas its
 * role-play probes put through the agents' own prompts (prompts/agents.ts).
 */
export const DOCTOR_PROMPT_VERSION = '1';

export function streamingProbeMessages(): ChatMessage[] {
  return [
    { role: 'system', content: 'You are a friendly assistant. Answer briefly.' },
    { role: 'user', content: 'In two short sentences: what helps someone unwind after a long, stressful day?' },
  ];
}

export function jsonProbeMessages(): ChatMessage[] {
  return [{ role: 'user', content: 'Name one farm animal and how many legs it has.' }];
}

export const JSON_PROBE_SCHEMA: JsonSchemaFormat = {
  name: 'doctor_probe',
  schema: {
    type: 'object',
    properties: { animal: { type: 'string' }, legs: { type: 'integer' } },
    required: ['animal', 'legs'],
    additionalProperties: false,
  },
};

/**
 * The two personas of the role-play probes: a seeker in plain distress (the role
 * models most often decline) and a supporter with a personality, so a probe looks
 * like a real first turn of each side.
 */
export const PROBE_SEEKER: Persona = {
  id: 'doctor-probe-seeker',
  role: 'seeker',
  name: 'Rowan Ellery',
  age_band: '35-44',
  gender: 'man',
  occupation: 'warehouse shift lead',
  description: 'A steady, private man who has been quietly overwhelmed since his father moved in with him after a fall.',
  hexaco: { H: 3.8, E: 4.1, X: 2.2, A: 3.6, C: 3.9, O: 2.8 },
  csi: { expressiveness: 2.2, preciseness: 3.6, verbal_aggressiveness: 1.8, questioningness: 2.4, emotionality: 4, impression_manipulativeness: 1.6 },
  emotion_type: 'anxiety',
  problem_type: 'issues with parents',
  situation: 'His father needs care every evening; Rowan has stopped sleeping properly and feels guilty for resenting it.',
  initial_intensity: 4,
};

export const PROBE_SUPPORTER: Persona = {
  id: 'doctor-probe-supporter',
  role: 'supporter',
  name: 'Imke Sandvik',
  description: 'A former ferry dispatcher who listens closely and speaks plainly.',
  hexaco: { H: 4.2, E: 2.8, X: 3, A: 4.3, C: 3.7, O: 3.4 },
  csi: { expressiveness: 3, preciseness: 3.8, verbal_aggressiveness: 1.3, questioningness: 3.6, emotionality: 2.8, impression_manipulativeness: 1.2 },
};

/** The seeker's opening line the supporter probe answers. */
export const PROBE_OPENING: Turn = {
  index: 0,
  speaker: 'seeker',
  text: "Hi. My dad moved in after his fall and I haven't slept properly in weeks. I feel awful for being angry about it.",
  by: 'ai',
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:00:01.000Z',
};
