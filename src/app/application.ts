import { openSettings, type SettingsStore } from '../core/config/settings.js';
import type { Condition, EngineKind, Mode } from '../core/domain.js';
import { startConversation } from '../core/engine/conversation.js';
import type { Conversation } from '../core/engine/types.js';
import { checkServer, type ServerCheck } from '../core/llm/check-server.js';
import type { ChatClientOptions } from '../core/llm/client.js';
import type { ChatClient, Endpoint } from '../core/llm/types.js';
import { appVersion } from '../core/package-info.js';
import type { Persona } from '../core/personas/schema.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import { SessionLockedError, SessionRecorder } from '../core/sessions/recorder.js';
import { createClients } from './clients.js';
import { environmentUrlProblem, resolveEndpoints, type EndpointFlags, type ResolvedEndpoints } from './endpoints.js';
import { AGENTS_SERVER_ADVICE, JUDGE_SERVER_ADVICE, joinedElsewhere, NOT_STARTED, notResumed } from './messages.js';
import { preflight, refusedWith, type Preflight, type Refusal } from './preflight.js';
import { resumable, resumeOptions } from './resume.js';
import { resumeEndpoints } from './resume-endpoints.js';

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
}

export type Started = { ok: true; conversation: Conversation } | Refusal;
export type JudgeReady = { ok: true; judge: ChatClient } | Refusal;

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
  /** How long a server may take to start answering a request: --request-timeout, else the setting. */
  requestTimeoutMs(): number;
}

export function openApplication(options: ApplicationOptions): { ok: true; app: Application } | { ok: false; message: string } {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const badUrl = environmentUrlProblem(env);
  if (badUrl) return { ok: false, message: badUrl };
  const opened = openSettings({ env, ...(options.configDir ? { cwd: options.configDir } : {}) });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const settings = opened.store;
  const endpoints = () => resolveEndpoints(settings.get(), env, flags);
  const requestTimeoutMs = () => (options.requestTimeoutSeconds ?? settings.get().requestTimeout) * 1000;
  const clients = (resolved: ResolvedEndpoints) => createClients(resolved, { requestTimeoutMs: requestTimeoutMs(), ...options.clientOptions });

  const app: Application = {
    settings,
    sessionsDir: options.sessionsDir,
    endpoints,
    checkServer() {
      const resolved = endpoints();
      return preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
    },
    checkEndpoint: (endpoint) => checkServer(endpoint, { timeoutMs: 5_000 }),
    async startConversation(choice) {
      const resolved = endpoints();
      const ready = await preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
      if (!ready.ok) return refusedWith(ready, NOT_STARTED);
      const stored = settings.get();
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
        clients: clients(resolved),
        sessionsDir: options.sessionsDir,
        appVersion: appVersion(),
      });
      return { ok: true, conversation };
    },
    async resumeConversation(session, { headless = false } = {}) {
      const check = resumable(session);
      if (!check.ok) return check;
      const { header } = session;
      if (headless && header.mode !== 'watch') return { ok: false, message: joinedElsewhere(header.id, header.mode) };
      const resolved = resumeEndpoints(header, settings.get(), env, flags);
      const ready = await preflight(resolved, resolved.supporter, AGENTS_SERVER_ADVICE);
      if (!ready.ok) return refusedWith(ready, notResumed(header.id));
      let recorder: SessionRecorder;
      try {
        recorder = SessionRecorder.continue(session.path);
      } catch (error) {
        // Another process is writing this session (a resume in another terminal): one writer at a time.
        if (error instanceof SessionLockedError) return { ok: false, message: error.message };
        throw error;
      }
      const options = { ...resumeOptions(session, recorder), keepReasoning: settings.get().keepReasoning };
      return { ok: true, conversation: startConversation({ ...options, clients: clients(resolved), sessionsDir: null }) };
    },
    async judge() {
      const resolved = endpoints();
      const ready = await preflight(resolved, resolved.judge, JUDGE_SERVER_ADVICE);
      return ready.ok ? { ok: true, judge: clients(resolved).judge } : ready;
    },
    requestTimeoutMs,
  };
  return { ok: true, app };
}
