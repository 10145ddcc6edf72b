import type { ChatClient } from '../../llm/types.js';
import { CONSISTENCY_SCHEMA, consistencyMessages } from '../../prompts/persona-check.js';
import { needsSeekerContext, personaCardMessages, personaCardSchema } from '../../prompts/persona-card.js';
import { EXPANSION_SCHEMA, expansionMessages, type ExpansionVariant } from '../../prompts/persona-expansion.js';
import { structuredStep, type Checked, type StepOptions } from '../../traits/pipeline-call.js';
import { AGE_BANDS, EMOTION_TYPES, PROBLEM_TYPES, type Role } from '../schema.js';
import { MAX_DESCRIPTION_CHARS, normaliseDescription } from './rules.js';
import type { ConsistencyVerdict, PersonCard, SeekerCard } from './types.js';

/**
 * The three model calls persona generation adds to the measurement pipeline:
 * write a description from a seed, read a card out of a description, check the
 * card against it. Each answer is validated; an unusable one is asked for once
 * more with what was wrong (structuredStep, as every measuring step does), and a
 * second miss throws PipelineError, which the candidate records as a drop.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text field: trimmed, one line of spaces; "unknown"-style fillers count as absent. */
function textField(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = normaliseDescription(value);
  return text === '' || /^(unknown|n\/?a|none|null|not given|not stated|unspecified)$/i.test(text) ? null : text;
}

function tooLong(field: string, text: string | null, max: number): string | undefined {
  return text !== null && text.length > max ? `${field} is ${text.length} characters; keep it under ${max}` : undefined;
}

export function checkExpansion(json: unknown): Checked<string> {
  if (!isObject(json)) return { ok: false, problem: 'expected a JSON object with a "description"' };
  const description = textField(json.description);
  if (!description) return { ok: false, problem: 'description is missing or empty' };
  const long = tooLong('description', description, 600);
  return long ? { ok: false, problem: long } : { ok: true, value: description };
}

const oneOf = (field: string, value: unknown, allowed: readonly (string | number)[]): string | undefined =>
  value === null || allowed.includes(value as string | number) ? undefined : `${field} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, or null`;

/** A card the rules can read: types right, values from the lists. Whether it is complete is the rules' question, not a retry's. */
export function checkCard(json: unknown, role: Role): Checked<PersonCard> {
  if (!isObject(json)) return { ok: false, problem: 'expected a JSON object' };
  if (typeof json.is_person !== 'boolean') return { ok: false, problem: 'is_person must be true or false' };
  if (!json.is_person) return { ok: true, value: { is_person: false, name: '', age_band: null, gender: null, occupation: null, description: '' } };
  const card: PersonCard = {
    is_person: true,
    name: textField(json.name) ?? '',
    age_band: typeof json.age_band === 'string' ? json.age_band.trim() : null,
    gender: textField(json.gender),
    occupation: textField(json.occupation),
    description: textField(json.description) ?? '',
  };
  if (card.name === '') return { ok: false, problem: 'name is missing: invent a plausible first and last name' };
  if (card.description === '') return { ok: false, problem: 'description is missing or empty' };
  const problem =
    oneOf('age_band', card.age_band, AGE_BANDS) ??
    tooLong('name', card.name, 80) ??
    tooLong('gender', card.gender, 40) ??
    tooLong('occupation', card.occupation, 80) ??
    tooLong('description', card.description, MAX_DESCRIPTION_CHARS);
  if (problem) return { ok: false, problem };
  if (!needsSeekerContext(role)) return { ok: true, value: card };

  const intensity = json.initial_intensity;
  const seeker: SeekerCard = {
    situation: textField(json.situation),
    emotion_type: typeof json.emotion_type === 'string' ? json.emotion_type.trim().toLowerCase() : null,
    problem_type: typeof json.problem_type === 'string' ? json.problem_type.trim().toLowerCase() : null,
    initial_intensity: typeof intensity === 'number' ? intensity : null,
  };
  const seekerProblem =
    oneOf('emotion_type', seeker.emotion_type, EMOTION_TYPES) ??
    oneOf('problem_type', seeker.problem_type, PROBLEM_TYPES) ??
    oneOf('initial_intensity', seeker.initial_intensity, [1, 2, 3, 4, 5]) ??
    tooLong('situation', seeker.situation, MAX_DESCRIPTION_CHARS);
  return seekerProblem ? { ok: false, problem: seekerProblem } : { ok: true, value: { ...card, seeker } };
}

export function checkVerdict(json: unknown): Checked<ConsistencyVerdict> {
  if (!isObject(json)) return { ok: false, problem: 'expected a JSON object with "consistent" and "problems"' };
  if (typeof json.consistent !== 'boolean') return { ok: false, problem: 'consistent must be true or false' };
  if (!Array.isArray(json.problems)) return { ok: false, problem: 'problems must be a list of sentences (empty when consistent)' };
  const problems = json.problems.map(textField).filter((p): p is string => p !== null).map((p) => p.slice(0, 300));
  // "Inconsistent" without a reason cannot be told from a guess: ask for the reason.
  if (!json.consistent && problems.length === 0) return { ok: false, problem: 'consistent is false but problems names no contradiction; name each one' };
  return { ok: true, value: { consistent: json.consistent, problems: json.consistent ? [] : problems.slice(0, 5) } };
}

/** `personas generate`: a new description from a seed (sampled: temperature > 0, so candidates differ). */
export function expandSeed(client: ChatClient, seed: string, role: Role, variant: ExpansionVariant, options: StepOptions = {}): Promise<string> {
  return structuredStep(client, 'description', expansionMessages(seed, role, variant), EXPANSION_SCHEMA, checkExpansion, options);
}

export function extractPersonCard(client: ChatClient, description: string, role: Role, options: StepOptions = {}): Promise<PersonCard> {
  return structuredStep(client, 'persona card', personaCardMessages(description, role), personaCardSchema(role), (json) => checkCard(json, role), { ...options, temperature: 0 });
}

export function checkConsistency(client: ChatClient, description: string, card: PersonCard, options: StepOptions = {}): Promise<ConsistencyVerdict> {
  return structuredStep(client, 'consistency check', consistencyMessages(description, card), CONSISTENCY_SCHEMA, checkVerdict, { ...options, temperature: 0 });
}
