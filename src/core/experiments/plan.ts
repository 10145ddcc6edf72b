import { readFile, stat } from 'node:fs/promises';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { TURN_CAP } from '../config/settings.js';
import { ENGINE_KINDS } from '../domain.js';
import type { PersonaError } from '../personas/errors.js';
import { issuesToErrors } from '../personas/issues.js';
import { lineOfField, type FieldPath } from '../personas/locate.js';
import { stripControlsDeep } from '../sanitize.js';

/**
 * An experiment plan: which personas meet under which arms, engines and models,
 * how often, and how each conversation is measured. YAML, validated here; a
 * problem is reported as `file:line field: message`, as persona files are.
 */

/** A plan is a page of YAML; anything much bigger is a mistake. */
export const MAX_PLAN_FILE_BYTES = 1024 * 1024;
export const MAX_CONCURRENCY = 256;
export const MEASUREMENTS = ['posthoc', 'live', 'off'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

/** Arm and model names become part of conversation ids and file names. */
const name = z
  .string({ error: 'must be text' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: 'must be 1–40 letters, digits, dots, dashes or underscores, starting with a letter or digit' });

const url = z
  .string({ error: 'must be an http:// or https:// URL' })
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), { error: 'must be an http:// or https:// URL' });

const modelName = z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).max(200);
/** The name of an environment variable holding the key for that endpoint: keys never go in a plan file. */
const envName = z.string({ error: 'must be text' }).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be the name of an environment variable, e.g. VLLM_API_KEY' });

const RoleModelSchema = z.strictObject({ model: modelName.optional(), baseURL: url.optional(), apiKeyEnv: envName.optional() });

const ROLES = ['seeker', 'supporter', 'judge'] as const;

const ModelSchema = z
  .strictObject({
    name,
    /** Shorthands for every role of this configuration. */
    model: modelName.optional(),
    baseURL: url.optional(),
    apiKeyEnv: envName.optional(),
    seeker: RoleModelSchema.optional(),
    supporter: RoleModelSchema.optional(),
    /** Without one, the judge uses the supporter's model and server. */
    judge: RoleModelSchema.optional(),
  })
  .superRefine((m, ctx) => {
    for (const role of ROLES) {
      if (role === 'judge' && !m.judge) continue; // then the supporter's model measures
      if (!m[role]?.model && !m.model) {
        ctx.addIssue({ code: 'custom', path: m[role] ? [role] : ['name'], message: `names no model for the ${role}: give \`model:\` under ${role}, or for the whole configuration` });
      }
    }
  });

const ArmSchema = z.strictObject({
  name,
  seekerTraits: z.boolean({ error: 'must be true or false' }),
  supporterPersona: z.boolean({ error: 'must be true or false' }),
  supporterKnowsSeeker: z.boolean({ error: 'must be true or false' }),
});

const personaId = z.string({ error: 'must be a persona id' }).trim().min(1, { error: 'must not be empty' });
const PersonaPickSchema = z.union([z.literal('all'), z.array(personaId).min(1, { error: 'must name at least one persona' }), z.strictObject({ folder: z.string().trim().min(1) })], {
  error: 'must be `all`, a list of persona ids, or `{ folder: PATH }`',
});

const LimitsSchema = z.strictObject({ requestsPerMinute: wholeNumber(1, 1_000_000).optional(), tokensPerMinute: wholeNumber(1, 1_000_000_000).optional() });

function uniqueNames(items: readonly { name: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${item.name}" is used twice; names must differ` });
    seen.add(item.name);
  });
}

export const PlanSchema = z.strictObject({
  name: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).max(200),
  /** An extra persona folder (besides the bundled and the user's), relative to the plan file. */
  personas: z.string().trim().min(1).optional(),
  seekers: PersonaPickSchema,
  supporters: PersonaPickSchema,
  arms: z.array(ArmSchema, { error: 'must be a list of arms' }).min(1, { error: 'must name at least one arm' }).superRefine(uniqueNames),
  engines: z.array(z.enum(ENGINE_KINDS, { error: `must be one of: ${ENGINE_KINDS.join(', ')}` })).min(1).default(['agents']),
  models: z.array(ModelSchema, { error: 'must be a list of model configurations' }).min(1, { error: 'must name at least one model configuration' }).superRefine(uniqueNames),
  repetitions: wholeNumber(1, 100_000),
  turnCap: wholeNumber(TURN_CAP.min, TURN_CAP.max).default(TURN_CAP.fallback),
  temperature: z.number({ error: 'must be a number from 0 to 2' }).min(0, { error: 'must be a number from 0 to 2' }).max(2, { error: 'must be a number from 0 to 2' }).default(0.8),
  seedBase: wholeNumber(0, 2_000_000_000).default(0),
  measurement: z.enum(MEASUREMENTS, { error: `must be one of: ${MEASUREMENTS.join(', ')}` }).default('posthoc'),
  classifier: z.boolean({ error: 'must be true or false' }).default(true),
  quality: z.boolean({ error: 'must be true or false' }).default(false),
  concurrency: wholeNumber(1, MAX_CONCURRENCY).default(4),
  rateLimits: z.record(url, LimitsSchema).optional(),
});

