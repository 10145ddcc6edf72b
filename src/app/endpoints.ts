/**
 * Where each role's requests go, from four layers, highest first:
 *   flags (--preset, --base-url, --model) > environment > stored settings > preset defaults.
 *
 * Environment: PERSONA_TALKS_BASE_URL, PERSONA_TALKS_MODEL (all roles),
 * PERSONA_TALKS_SEEKER_MODEL / _SUPPORTER_MODEL / _JUDGE_MODEL (one role, beats the
 * all-roles one), PERSONA_TALKS_JUDGE_BASE_URL, and the key from
 * PERSONA_TALKS_API_KEY then OPENAI_API_KEY (the environment beats a stored key),
 * decided for each endpoint by the host it sends to.
 *
 * A --preset flag switches servers, so it also replaces the stored base URL and
 * stored models with that preset's defaults (otherwise `--preset openai` would
 * still talk to the stored Ollama URL); --base-url/--model and the environment's
 * model variables still apply on top. PERSONA_TALKS_PROVIDER names a preset the
 * same way, below the flag.
 *
 * The local provider (`--preset local`, PERSONA_TALKS_PROVIDER=local, the
 * settings' provider, or the base URL `local`) is a model inside the app: its
 * endpoints have the base URL `local` and the model file's name as their model,
 * and `local` says which file (app/local-endpoint.ts).
 */
import type { Settings } from '../core/config/settings.js';
import { LOCAL_BASE_URL } from '../core/llm/local/local-client.js';
import { getPreset, PRESET_IDS, type PresetId } from '../core/llm/presets.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { Endpoint, Role } from '../core/llm/types.js';
import { chooseLocalModel, type LocalModelChoice } from './local-endpoint.js';

export interface EndpointFlags {
  baseUrl?: string;
  model?: string;
  preset?: PresetId;
  /** --model-file: the local provider's GGUF file. */
  modelFile?: string;
}

export type KeySource = 'PERSONA_TALKS_API_KEY' | 'OPENAI_API_KEY' | 'settings' | 'none';

export interface ResolvedEndpoints {
  seeker: Endpoint;
  supporter: Endpoint;
  judge: Endpoint;
  preset: PresetId;
  /** Where the agents' key came from (the judge's may differ: keys are decided per endpoint). */
  keySource: KeySource;
  /** The preset needs a key and none was found: the app should say so before the first request. */
  missingKey: boolean;
  /** Present when a role runs on the local model: its file, or why there is none. */
  local?: LocalModelChoice;
}

const ROLE_ENV: Record<Role, string> = {
  seeker: 'PERSONA_TALKS_SEEKER_MODEL',
  supporter: 'PERSONA_TALKS_SUPPORTER_MODEL',
  judge: 'PERSONA_TALKS_JUDGE_MODEL',
};

/** Empty strings count as unset: `FOO= cmd` should not blank a setting. */
function pick(...values: (string | undefined)[]): string | undefined {
  return values.map((v) => v?.trim()).find((v): v is string => Boolean(v));
}

export function resolveEndpoints(settings: Settings, env: NodeJS.ProcessEnv, flags: EndpointFlags = {}): ResolvedEndpoints {
  const envProvider = providerFromEnv(env);
  const presetId = flags.preset ?? envProvider ?? settings.preset;
  const preset = getPreset(presetId);
  const switched = flags.preset !== undefined || envProvider !== undefined;
  const stored = switched ? { baseURL: undefined, judgeBaseURL: undefined, models: {} as Settings['models'] } : settings;

  const baseURL = pick(flags.baseUrl, switched ? undefined : env.PERSONA_TALKS_BASE_URL, stored.baseURL) ?? preset.baseURL;
  // A --base-url points every role at one server, unless the environment names a judge server explicitly.
  const judgeBaseURL = pick(env.PERSONA_TALKS_JUDGE_BASE_URL, flags.baseUrl ? undefined : stored.judgeBaseURL) ?? baseURL;

  const envKey = pick(env.PERSONA_TALKS_API_KEY);
  const openaiKey = pick(env.OPENAI_API_KEY);
  const storedKey = pick(settings.apiKey);
  /**
   * The key is decided per endpoint, from the host that endpoint sends to:
   * OPENAI_API_KEY is OpenAI's credential and goes to *.openai.com only, never to
   * another host (a judge elsewhere, a third-party proxy, a LAN box), even when
   * another role of the same configuration talks to OpenAI. PERSONA_TALKS_API_KEY
   * and a stored key are ours and go wherever the user pointed the app.
   */
  const keyFor = (url: string): { key?: string; source: KeySource } => {
    if (envKey) return { key: envKey, source: 'PERSONA_TALKS_API_KEY' };
    if (openaiKey && isOpenAIHost(url)) return { key: openaiKey, source: 'OPENAI_API_KEY' };
    if (storedKey) return { key: storedKey, source: 'settings' };
    return { source: 'none' };
  };
  const agentsKey = keyFor(baseURL);
  const keySource = agentsKey.source;

  // One model file serves every local role. Only a model named on this command line (or by a resumed
  // session) picks it: PERSONA_TALKS_MODEL and the stored models name a server's models.
  const local =
    baseURL === LOCAL_BASE_URL || judgeBaseURL === LOCAL_BASE_URL
      ? chooseLocalModel({ ...(flags.modelFile ? { flag: flags.modelFile } : {}), ...(pick(flags.model) ? { name: pick(flags.model) } : {}), ...(settings.modelFile ? { stored: settings.modelFile } : {}) }, env)
      : undefined;
  const modelFor = (role: Role) =>
    pick(flags.model, env[ROLE_ENV[role]], env.PERSONA_TALKS_MODEL, stored.models[role]) ?? preset.suggestedModel;
  const endpoint = (role: Role, url: string): Endpoint => {
    if (url === LOCAL_BASE_URL && local) return { baseURL: url, model: local.name };
    const { key } = keyFor(url);
    return { baseURL: url, model: modelFor(role), ...(key ? { apiKey: key } : {}) };
  };

  return {
    seeker: endpoint('seeker', baseURL),
    supporter: endpoint('supporter', baseURL),
    judge: endpoint('judge', judgeBaseURL),
    preset: presetId,
    keySource,
    missingKey: preset.needsKey && !agentsKey.key,
    ...(local ? { local } : {}),
  };
}

