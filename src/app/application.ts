import { openSettings, SettingsSchema, type SettingsStore } from '../core/config/settings.js';
import type { Condition, EngineKind, ForkChange, Mode } from '../core/domain.js';
import type { Conversation } from '../core/engine/types.js';
import type { ServerCheck } from '../core/llm/check-server.js';
import type { ChatClientOptions } from '../core/llm/client.js';
import type { ChatClient, Endpoint } from '../core/llm/types.js';
import { appVersion } from '../core/package-info.js';
import type { Persona } from '../core/personas/schema.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import type { SessionRecorder } from '../core/sessions/recorder.js';
import type { Role } from '../core/llm/types.js';
import type { ClientSet } from './clients.js';
import { endpointOverrides, environmentUrlProblem, isLocalEndpoint, resolveEndpoints, type EndpointFlags, type OverriddenField, type Override, type ResolvedEndpoints } from './endpoints.js';
import { checkLocalEndpoint, localModelOffer, localRun, localFailureMessage, setupLocal, validLocalEnvironment, type LocalModelOffer, type LocalRun, type LocalSetupOptions } from './local.js';
import { createLocalHost } from './local-host.js';
import { withNotices } from './with-notices.js';
import { AGENTS_SERVER_ADVICE, JUDGE_SERVER_ADVICE, joinedElsewhere, LOCAL_MODEL_ADVICE, NOT_STARTED, notResumed, SCRIPT_CANNOT_JOIN } from './messages.js';
import type { Preflight, Refusal } from './preflight.js';
import type { PresetId } from './providers.js';
import type { ComparisonChoice, ComparisonStarted } from './compare.js';
import type { ForkSource, ForkStart } from './fork.js';

/**
 * The parts that talk to a model or run a conversation — the openai SDK, the
 * engine, the session log, forks and comparisons — loaded when a method first
 * needs them: opening the application (settings, endpoints) must stay cheap,
 * because the terminal app opens it before it paints its home screen.
 */
const parts = {
  engine: () => import('../core/engine/conversation.js'),
  checkServer: () => import('../core/llm/check-server.js'),
  preflight: () => import('./preflight.js'),
  clients: () => import('./clients.js'),
  recorder: () => import('../core/sessions/recorder.js'),
  resume: () => import('./resume.js'),
  resumeEndpoints: () => import('./resume-endpoints.js'),
  compare: () => import('./compare.js'),
  fork: () => import('./fork.js'),
};

/** The preflight of an endpoint set: a key when its preset needs one, and an answer from `endpoint`'s server. */
async function preflight(resolved: ResolvedEndpoints, endpoint: Endpoint, advice: string): Promise<Preflight> {
  return (await parts.preflight()).preflight(resolved, endpoint, advice);
}

async function refusedWith(failed: Refusal, outcome: string): Promise<Refusal> {
  return (await parts.preflight()).refusedWith(failed, outcome);
}

/** What a refused fork or comparison adds to the server's message. */
const NO_FORK = 'No fork was started.';
const NO_COMPARISON = 'No comparison was started.';
/** A fork is one conversation: its requests go as a new one's do, with no limit between its roles. */
const ONE_CONVERSATION = () => Number.POSITIVE_INFINITY;

export interface ApplicationOptions {
  /** Where keys, servers and models are read from (default: the process environment). */
  env?: NodeJS.ProcessEnv;
  /** --base-url, --model, --preset: they beat the environment, which beats the settings. */
  flags?: EndpointFlags;
  /** The settings folder (default: conf's per-user folder, or $PERSONA_TALKS_CONFIG_DIR). */
  configDir?: string;
  /** Where new sessions are saved; null saves none. */
  sessionsDir: string | null;
  clientOptions?: ChatClientOptions;
  /** --request-timeout: beats the requestTimeout setting. */
  requestTimeoutSeconds?: number;
}

