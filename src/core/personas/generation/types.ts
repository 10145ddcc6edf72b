import type { Csi, Hexaco } from '../../traits/dimensions.js';
import type { Role } from '../schema.js';

/**
 * The words of persona generation and import (`personas generate`, `personas
 * import FILE`): a candidate is one description on its way to becoming a
 * persona; it ends saved, dropped by the quality filter (with the rule and the
 * reason), or failed (the server did not answer; a later run tries it again).
 */

export type GenerationMethod = 'generate' | 'import';

export interface Candidate {
  /** Stable across runs with the same arguments: a finished candidate is never redone. */
  key: string;
  /** Position in the run's order of candidates, from 0. */
  index: number;
  /** The seed sent with this candidate's model calls. */
  seed: number;
  method: GenerationMethod;
  role: Role;
  /** import: the description to turn into a persona; generate: the seed a new description is written from. */
  source: string;
  sourceFile?: string;
  sourceLine?: number;
  /** generate: how the new person relates to the seed person, and where they live. */
  variant?: { relation: string; setting: string };
  /** Decided before any model call (a repeated line of the input): dropped as it is. */
  predropped?: Drop;
}

/** The ESConv context a seeker (or an "either" persona) brings to a conversation. */
export interface SeekerCard {
  emotion_type: string | null;
  problem_type: string | null;
  situation: string | null;
  initial_intensity: number | null;
}

/** What the card step reads out of a description; nulls are what the model could not tell. */
export interface PersonCard {
  is_person: boolean;
  name: string;
  age_band: string | null;
  gender: string | null;
  occupation: string | null;
  /** The socio-demographic description, in the third person: the persona's description. */
  description: string;
  /** Present when the role may seek support (seeker, either). */
  seeker?: SeekerCard;
}

export interface ConsistencyVerdict {
  consistent: boolean;
  problems: string[];
}

/** The quality filter's rules, in the order they are applied (docs/persona-generation.md explains each). */
export const DROP_RULES = [
  'not-a-description',
  'too-long',
  'duplicate',
  'not-a-person',
  'card-incomplete',
  'seeker-context-missing',
  'age-contradicts-description',
  'age-contradicts-occupation',
  'gender-contradicts-description',
  'judged-inconsistent',
  'traits-incomplete',
  'traits-straight-lined',
  'model-answer-unusable',
] as const;
export type DropRule = (typeof DROP_RULES)[number];

export interface Drop {
  rule: DropRule;
  /** In words, for a person reading dropped.jsonl. */
  reason: string;
}

export interface ScoredTraits {
  hexaco: Hexaco;
  csi: Csi;
  /** Raw 1–5 ratings by item id, before reverse keying. */
  answers: Record<string, number>;
  missing: string[];
}