/** A server URL a user can give: http or https, with a host. `ftp:`, `javascript:` or a bare "host:port" are not. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The one wording of a server URL that is not one, for a flag ("--base-url") or a variable. */
export function notHttpUrlMessage(name: string, value: string): string {
  return `${name} is not an http(s) URL (got "${cleanForDisplay(value)}"); e.g. http://localhost:11434/v1`;
}

/** Server URLs from the environment that are set but not http(s): said once, before anything is sent. */
export function environmentUrlProblem(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['PERSONA_TALKS_BASE_URL', 'PERSONA_TALKS_JUDGE_BASE_URL']) {
    const value = pick(env[name]);
    if (value !== undefined && !isHttpUrl(value)) return notHttpUrlMessage(name, value);
  }
  return undefined;
}

/** PERSONA_TALKS_PROVIDER, when it names a preset (openApplication refuses one that does not). */
export function providerFromEnv(env: NodeJS.ProcessEnv): PresetId | undefined {
  const value = pick(env.PERSONA_TALKS_PROVIDER);
  return value && (PRESET_IDS as readonly string[]).includes(value) ? (value as PresetId) : undefined;
}

/** Whether requests to this endpoint go to the model inside the app. */
export function isLocalEndpoint(endpoint: Endpoint): boolean {
  return endpoint.baseURL === LOCAL_BASE_URL;
}

function isOpenAIHost(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname;
    return host === 'openai.com' || host.endsWith('.openai.com');
  } catch {
    return false;
  }
}

/** Enough of a key to recognise it, never enough to use it: `sk-…a1b2`. */
export function maskKey(key: string | undefined): string {
  if (!key) return '(none)';
  if (key.length <= 8) return '…' + '•'.repeat(Math.min(4, key.length));
  const prefix = /^[a-z]{2,4}-/i.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}

/** A value the settings screen cannot change: set by a flag or the environment for this run. */
export interface Override {
  value: string;
  /** Where it comes from: a variable's name or a flag ("--base-url"). */
  source: string;
}

export type OverriddenField = 'preset' | 'baseURL' | 'seekerModel' | 'supporterModel' | 'judgeModel' | 'judgeBaseURL' | 'apiKey' | 'modelFile';

/**
 * Which stored settings are overridden this run, with the value in effect and
 * where it comes from, by the same rules as resolveEndpoints. The key's value is
 * never returned, only its source.
 */
export function endpointOverrides(settings: Settings, env: NodeJS.ProcessEnv, flags: EndpointFlags = {}): Partial<Record<OverriddenField, Override>> {
  const resolved = resolveEndpoints(settings, env, flags);
  const out: Partial<Record<OverriddenField, Override>> = {};
  // A preset chosen for this run (flag, then environment) replaces the stored server and models.
  const presetSource = flags.preset !== undefined ? '--preset' : providerFromEnv(env) !== undefined ? 'PERSONA_TALKS_PROVIDER' : undefined;
  const switched = presetSource !== undefined;
  if (presetSource) out.preset = { value: resolved.preset, source: presetSource };
  const baseSource = flags.baseUrl?.trim() ? '--base-url' : !switched && pick(env.PERSONA_TALKS_BASE_URL) ? 'PERSONA_TALKS_BASE_URL' : presetSource;
  if (baseSource) out.baseURL = { value: resolved.supporter.baseURL, source: baseSource };
  const judgeSource = pick(env.PERSONA_TALKS_JUDGE_BASE_URL) ? 'PERSONA_TALKS_JUDGE_BASE_URL' : flags.baseUrl?.trim() ? '--base-url' : undefined;
  if (judgeSource) out.judgeBaseURL = { value: resolved.judge.baseURL, source: judgeSource };
  for (const role of ['seeker', 'supporter', 'judge'] as const) {
    const source = flags.model?.trim() ? '--model' : pick(env[ROLE_ENV[role]]) ? ROLE_ENV[role] : pick(env.PERSONA_TALKS_MODEL) ? 'PERSONA_TALKS_MODEL' : presetSource;
    if (source) out[`${role}Model`] = { value: resolved[role].model, source };
  }
  if (resolved.keySource === 'PERSONA_TALKS_API_KEY' || resolved.keySource === 'OPENAI_API_KEY') out.apiKey = { value: '', source: resolved.keySource };
  // The local model's file, by the same order as chooseLocalModel: the flag, then the environment.
  const modelFileSource = pick(flags.modelFile) ? '--model-file' : pick(env.PERSONA_TALKS_MODEL_FILE) ? 'PERSONA_TALKS_MODEL_FILE' : undefined;
  if (modelFileSource) out.modelFile = { value: pick(flags.modelFile, env.PERSONA_TALKS_MODEL_FILE)!, source: modelFileSource };
  return out;
}
