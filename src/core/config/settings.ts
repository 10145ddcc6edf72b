/**
 * User settings, stored with `conf` as JSON in the user's config directory (or
 * PERSONA_TALKS_CONFIG_DIR). The file may hold an API key, so it is written
 * with mode 0600; conf's "encryption" is obfuscation, so we do not pretend with it.
 * Validation is ours (zod) so a hand-edited file gets an error naming the field
 * instead of conf silently clearing it or the app crashing.
 *
 * Opening reads the file as conf reads it (JSON, a byte order mark skipped, a value
 * that is not an object taken as none) without loading conf: conf brings ajv, semver
 * and atomically with it (~20 ms), which the terminal app would otherwise pay before
 * its home screen, and only a write needs them. conf is loaded with the first write.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type Conf from 'conf';
import envPaths from 'env-paths';
import { z } from 'zod';
import { CONDITIONS, ENGINE_KINDS, MODES } from '../domain.js';
import { DEFAULT_PRESET, PRESET_IDS } from '../llm/presets.js';
import { JUDGE_CADENCE_MAX, TURN_CAP } from '../limits.js';

const modelName = z.string().trim().min(1, { error: 'must not be empty' }).max(200).optional();
const url = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value), { error: 'must be an http:// or https:// URL' })
  .optional();

/** How the terminal app draws: full screen, or inline into the scrollback. */
export const DISPLAYS = ['full-screen', 'inline'] as const;
export type DisplayMode = (typeof DISPLAYS)[number];

export { JUDGE_CADENCE_MAX, TURN_CAP } from '../limits.js';
const TURN_CAP_ERROR = `must be a whole number from ${TURN_CAP.min} to ${TURN_CAP.max}`;

/** Seconds a model server may take to start answering one request (until its response headers arrive). */
export const REQUEST_TIMEOUT = { min: 1, max: 3600, fallback: 60 } as const;
const REQUEST_TIMEOUT_ERROR = `must be a whole number of seconds from ${REQUEST_TIMEOUT.min} to ${REQUEST_TIMEOUT.max}`;

/**
 * How many latest turns the agents read word for word (the turns before them reach
 * them as a running summary); 0 = the whole conversation. The default keeps a
 * 20-turn conversation whole and a long one within a 4k-token context.
 */
export const WINDOW = { max: TURN_CAP.max, fallback: 24 } as const;
const WINDOW_ERROR = `must be a whole number from 0 (the whole conversation) to ${WINDOW.max}`;

export const SettingsSchema = z.object({
  preset: z.enum(PRESET_IDS, { error: `must be one of: ${PRESET_IDS.join(', ')}` }).default(DEFAULT_PRESET),
  /** Unset means the preset's default. */
  baseURL: url,
  apiKey: z.string().min(1).optional(),
  /** Unset means the preset's suggested model. */
  models: z.object({ seeker: modelName, supporter: modelName, judge: modelName }).default({}),
  judgeBaseURL: url,
  temperature: z.number({ error: 'must be a number from 0 to 2' }).min(0).max(2).default(0.8),
  turnCap: z
    .number({ error: TURN_CAP_ERROR })
    .int({ error: TURN_CAP_ERROR })
    .min(TURN_CAP.min, { error: TURN_CAP_ERROR })
    .max(TURN_CAP.max, { error: TURN_CAP_ERROR })
    .default(TURN_CAP.fallback),
  /**
   * How often the live trait judge runs: 0 off, 1 after every turn, N every N turns.
   * Defaulted, so config files written before it existed still load.
   */
  judgeCadence: z
    .number({ error: `must be a whole number from 0 (off) to ${JUDGE_CADENCE_MAX}` })
    .int({ error: `must be a whole number from 0 (off) to ${JUDGE_CADENCE_MAX}` })
    .min(0, { error: `must be a whole number from 0 (off) to ${JUDGE_CADENCE_MAX}` })
    .max(JUDGE_CADENCE_MAX, { error: `must be a whole number from 0 (off) to ${JUDGE_CADENCE_MAX}` })
    .default(1),
  /** Label every supporter turn with the independent strategy classifier (declared vs perceived). */
  classifier: z.boolean({ error: 'must be true or false' }).default(true),
  /**
   * Save each AI turn's reasoning (what a reasoning model thought before its words) on the
   * turn record, for those who study it. Never shown as dialogue either way. Default off.
   */
  keepReasoning: z.boolean({ error: 'must be true or false' }).default(false),
  seenSafetyNotice: z.boolean({ error: 'must be true or false' }).default(false),
  /**
   * The request timeout, in seconds: how long a server may take to start answering
   * before the request fails (once, not retried: waiting again would only multiply it).
   */
  requestTimeout: z
    .number({ error: REQUEST_TIMEOUT_ERROR })
    .int({ error: REQUEST_TIMEOUT_ERROR })
    .min(REQUEST_TIMEOUT.min, { error: REQUEST_TIMEOUT_ERROR })
    .max(REQUEST_TIMEOUT.max, { error: REQUEST_TIMEOUT_ERROR })
    .default(REQUEST_TIMEOUT.fallback),
  /** The local provider's GGUF file (a path); unset means the downloaded default model. */
  modelFile: z.string().trim().min(1, { error: 'must not be empty' }).max(4096).optional(),
  /** The agents' window (WINDOW). Defaulted, so config files written before it existed still load. */
  window: z.number({ error: WINDOW_ERROR }).int({ error: WINDOW_ERROR }).min(0, { error: WINDOW_ERROR }).max(WINDOW.max, { error: WINDOW_ERROR }).default(WINDOW.fallback),
  /**
   * How the terminal app draws: on the alternate screen, full screen (the default),
   * or inline, into the terminal's scrollback (as `--inline` does for one run).
   */
  display: z.enum(DISPLAYS, { error: `must be one of: ${DISPLAYS.join(', ')}` }).default('full-screen'),
  /** The home screen's last choices, so the next launch starts where this one left off (the turn cap is turnCap). */
  home: z
    .object({
      seekerId: z.string().max(200).optional(),
      supporterId: z.string().max(200).optional(),
      condition: z.enum(CONDITIONS).optional(),
      engine: z.enum(ENGINE_KINDS).optional(),
      mode: z.enum(MODES).optional(),
    })
    .optional(),
});

