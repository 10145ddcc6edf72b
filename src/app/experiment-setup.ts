import { dirname, resolve } from 'node:path';
import { cleanForDisplay } from '../core/sanitize.js';
import { planConversations, planHash, type PlannedConversation } from '../core/experiments/design.js';
import { openFolder, type Manifest } from '../core/experiments/folder.js';
import { loadPlan, needsJudge, type Plan, type PlanModel } from '../core/experiments/plan.js';
import type { Endpoint } from '../core/llm/types.js';
import { appVersion } from '../core/package-info.js';
import { formatPersonaError } from '../core/personas/errors.js';
import { loadLibrary } from '../core/personas/library.js';
import { loadPersonaDir, type LoadedPersona } from '../core/personas/load.js';
import { canPlay, type Persona } from '../core/personas/schema.js';
import { openApplication } from './application.js';
import { resolveEndpoints, type EndpointFlags } from './endpoints.js';

/**
 * Everything checked before an experiment starts a single conversation: the
 * plan, the personas it names, where each model configuration's roles send
 * their requests, and the folder. Any problem here is bad input (exit 2):
 * nothing is started and nothing in the folder is changed.
 */

export interface ModelRoles {
  seeker: Endpoint;
  supporter: Endpoint;
  judge: Endpoint;
}

export interface ExperimentSetup {
  dir: string;
  plan: Plan;
  manifest: Manifest;
  /** The folder was made by this run. */
  created: boolean;
  /** The conversations, with their arms, as the manifest lists them. */
  conversations: PlannedConversation[];
  personas: ReadonlyMap<string, Persona>;
  models: ReadonlyMap<string, ModelRoles>;
  /** Worth a line on stderr, not a stop: a broken persona file the plan does not use. */
  warnings: string[];
}

export interface PrepareInput {
  planFile: string;
  /** The experiment folder (default: ./experiments/<the plan's name>). */
  dir?: string;
  env?: NodeJS.ProcessEnv;
  flags?: EndpointFlags;
  configDir?: string;
  /** The user's personas folder (default: $PERSONA_TALKS_PERSONAS or the config folder). */
  personasDir?: string;
  bundledDir?: string;
  cwd?: string;
}

export type Prepared = { ok: true; setup: ExperimentSetup } | { ok: false; problems: string[] };

export function defaultExperimentDir(plan: Pick<Plan, 'name'>, cwd = process.cwd()): string {
  const slug = plan.name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'experiment';
  return resolve(cwd, 'experiments', slug);
}