export type Plan = z.infer<typeof PlanSchema>;
export type PlanModel = Plan['models'][number];
export type PlanArm = Plan['arms'][number];
export type PlanIssue = PersonaError;

export type LoadedPlan =
  | {
      ok: true;
      plan: Plan;
      file: string;
      /** The file's bytes as read: the experiment folder keeps a copy. */
      text: string;
      /** The line of a field, for problems found after validation (an unknown persona id). */
      lineOf(path: FieldPath): number | undefined;
    }
  | { ok: false; issues: PlanIssue[] };

const KNOWN: Record<string, readonly string[]> = {
  '': Object.keys(PlanSchema.shape),
  arms: Object.keys(ArmSchema.shape),
  models: ['name', 'model', 'baseURL', 'apiKeyEnv', ...ROLES],
  seekers: ['folder'],
  supporters: ['folder'],
  ...Object.fromEntries(ROLES.map((role) => [`models.${role}`, Object.keys(RoleModelSchema.shape)])),
};

function knownKeys(parent: FieldPath): readonly string[] | undefined {
  const named = parent.filter((key) => typeof key === 'string').join('.');
  return named.startsWith('rateLimits.') ? Object.keys(LimitsSchema.shape) : KNOWN[named];
}

/** Parses and validates a plan from YAML text; `file` labels the problems. */
export function parsePlan(text: string, file: string): LoadedPlan {
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The parser can report one mistake twice from two angles; each line and message once.
    const issues = doc.errors.map((e) => ({ file, line: counter.linePos(e.pos[0]).line, message: `YAML syntax error: ${e.message.split('\n')[0]}` }));
    const unique = issues.filter((issue, i) => issues.findIndex((o) => o.line === issue.line && o.message === issue.message) === i);
    return { ok: false, issues: unique.slice(0, 3) };
  }
  if (!isMap(doc.contents)) return { ok: false, issues: [{ file, message: 'must be a mapping of fields (name:, seekers:, supporters:, arms:, models: …)' }] };
  let data: unknown;
  try {
    data = stripControlsDeep(doc.toJS({ maxAliasCount: 50 }));
  } catch (error) {
    return { ok: false, issues: [{ file, message: `cannot read YAML: ${(error as Error).message}` }] };
  }
  const result = PlanSchema.safeParse(data);
  if (!result.success) return { ok: false, issues: issuesToErrors(result.error.issues, { file, data, doc, counter, knownKeys }) };
  return { ok: true, plan: result.data, file, text, lineOf: (path) => lineOfField(doc as Document, counter, path) };
}

/** Reads and validates a plan file. Never throws: every problem comes back as an issue. */
export async function loadPlan(path: string): Promise<LoadedPlan> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, issues: [{ file: path, message: 'is not a file' }] };
    if (info.size > MAX_PLAN_FILE_BYTES) return { ok: false, issues: [{ file: path, message: `is too large (${Math.ceil(info.size / 1024)} KB); a plan is limited to ${MAX_PLAN_FILE_BYTES / 1024} KB` }] };
    return parsePlan(await readFile(path, 'utf8'), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, issues: [{ file: path, message: code === 'ENOENT' ? 'not found' : `cannot read: ${(error as Error).message}` }] };
  }
}

/**
 * What the plan asks of each conversation's judge: the live trait judge, the
 * post-hoc measurement pipeline, the classifier and the quality rating all run
 * on the judge's client; a plan that asks for none of them needs no judge.
 */
export function needsJudge(plan: Pick<Plan, 'measurement' | 'classifier' | 'quality'>): boolean {
  return plan.measurement !== 'off' || plan.classifier || plan.quality;
}