export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsPatch = Partial<Omit<Settings, 'models'>> & { models?: Partial<Settings['models']> };

export interface SettingsStore {
  /** Absolute path of the config file (it may not exist until the first update). */
  readonly path: string;
  get(): Settings;
  /** Validates the merged result before writing; throws SettingsError and writes nothing when invalid. */
  update(patch: SettingsPatch): Settings;
  /** Removes a stored value so the default applies again (e.g. forget the API key). */
  unset(key: 'apiKey' | 'baseURL' | 'judgeBaseURL' | 'modelFile'): Settings;
}

export class SettingsError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

export type OpenSettingsResult = { ok: true; store: SettingsStore; settings: Settings } | { ok: false; error: SettingsError };

const PROJECT_NAME = 'persona-talks';
const CONFIG_NAME = 'config';

export function openSettings(options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): OpenSettingsResult {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? (env.PERSONA_TALKS_CONFIG_DIR || undefined);
  // Where conf keeps the file: `cwd`, else the platform's config folder for the project.
  const path = resolve(cwd ?? envPaths(PROJECT_NAME, { suffix: '' }).config, `${CONFIG_NAME}.json`);

  const validate = (raw: unknown): Settings => {
    const parsed = SettingsSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'} ${issue.message}`);
    throw new SettingsError(`The settings file ${path} is invalid: ${problems.join('; ')}. Fix or delete it.`, path);
  };

  let current: Settings;
  try {
    current = validate(readStored(path));
  } catch (error) {
    return { ok: false, error: error instanceof SettingsError ? error : unreadable(error, path) };
  }

  let conf: Conf<Record<string, unknown>> | undefined;
  const writer = (): Conf<Record<string, unknown>> => {
    if (conf) return conf;
    try {
      conf = new (loadConf())<Record<string, unknown>>({
        projectName: PROJECT_NAME,
        projectSuffix: '',
        ...(cwd ? { cwd } : {}),
        configName: CONFIG_NAME,
        configFileMode: 0o600,
        // Opening checked the file; this instance only ever replaces the whole store. A file
        // broken since then is written over, as it was when conf was opened at the start.
        clearInvalidConfig: true,
      });
    } catch (error) {
      throw unreadable(error, path);
    }
    return conf;
  };

  const write = (next: Settings): Settings => {
    // Round-trip through JSON so undefined keys vanish rather than reach conf, which refuses them.
    writer().store = JSON.parse(JSON.stringify(next)) as Record<string, unknown>;
    current = next;
    return current;
  };

  const store: SettingsStore = {
    path,
    get: () => current,
    update(patch) {
      const merged = { ...current, ...patch, models: { ...current.models, ...patch.models } };
      return write(validate(merged));
    },
    unset(key) {
      const next = { ...current };
      delete next[key];
      return write(validate(next));
    },
  };
  return { ok: true, store, settings: current };
}

/**
 * The stored settings as conf reads them: a missing file is none (and its folder is
 * made, as conf makes it), a byte order mark is skipped, malformed JSON is refused
 * with conf's words (which name the file and not its contents, a key among them),
 * and a value that is not an object is taken as none.
 */
function readStored(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(path), { recursive: true });
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new SyntaxError(`The config file \`${path}\` is not valid JSON.`);
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * conf, when a write first needs it. A write is synchronous (update returns the
 * settings), so conf, an ES module, is loaded with require(), which Node 22 does
 * synchronously for a module graph without top-level await.
 */
function loadConf(): typeof Conf {
  const required = createRequire(import.meta.url)('conf') as { default: typeof Conf };
  return required.default;
}

/** A file that cannot be read, or is not JSON, when the settings are opened: say which file and what to do. */
function unreadable(error: unknown, fallbackPath: string): SettingsError {
  const message = error instanceof Error ? error.message : String(error);
  const path = /`([^`]+)`/.exec(message)?.[1] ?? fallbackPath;
  return new SettingsError(`The settings file ${path} could not be read (${message}). Fix or delete it.`, path);
}
