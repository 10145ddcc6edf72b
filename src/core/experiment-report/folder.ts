import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { sessionFilesIn } from '../sessions/list.js';

/**
 * An experiment folder as the report reads it (the runner writes it): plan.yaml,
 * manifest.json and sessions/<conversation id>.jsonl. Only what the report needs
 * is read, leniently — a field of another shape is as good as absent — so a plan
 * with fields this version does not know still gets its report. What makes a
 * folder unreportable is said in one sentence.
 */

export const PLAN_FILE = 'plan.yaml';
export const MANIFEST_FILE = 'manifest.json';
export const SESSIONS_FOLDER = 'sessions';

/** A field that must have this shape or is taken as absent. */
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const PlanFacts = z.looseObject({
  name: lenient(z.string()),
  arms: lenient(z.array(z.looseObject({ name: z.string() }))),
  seedBase: lenient(z.number().int()),
  measurement: lenient(z.string()),
  quality: lenient(z.boolean()),
  classifier: lenient(z.boolean()),
});

const ManifestEntry = z.looseObject({
  id: z.string(),
  arm: lenient(z.string()),
  seeker: lenient(z.string()),
  supporter: lenient(z.string()),
  engine: lenient(z.string()),
  model: lenient(z.string()),
  rep: lenient(z.number()),
  seed: lenient(z.number()),
});

const Manifest = z.looseObject({
  experimentId: lenient(z.string()),
  planHash: lenient(z.string()),
  createdAt: lenient(z.string()),
  appVersion: lenient(z.string()),
  conversations: z.array(ManifestEntry),
});

export type ManifestEntry = z.infer<typeof ManifestEntry>;

export interface PlanFacts {
  name?: string;
  /** Arm names in the order the plan lists them: the report's order too. */
  arms: string[];
  seedBase?: number;
  measurement?: string;
  quality?: boolean;
  classifier?: boolean;
}

export interface ExperimentFolder {
  dir: string;
  plan?: PlanFacts;
  manifest?: {
    experimentId?: string;
    planHash?: string;
    createdAt?: string;
    appVersion?: string;
    /** By conversation id, in the manifest's order. */
    conversations: Map<string, ManifestEntry>;
  };
  /** Session files, sorted by name. */
  sessionFiles: string[];
  /** Things wrong with plan.yaml or manifest.json that do not stop the report. */
  problems: string[];
}

export type OpenedFolder = { ok: true; folder: ExperimentFolder } | { ok: false; problem: string };

function readPlan(path: string): { plan: PlanFacts } | { problem: string } {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError) return { problem: `${PLAN_FILE} is not valid YAML (line ${error.linePos?.[0]?.line ?? '?'}): ${error.message.split('\n')[0]}` };
    return { problem: `${PLAN_FILE} could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  const parsed = PlanFacts.safeParse(raw);
  if (!parsed.success) return { problem: `${PLAN_FILE} does not hold a plan (a YAML mapping)` };
  const p = parsed.data;
  return {
    plan: {
      arms: (p.arms ?? []).map((a) => a.name),
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.seedBase !== undefined ? { seedBase: p.seedBase } : {}),
      ...(p.measurement !== undefined ? { measurement: p.measurement } : {}),
      ...(p.quality !== undefined ? { quality: p.quality } : {}),
      ...(p.classifier !== undefined ? { classifier: p.classifier } : {}),
    },
  };
}

function readManifest(path: string): { manifest: NonNullable<ExperimentFolder['manifest']> } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problem: `${MANIFEST_FILE} could not be read: ${error instanceof SyntaxError ? 'it is not valid JSON' : ((error as NodeJS.ErrnoException).code ?? String(error))}` };
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) return { problem: `${MANIFEST_FILE} does not list the conversations (${parsed.error.issues[0]?.path.join('.') || 'top level'}: ${parsed.error.issues[0]?.message})` };
  const { conversations, ...rest } = parsed.data;
  return {
    manifest: {
      ...(rest.experimentId !== undefined ? { experimentId: rest.experimentId } : {}),
      ...(rest.planHash !== undefined ? { planHash: rest.planHash } : {}),
      ...(rest.createdAt !== undefined ? { createdAt: rest.createdAt } : {}),
      ...(rest.appVersion !== undefined ? { appVersion: rest.appVersion } : {}),
      conversations: new Map(conversations.map((c) => [c.id, c])),
    },
  };
}

/**
 * Opens `dir` for a report. Not reportable: a missing or empty folder, one with
 * neither plan.yaml nor manifest.json (not an experiment), or one whose sessions
 * folder holds no session file yet. A plan or manifest that cannot be read is a
 * problem noted in the report; the sessions are still read.
 */
export function openExperimentFolder(dirArg: string): OpenedFolder {
  const dir = resolve(dirArg);
  if (!existsSync(dir)) return { ok: false, problem: `${dirArg} does not exist` };
  if (!statSync(dir).isDirectory()) return { ok: false, problem: `${dirArg} is a file, not an experiment folder` };
  const planPath = join(dir, PLAN_FILE);
  const manifestPath = join(dir, MANIFEST_FILE);
  const hasPlan = existsSync(planPath);
  const hasManifest = existsSync(manifestPath);
  if (!hasPlan && !hasManifest) {
    const what = readdirSync(dir).length === 0 ? 'is empty' : `has no ${PLAN_FILE} or ${MANIFEST_FILE}`;
    return { ok: false, problem: `${dirArg} ${what}: it is not an experiment folder (\`persona-talks experiment run PLAN.yaml\` makes one)` };
  }
  const problems: string[] = [];
  let plan: PlanFacts | undefined;
  let manifest: ExperimentFolder['manifest'];
  if (hasPlan) {
    const read = readPlan(planPath);
    if ('plan' in read) plan = read.plan;
    else problems.push(read.problem);
  } else problems.push(`there is no ${PLAN_FILE}`);
  if (hasManifest) {
    const read = readManifest(manifestPath);
    if ('manifest' in read) manifest = read.manifest;
    else problems.push(read.problem);
  } else problems.push(`there is no ${MANIFEST_FILE}, so the planned conversations are unknown`);
  const sessionFiles = sessionFilesIn(join(dir, SESSIONS_FOLDER));
  if (sessionFiles.length === 0) {
    const planned = manifest ? ` (${manifest.conversations.size} planned)` : '';
    return { ok: false, problem: `${dirArg} holds no session files yet${planned}: nothing to report until \`persona-talks experiment run\` has run some conversations` };
  }
  return { ok: true, folder: { dir, ...(plan ? { plan } : {}), ...(manifest ? { manifest } : {}), sessionFiles, problems } };
}