export async function prepareExperiment(input: PrepareInput): Promise<Prepared> {
  const env = input.env ?? process.env;
  const cwd = input.cwd ?? process.cwd();
  const loaded = await loadPlan(resolve(cwd, input.planFile));
  if (!loaded.ok) return { ok: false, problems: loaded.issues.map(formatPersonaError) };
  const { plan, file } = loaded;
  const at = (path: (string | number)[], message: string) => formatPersonaError({ file, line: loaded.lineOf(path), field: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i > 0 ? `.${p}` : p)).join(''), message });
  const problems: string[] = [];
  const warnings: string[] = [];
  const planDir = dirname(file);

  // Personas: the bundled and the user's, then the plan's own folder (its ids win).
  const library = await loadLibrary({ ...(input.bundledDir ? { bundledDir: input.bundledDir } : {}), ...(input.personasDir ? { userDir: input.personasDir } : env.PERSONA_TALKS_PERSONAS ? { userDir: env.PERSONA_TALKS_PERSONAS } : {}) });
  const known = new Map<string, LoadedPersona>(library.personas.map((p) => [p.persona.id, p]));
  warnings.push(...library.errors.map((e) => `persona not loaded: ${formatPersonaError(e)}`));
  if (plan.personas) {
    const extra = await loadPersonaDir(resolve(planDir, plan.personas));
    if (extra.personas.length === 0 && extra.errors.length > 0 && extra.errors.every((e) => e.file === resolve(planDir, plan.personas!))) {
      problems.push(at(['personas'], `the folder ${resolve(planDir, plan.personas)} cannot be read (${extra.errors[0]!.message})`));
    } else warnings.push(...extra.errors.map((e) => `persona not loaded: ${formatPersonaError(e)}`));
    for (const p of extra.personas) known.set(p.persona.id, p);
  }

  const pick = async (side: 'seeker' | 'supporter'): Promise<string[]> => {
    const choice = plan[side === 'seeker' ? 'seekers' : 'supporters'];
    const field = side === 'seeker' ? 'seekers' : 'supporters';
    const candidates = [...known.values()].filter((p) => canPlay(p.persona, side) && !p.persona.baseline);
    if (choice === 'all') {
      if (candidates.length === 0) problems.push(at([field], `no persona can play the ${side}`));
      return candidates.map((p) => p.persona.id);
    }
    if (Array.isArray(choice)) {
      const ids: string[] = [];
      choice.forEach((id, i) => {
        const found = known.get(id);
        if (!found) problems.push(at([field, i], `unknown persona "${cleanForDisplay(id)}" (${side}s available: ${candidates.map((p) => p.persona.id).join(', ') || 'none'})`));
        else if (!canPlay(found.persona, side)) problems.push(at([field, i], `"${id}" cannot play the ${side}`));
        else if (!ids.includes(id)) ids.push(id);
      });
      return ids;
    }
    const folder = resolve(planDir, choice.folder);
    const fromFolder = await loadPersonaDir(folder);
    if (fromFolder.errors.some((e) => e.file === folder)) {
      problems.push(at([field, 'folder'], `the folder ${folder} cannot be read (${fromFolder.errors[0]!.message})`));
      return [];
    }
    warnings.push(...fromFolder.errors.map((e) => `persona not loaded: ${formatPersonaError(e)}`));
    for (const p of fromFolder.personas) known.set(p.persona.id, p);
    const ids = fromFolder.personas.filter((p) => canPlay(p.persona, side) && !p.persona.baseline).map((p) => p.persona.id);
    if (ids.length === 0) problems.push(at([field, 'folder'], `no persona in ${folder} can play the ${side}`));
    return ids;
  };
  const seekers = await pick('seeker');
  const supporters = await pick('supporter');
  const baseline = [...known.values()].find((p) => p.persona.id === 'no-persona' && p.persona.baseline) ?? [...known.values()].find((p) => p.persona.baseline && canPlay(p.persona, 'supporter'));
  const baselineArm = plan.arms.findIndex((a) => !a.supporterPersona);
  if (baselineArm >= 0 && !baseline) problems.push(at(['arms', baselineArm, 'supporterPersona'], 'needs a baseline supporter (a persona with baseline: true, such as the bundled no-persona), and none was found'));

  // Models: where each role of each configuration sends its requests, with the key the app's rules give that server.
  const opened = openApplication({ env, ...(input.flags ? { flags: input.flags } : {}), ...(input.configDir ? { configDir: input.configDir } : {}), sessionsDir: null });
  if (!opened.ok) return { ok: false, problems: [...problems, opened.message] };
  const settings = opened.app.settings.get();
  const defaults = opened.app.endpoints();
  const models = new Map<string, ModelRoles>();
  plan.models.forEach((config, i) => {
    const roles = endpointsFor(config, defaults, (url) => resolveEndpoints(settings, env, { ...input.flags, baseUrl: url }).supporter.apiKey, env, (role, message) =>
      problems.push(at(['models', i, ...(role ? [role] : []), 'apiKeyEnv'], message)),
    );
    models.set(config.name, roles);
  });
  if (!needsJudge(plan)) for (const roles of models.values()) roles.judge = roles.supporter;

  if (problems.length > 0) return { ok: false, problems };

  const planned = planConversations(plan, { seekers, supporters, ...(baseline ? { baseline: baseline.persona.id } : {}) });
  const hash = planHash(plan);
  const manifest: Manifest = {
    experimentId: `${defaultExperimentDir(plan, '/').split('/').pop()}-${hash.slice(0, 8)}`,
    planHash: hash,
    createdAt: new Date().toISOString(),
    appVersion: appVersion(),
    name: plan.name,
    arms: plan.arms.map((a) => ({ ...a })),
    conversations: planned.map(({ arm, ...c }) => ({ ...c, arm: arm.name })),
  };
  const dir = input.dir ? resolve(cwd, input.dir) : defaultExperimentDir(plan, cwd);
  const folder = openFolder(dir, { planText: loaded.text, manifest });
  if (!folder.ok) return { ok: false, problems: [folder.message] };

  // A folder made earlier runs the conversations its manifest lists, with the personas as they are now.
  const arms = new Map(folder.manifest.arms.map((a) => [a.name, a]));
  const conversations = folder.manifest.conversations.map((c) => ({ ...c, arm: arms.get(c.arm) ?? plan.arms.find((a) => a.name === c.arm)! }));
  const personas = new Map<string, Persona>();
  const missing = new Set<string>();
  for (const c of conversations) {
    for (const id of [c.seeker, c.supporter]) {
      const found = known.get(id);
      if (found) personas.set(id, found.persona);
      else missing.add(id);
    }
  }
  if (missing.size > 0) return { ok: false, problems: [`the experiment in ${dir} names personas that are gone: ${[...missing].join(', ')}; nothing was started.`] };
  return { ok: true, setup: { dir, plan, manifest: folder.manifest, created: folder.created, conversations, personas, models, warnings } };
}

/**
 * A role's server is its own baseURL, else the configuration's, else the one
 * the app is set to (flags, environment, settings); its key comes from the
 * environment variable the plan names, else by the app's rules for that server.
 */
function endpointsFor(
  config: PlanModel,
  defaults: { supporter: Endpoint; judge: Endpoint },
  keyFor: (url: string) => string | undefined,
  env: NodeJS.ProcessEnv,
  problem: (role: 'seeker' | 'supporter' | 'judge' | undefined, message: string) => void,
): ModelRoles {
  const endpoint = (role: 'seeker' | 'supporter' | 'judge'): Endpoint => {
    // A configuration without a judge measures with its supporter's model and server.
    const own = role === 'judge' && !config.judge ? config.supporter : config[role];
    const defaultURL = role === 'judge' && config.judge ? defaults.judge.baseURL : defaults.supporter.baseURL;
    const baseURL = own?.baseURL ?? config.baseURL ?? defaultURL;
    const model = own?.model ?? config.model ?? '';
    const keyEnv = own?.apiKeyEnv ?? config.apiKeyEnv;
    let apiKey: string | undefined;
    if (keyEnv) {
      apiKey = env[keyEnv]?.trim() || undefined;
      if (!apiKey) problem(own?.apiKeyEnv ? role : undefined, `names ${keyEnv}, which is not set in the environment`);
    } else apiKey = keyFor(baseURL);
    return { baseURL, model, ...(apiKey ? { apiKey } : {}) };
  };
  return { seeker: endpoint('seeker'), supporter: endpoint('supporter'), judge: endpoint('judge') };
}