/** What a new conversation needs; what is left out comes from the settings. */
export interface NewConversation {
  seeker: Persona;
  supporter: Persona;
  condition: Condition;
  engine: EngineKind;
  mode: Mode;
  turnCap?: number;
  seed?: number;
  temperature?: number;
  judgeCadence?: number;
  /** Label every supporter turn with the strategy classifier. */
  classifier?: boolean;
  /** The agents' window in turns (0: the whole conversation). */
  window?: number;
  /**
   * How long a conversation that ran its course waits for the judge's last labels and
   * readings before it closes (default: about one turn; what is not done then stays
   * pending for `measure`). The model inside the app always waits at least a minute.
   */
  finalWaitMs?: number;
}

export type Started = { ok: true; conversation: Conversation } | Refusal;
export type JudgeReady = { ok: true; judge: ChatClient } | Refusal;
/** A fork that started, with every change its header records (those asked for, and a model or server the environment moved). */
export type ForkStarted = { ok: true; conversation: Conversation; changes: ForkChange[] } | Refusal;

/**
 * A model configuration as a study plan names it, e.g. `{ provider: 'local' }`,
 * `{ baseURL: 'local', model: 'tiny.gguf' }` or `{ provider: 'ollama', model: 'llama3.2' }`;
 * what it leaves out comes from the run's flags, the environment and the settings.
 */
export interface ModelConfig {
  provider?: PresetId;
  baseURL?: string;
  model?: string;
  /** The local provider's GGUF file. */
  modelFile?: string;
}

/**
 * Clients for every role, once their servers answered (and the local model is
 * loaded, if a role runs on it: then `local` says how it runs, and on a CPU which
 * judge cadence keeps a conversation responsive, for callers whose user chose none).
 */
/**
 * On the model inside the app the judge only gets the agents' idle time, so its last
 * readings are still to come when a conversation ends; from then on it has the whole
 * model to itself and finishes quickly. The end waits for it up to this long, rather
 * than the one-turn wait a server gets, so the summary shows the trait drift.
 */
const LOCAL_FINAL_WAIT_MS = 60_000;
/**
 * How long a conversation watched in the terminal app waits for the judge's last labels and
 * readings: the end summary is on screen and fills in as they arrive, so waiting costs the
 * reader nothing; leaving it leaves the rest pending for `measure`.
 */
export const WATCHED_FINAL_WAIT_MS = 60_000;

/** The engine's final wait: what was asked, and at least a minute for the model inside the app (default: about a turn). */
function finalWait(local: boolean, asked: number | undefined): { finalWaitMs?: number } {
  if (!local && asked === undefined) return {};
  return { finalWaitMs: Math.max(local ? LOCAL_FINAL_WAIT_MS : 0, asked ?? 0) };
}

export type Connected = { ok: true; clients: ClientSet; local?: LocalRun } | Refusal;

/** The model inside the app, as the front ends see it. */
export interface LocalModelAccess {
  /** What is installed (the runtime, a model file) and what a setup would download. */
  offer(): LocalModelOffer;
  /** Installs the runtime and downloads the model, as `local setup` does (without its load check: the app loads it next). */
  setup(options: Pick<LocalSetupOptions, 'say' | 'watchDownload'>): Promise<void>;
  /** Runs on the local model from now on, whatever the flags and environment said, and stores it as the provider. */
  use(): void;
  /** llama.cpp's log lines (never shown in the terminal app). */
  log(): readonly string[];
}

/**
 * Everything the front ends (the terminal app, the headless commands) do with a
 * model server, in one place: where each role's requests go, the check before
 * the first one, and starting or resuming a conversation. Opened once per run,
 * on the settings, environment and flags of that run.
 */
