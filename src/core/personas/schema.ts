import { z } from 'zod';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN } from '../traits/dimensions.js';

/**
 * The persona file schema. YAML keys are snake_case so files stay friendly to
 * hand-editing; the parsed object keeps the same names so a persona written back
 * out round-trips without a mapping layer.
 */
const trait = z
  .number({ error: 'must be a number from 1 to 5' })
  .min(TRAIT_MIN, { error: `must be at least ${TRAIT_MIN}` })
  .max(TRAIT_MAX, { error: `must be at most ${TRAIT_MAX}` });

export const HexacoSchema = z.strictObject(
  Object.fromEntries(HEXACO_KEYS.map((k) => [k, trait])) as Record<(typeof HEXACO_KEYS)[number], typeof trait>,
);
export const CsiSchema = z.strictObject(
  Object.fromEntries(CSI_KEYS.map((k) => [k, trait])) as Record<(typeof CSI_KEYS)[number], typeof trait>,
);

export const ROLES = ['seeker', 'supporter', 'either'] as const;
export type Role = (typeof ROLES)[number];

export const AGE_BANDS = ['under 18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

export const EMOTION_TYPES = [
  'anxiety', 'depression', 'sadness', 'anger', 'fear', 'shame', 'disgust', 'nervousness', 'guilt', 'jealousy', 'pain',
] as const;
export const PROBLEM_TYPES = [
  'ongoing depression', 'breakup with partner', 'job crisis', 'problems with friends', 'academic pressure',
  'sleep problems', 'issues with parents', 'issues with children', 'conflict with parents', 'procrastination',
  'alcohol abuse', 'appearance anxiety', 'bereavement', 'school bullying', 'loneliness', 'financial problems',
  'health worries', 'workplace conflict', 'moving away',
] as const;

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });

/**
 * Where a generated or imported persona came from (`personas generate` / `personas
 * import FILE`), so a study can trace each persona to the model, prompts, seed and
 * text that made it. Informational: nothing reads it to decide how a persona is played.
 */
export const ProvenanceSchema = z.strictObject({
  generator: z.literal('persona-talks', { error: 'must be "persona-talks"' }),
  /** generate: a model wrote the description from a seed; import: the description came from a file. */
  method: z.enum(['generate', 'import'], { error: 'must be generate or import' }),
  /** The model that wrote the card and scored the traits. */
  model: text(200),
  /** Every prompt the persona went through, as "name@version" words joined by spaces. */
  promptVersion: text(200),
  prompts: z.record(z.string(), z.string()).optional(),
  /** The seed sent with the candidate's model calls. */
  seed: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be at least 0' }),
  /** The description the persona was made from: the imported line, or the seed a new description was written from. */
  source: text(4000),
  sourceFile: text(1000).optional(),
  sourceLine: z.number().int().min(1).optional(),
  /** generate: the new description the model wrote from the seed (the card was made from it). */
  expanded: text(4000).optional(),
  /** The candidate's key in its run: a second run with the same arguments skips it. */
  candidate: text(200).optional(),
  createdAt: text(40),
  appVersion: text(40).optional(),
});

export type Provenance = z.infer<typeof ProvenanceSchema>;

export const PersonaSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: 'must be lowercase letters, digits and dashes (e.g. "anxious-student")' }),
    role: z.enum(ROLES, { error: `must be one of: ${ROLES.join(', ')}` }),
    name: text(80),
    /** A baseline persona carries no traits: the paper's "without persona" condition. */
    baseline: z.boolean().optional(),
    /**
     * The traits are not known yet (e.g. a character card imported with no model to
     * score it): HEXACO and CSI are left out until the user or `personas score` fills them in.
     */
    unscored: z.boolean().optional(),
    age_band: z.enum(AGE_BANDS, { error: `must be one of: ${AGE_BANDS.join(', ')}` }).optional(),
    gender: text(40).optional(),
    occupation: text(80).optional(),
    description: text(2000),
    hexaco: HexacoSchema.optional(),
    csi: CsiSchema.optional(),
    notes: z.string().max(4000, { error: 'must be at most 4000 characters' }).optional(),
    // Seeker context (ESConv). Emotion/problem types are open vocabularies: the lists
    // above are suggestions for pickers, not a closed set.
    emotion_type: text(40).optional(),
    problem_type: text(60).optional(),
    situation: text(2000).optional(),
    initial_intensity: z
      .number({ error: 'must be a whole number from 1 to 5' })
      .int({ error: 'must be a whole number from 1 to 5' })
      .min(1, { error: 'must be at least 1' })
      .max(5, { error: 'must be at most 5' })
      .optional(),
    provenance: ProvenanceSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.baseline && !p.unscored) {
      if (!p.hexaco) ctx.addIssue({ code: 'custom', path: ['hexaco'], message: 'is required (all six of H, E, X, A, C, O) unless baseline: true' });
      if (!p.csi) ctx.addIssue({ code: 'custom', path: ['csi'], message: 'is required (all six CSI dimensions) unless baseline: true' });
    }
    if (p.unscored && p.baseline) ctx.addIssue({ code: 'custom', path: ['unscored'], message: 'contradicts baseline: true (a baseline has no traits to score)' });
    // Half-filled traits would be read as a personality: filling them in and dropping the flag go together.
    if (p.unscored && (p.hexaco || p.csi)) {
      ctx.addIssue({ code: 'custom', path: ['unscored'], message: 'must be removed once hexaco and csi are filled in' });
    }
    if (p.role === 'seeker') {
      for (const field of ['emotion_type', 'problem_type', 'situation', 'initial_intensity'] as const) {
        // `anchor` tells the loader which line to blame when the field is absent: the role line.
        if (p[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'is required for a seeker', params: { anchor: ['role'] } });
      }
    }
    if (p.baseline && p.role === 'seeker') {
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'only a supporter can be a baseline (no persona)' });
    }
    // A baseline stands for the paper's "without persona" condition, so traits would contradict it.
    if (p.baseline && (p.hexaco || p.csi)) {
      ctx.addIssue({ code: 'custom', path: [p.hexaco ? 'hexaco' : 'csi'], message: 'must be left out when baseline: true (a baseline has no traits)' });
    }
  });

export type Persona = z.infer<typeof PersonaSchema>;

/** A persona can play the seeker when it is a seeker, or "either" with the seeker context filled in. */
export function canPlay(persona: Persona, side: 'seeker' | 'supporter'): boolean {
  if (persona.role === side) return true;
  if (persona.role !== 'either') return false;
  if (side === 'supporter') return true;
  return Boolean(persona.situation && persona.emotion_type && persona.problem_type);
}
