import { openSettings, type SettingsStore } from '../core/config/settings.js';
import type { Condition, EngineKind, ForkChange, Mode } from '../core/domain.js';
import type { Conversation } from '../core/engine/types.js';
import type { ServerCheck } from '../core/llm/check-server.js';
import type { ChatClientOptions } from '../core/llm/client.js';
import type { ChatClient, Endpoint } from '../core/llm/types.js';
import { appVersion } from '../core/package-info.js';
import type { Persona } from '../core/personas/schema.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import { endpointOverrides, resolveEndpoints, type EndpointFlags, type OverriddenField, type Override, type ResolvedEndpoints } from './endpoints.js';
import { AGENTS_SERVER_ADVICE, JUDGE_SERVER_ADVICE, joinedElsewhere, NOT_STARTED, notResumed, SCRIPT_CANNOT_JOIN } from './messages.js';
import type { Preflight, Refusal } from './preflight.js';
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
}

export type Started = { ok: true; conversation: Conversation } | Refusal;
export type JudgeReady = { ok: true; judge: ChatClient } | Refusal;
/** A fork that started, with every change its header records (those asked for, and a model or server the environment moved). */
export type ForkStarted = { ok: true; conversation: Conversation; changes: ForkChange[] } | Refusal;

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
  resumeConversation(session: LoadedSession, options?: { headless?: boolean }): Promise<Started>;
  /** The judge's client, once its server has answered. */
  judge(): Promise<JudgeReady>;
  /**
   * A fork of a saved (or a live, paused) session: its turns 1..at copied record
   * for record, the changes applied, continued as a new session on the parent's
   * recorded server and models (unless the request, flags or environment change
   * them). Problems with the request come back as one message, a line each.
   */
  forkConversation(source: ForkSource, request: ForkStart): Promise<ForkStarted>;
  /** Two conversations at once that differ in what `choice` says, on shared clients; saved as two sessions and a link. */
  compareConversations(choice: ComparisonChoice): Promise<ComparisonStarted>;
}

export function openApplication(options: ApplicationOptions): { ok: true; app: Application } | { ok: false; message: string } {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const opened = openSettings({ env, ...(options.configDir ? { cwd: options.configDir } : {}) });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const settings = opened.store;
  const endpoints = () => resolveEndpoints(settings.get(), env, flags);
  const clients = async (resolved: ResolvedEndpoints) => (await parts.clients()).createClients(resolved, options.clientOptions);

  const app: Application = {
    settings,
    sessionsDir: options.sessionsDir,
    endpoints,
    overrides: () => endpointOverrides(settings.get(), env, flags),
    checkServer() {
      const resolved = endpoints();
      return preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
    },
    checkEndpoint: async (endpoint) => (await parts.checkServer()).checkServer(endpoint, { timeoutMs: 5_000 }),
    async startConversation(choice) {
      // The script engine writes both sides in one call: there is no seat to take, and the header must not claim one.
      if (choice.engine === 'script' && choice.mode !== 'watch') return { ok: false, message: `${SCRIPT_CANNOT_JOIN} ${NOT_STARTED}` };
      const resolved = endpoints();
      const ready = await preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
      if (!ready.ok) return refusedWith(ready, NOT_STARTED);
      const stored = settings.get();
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
        judgeCadence: choice.judgeCadence ?? stored.judgeCadence,
        perceive: choice.classifier ?? stored.classifier,
        keepReasoning: stored.keepReasoning,
        clients: await clients(resolved),
        sessionsDir: options.sessionsDir,
        appVersion: appVersion(),
      });
      return { ok: true, conversation };
    },
    async resumeConversation(session, { headless = false } = {}) {
      const { resumable, resumeOptions } = await parts.resume();
      const check = resumable(session);
      if (!check.ok) return check;
      const { header } = session;
      if (headless && header.mode !== 'watch') return { ok: false, message: joinedElsewhere(header.id, header.mode) };
      const resolved = (await parts.resumeEndpoints()).resumeEndpoints(header, settings.get(), env, flags);
      const ready = await preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
      if (!ready.ok) return refusedWith(ready, notResumed(header.id));
      const recorder = (await parts.recorder()).SessionRecorder.continue(session.path);
      const options = { ...resumeOptions(session, recorder), keepReasoning: settings.get().keepReasoning };
      const { startConversation } = await parts.engine();
      return { ok: true, conversation: startConversation({ ...options, clients: await clients(resolved), sessionsDir: null }) };
    },
    async judge() {
      const resolved = endpoints();
      const ready = await preflight(resolved, resolved.judge, JUDGE_SERVER_ADVICE);
      return ready.ok ? { ok: true, judge: (await clients(resolved)).judge } : ready;
    },
    async forkConversation(source, request) {
      const context = { settings, env, flags, sessionsDir: options.sessionsDir };
      const { copyForFork, launchFork, prepareFork } = await parts.fork();
      const prepared = prepareFork(context, source, request);
      if (!prepared.ok) return prepared;
      const { fork } = prepared;
      const ready = await preflight(fork.endpoints, fork.endpoints.supporter, AGENTS_SERVER_ADVICE);
      if (!ready.ok) return refusedWith(ready, NO_FORK);
      const copy = copyForFork(fork);
      if (!copy.ok) return copy;
      const { createClientPool } = await parts.clients();
      const conversation = launchFork(context, fork, copy.copy, createClientPool({ ...options.clientOptions, concurrency: ONE_CONVERSATION }), { ...(request.startPaused ? { startPaused: true } : {}) });
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
          ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
          preflight: async (resolved) => {
            const ready = await preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
            return ready.ok ? { ok: true } : refusedWith(ready, NO_COMPARISON);
          },
        },
        choice,
      );
    },
  };
  return { ok: true, app };
}