export interface Application {
  readonly settings: SettingsStore;
  readonly sessionsDir: string | null;
  /** Where each role's requests go as the settings stand now (they may change while the app runs). */
  endpoints(): ResolvedEndpoints;
  /** The stored settings a flag or the environment overrides this run, with the value in effect and its source. */
  overrides(): Partial<Record<OverriddenField, Override>>;
  /** The agents' server as the settings stand now: a key if its preset needs one, and an answer. */
  checkServer(): Promise<Preflight>;
  /** Any endpoint, e.g. one typed into the settings screen but not saved yet. */
  checkEndpoint(endpoint: Endpoint): Promise<ServerCheck>;
  startConversation(choice: NewConversation): Promise<Started>;
  /**
   * Continues an unfinished session on its recorded server and models (unless
   * flags or the environment say otherwise), appending to its log. `headless`:
   * there is nobody to type, so a session played in one seat is refused.
   */
  resumeConversation(session: LoadedSession, options?: { headless?: boolean; finalWaitMs?: number }): Promise<Started>;
  /** The judge's client, once its server has answered. */
  judge(): Promise<JudgeReady>;
  /** How long a server may take to start answering a request: --request-timeout, else the setting. */
  requestTimeoutMs(): number;
  /**
   * A fork of a saved (or a live, paused) session: its turns 1..at copied record
   * for record, the changes applied, continued as a new session on the parent's
   * recorded server and models (unless the request, flags or environment change
   * them). Problems with the request come back as one message, a line each.
   */
  forkConversation(source: ForkSource, request: ForkStart): Promise<ForkStarted>;
  /** Two conversations at once that differ in what `choice` says, on shared clients; saved as two sessions and a link. */
  compareConversations(choice: ComparisonChoice): Promise<ComparisonStarted>;
  readonly local: LocalModelAccess;
  /** Where a model configuration's requests go (for studies that compare models). */
  endpointsFor(config: ModelConfig): ResolvedEndpoints;
  /** Preflight and clients for resolved endpoints; the local model is loaded once per run and shared. */
  connect(resolved: ResolvedEndpoints): Promise<Connected>;
  /** Ends the run: the local model, if loaded, is closed. Safe to call more than once. */
  close(): Promise<void>;
}

export function openApplication(options: ApplicationOptions): { ok: true; app: Application } | { ok: false; message: string } {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const badUrl = environmentUrlProblem(env);
  if (badUrl) return { ok: false, message: badUrl };
  const opened = openSettings({ env, ...(options.configDir ? { cwd: options.configDir } : {}) });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const invalid = validLocalEnvironment(env);
  if (invalid) return { ok: false, message: invalid };
  const settings = opened.store;
  const host = createLocalHost({ env });
  // Set when the user picks the local model in the app: it then beats the flags and environment too.
  let localChosen = false;
  const runFlags = (): EndpointFlags => (localChosen ? { ...withoutServer(flags), preset: 'local' } : flags);
  const endpoints = () => resolveEndpoints(settings.get(), env, runFlags());
  const requestTimeoutMs = () => (options.requestTimeoutSeconds ?? settings.get().requestTimeout) * 1000;
  /** Every client the app builds waits for a server's first answer at most the request timeout. */
  const clientOptions = (): ChatClientOptions => ({ requestTimeoutMs: requestTimeoutMs(), ...options.clientOptions });

  /** The roles' clients once the servers they need answer and the local model (if any of them runs on it) is loaded. */
  async function connect(resolved: ResolvedEndpoints, main: Endpoint, advice: string, roles: readonly Role[]): Promise<Connected> {
    let local: { clients: ClientSet; run: LocalRun } | undefined;
    if (resolved.local && roles.some((role) => isLocalEndpoint(resolved[role]))) {
      if (!resolved.local.ok) return { ok: false, message: resolved.local.problem, advice: LOCAL_MODEL_ADVICE };
      try {
        const loaded = await host.clients(resolved.local.modelFile);
        local = { clients: loaded, run: localRun(loaded) };
      } catch (error) {
        return { ok: false, message: localFailureMessage(error), advice: LOCAL_MODEL_ADVICE };
      }
    }
    if (!isLocalEndpoint(main)) {
      const ready = await preflight(resolved, main, advice);
      if (!ready.ok) return ready;
    }
    const { createClients } = await parts.clients();
    return { ok: true, clients: createClients(resolved, clientOptions(), { local: local?.clients }), ...(local ? { local: local.run } : {}) };
  }

  /**
   * The judge cadence: the one chosen for this conversation, else the settings' — unless that is the
   * default and the local model runs on a CPU, which gets a gentler one (and a note on screen saying so).
   */
  const cadenceFor = (chosen: number | undefined, connected: Extract<Connected, { ok: true }>): { cadence: number; notes: string[] } => {
    const stored = settings.get().judgeCadence;
    const recommended = connected.local?.recommended;
    if (chosen === undefined && recommended && stored === DEFAULT_JUDGE_CADENCE) return { cadence: recommended.judgeCadence, notes: [recommended.note] };
    return { cadence: chosen ?? stored, notes: [] };
  };

  const app: Application = {
    settings,
    sessionsDir: options.sessionsDir,
    endpoints,
    overrides: () => endpointOverrides(settings.get(), env, flags),
    async checkServer() {
      const resolved = endpoints();
      if (isLocalEndpoint(resolved.supporter)) {
        const connected = await connect(resolved, resolved.supporter, AGENTS_SERVER_ADVICE, ['seeker', 'supporter']);
        return connected.ok ? { ok: true, models: [resolved.supporter.model] } : connected;
      }
      return preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
    },
    checkEndpoint: async (endpoint) => (isLocalEndpoint(endpoint) ? checkLocalEndpoint(endpoint, settings.get(), env) : (await parts.checkServer()).checkServer(endpoint, { timeoutMs: 5_000 })),
    async startConversation(choice) {
      // The script engine writes both sides in one call: there is no seat to take, and the header must not claim one.
      if (choice.engine === 'script' && choice.mode !== 'watch') return { ok: false, message: `${SCRIPT_CANNOT_JOIN} ${NOT_STARTED}` };
      const resolved = endpoints();
      const connected = await connect(resolved, resolved.supporter, AGENTS_SERVER_ADVICE, ['seeker', 'supporter', 'judge']);
      if (!connected.ok) return refusedWith(connected, NOT_STARTED);
      const stored = settings.get();
      const { cadence, notes } = cadenceFor(choice.judgeCadence, connected);
      const { startConversation } = await parts.engine();
      const conversation = startConversation({
        seeker: choice.seeker,
        supporter: choice.supporter,
        condition: choice.condition,
        engine: choice.engine,
        mode: choice.mode,
        turnCap: choice.turnCap ?? stored.turnCap,
        ...(choice.seed !== undefined ? { seed: choice.seed } : {}),
        temperature: choice.temperature ?? stored.temperature,
        judgeCadence: cadence,
        perceive: choice.classifier ?? stored.classifier,
        keepReasoning: stored.keepReasoning,
        window: choice.window ?? stored.window,
        clients: connected.clients,
        ...finalWait(connected.local !== undefined, choice.finalWaitMs),
        sessionsDir: options.sessionsDir,
        appVersion: appVersion(),
      });
      return { ok: true, conversation: withNotices(conversation, notes) };
    },
    async resumeConversation(session, { headless = false, finalWaitMs } = {}) {
      const { resumable, resumeOptions } = await parts.resume();
      const check = resumable(session);
      if (!check.ok) return check;
      const { header } = session;
      if (headless && header.mode !== 'watch') return { ok: false, message: joinedElsewhere(header.id, header.mode) };
      const resolved = (await parts.resumeEndpoints()).resumeEndpoints(header, settings.get(), env, runFlags());
      const connected = await connect(resolved, resolved.supporter, AGENTS_SERVER_ADVICE, ['seeker', 'supporter', 'judge']);
      if (!connected.ok) return refusedWith(connected, notResumed(header.id));
      const { SessionLockedError, SessionRecorder: Recorder } = await parts.recorder();
      let recorder: SessionRecorder;
      try {
        recorder = Recorder.continue(session.path);
      } catch (error) {
        // Another process is writing this session (a resume in another terminal): one writer at a time.
        if (error instanceof SessionLockedError) return { ok: false, message: error.message };
        throw error;
      }
      const options = { ...resumeOptions(session, recorder), keepReasoning: settings.get().keepReasoning };
      // The recorded cadence goes on.
      const { startConversation } = await parts.engine();
      return { ok: true, conversation: startConversation({ ...options, ...finalWait(connected.local !== undefined, finalWaitMs), clients: connected.clients, sessionsDir: null }) };
    },
    async judge() {
      const resolved = endpoints();
      const connected = await connect(resolved, resolved.judge, JUDGE_SERVER_ADVICE, ['judge']);
      return connected.ok ? { ok: true, judge: connected.clients.judge } : connected;
    },
    requestTimeoutMs,
    async forkConversation(source, request) {
      const context = { settings, env, flags, sessionsDir: options.sessionsDir };
      const { copyForFork, launchFork, prepareFork } = await parts.fork();
      const prepared = prepareFork(context, source, request);
      if (!prepared.ok) return prepared;
      const { fork } = prepared;
      const ready = await connect(fork.endpoints, fork.endpoints.supporter, AGENTS_SERVER_ADVICE, ['seeker', 'supporter', 'judge']);
      if (!ready.ok) return refusedWith(ready, NO_FORK);
      const copy = copyForFork(fork);
      if (!copy.ok) return copy;
      const { createClientPool } = await parts.clients();
      const pool = createClientPool({ ...clientOptions(), concurrency: ONE_CONVERSATION });
      if (ready.local) pool.useLocal(ready.clients);
      const conversation = launchFork(context, fork, copy.copy, pool, { ...(request.startPaused ? { startPaused: true } : {}) });
      return { ok: true, conversation, changes: fork.changes };
    },
    async compareConversations(choice) {
      const { compareConversations } = await parts.compare();
      return compareConversations(
        {
          settings,
          env,
          flags,
          sessionsDir: options.sessionsDir,
          clientOptions: clientOptions(),
          preflight: async (resolved) => {
            const ready = await connect(resolved, resolved.supporter, AGENTS_SERVER_ADVICE, ['seeker', 'supporter', 'judge']);
            if (!ready.ok) return refusedWith(ready, NO_COMPARISON);
            return ready.local ? { ok: true, local: ready.clients } : { ok: true };
          },
        },
        choice,
      );
    },
    local: {
      offer: () => localModelOffer(env, settings.get(), flags.modelFile),
      setup(o) {
        // A file the user named is checked rather than the default one downloaded.
        const own = flags.modelFile ?? (env.PERSONA_TALKS_MODEL_FILE?.trim() || settings.get().modelFile);
        return setupLocal({ env, gpu: 'auto', runtimeOnly: false, loadCheck: false, ...(own ? { modelFile: own } : {}), ...o });
      },
      use() {
        localChosen = true;
        try {
          settings.update({ preset: 'local' });
        } catch {
          // Unwritable settings: this run still uses it.
        }
      },
      log: () => host.log(),
    },
    endpointsFor(config) {
      const given: EndpointFlags = {
        ...(config.provider ? { preset: config.provider } : {}),
        ...(config.baseURL ? { baseUrl: config.baseURL } : {}),
        ...(config.model ? { model: config.model } : {}),
        ...(config.modelFile ? { modelFile: config.modelFile } : {}),
      };
      // A provider or URL of its own replaces the run's server; otherwise the run's flags hold.
      const base = config.provider || config.baseURL ? withoutServer(runFlags()) : runFlags();
      return resolveEndpoints(settings.get(), env, { ...base, ...given });
    },
    connect: (resolved) => connect(resolved, resolved.supporter, AGENTS_SERVER_ADVICE, ['seeker', 'supporter', 'judge']),
    close: () => host.close(),
  };
  return { ok: true, app };
}

const DEFAULT_JUDGE_CADENCE = SettingsSchema.shape.judgeCadence.parse(undefined);

/** The flags without those that name a server or its model (another provider is being chosen); --model-file stays. */
function withoutServer(flags: EndpointFlags): EndpointFlags {
  return flags.modelFile ? { modelFile: flags.modelFile } : {};
}
