import type { SettingsStore } from '../core/config/settings.js';
import type { ComparisonSide, ForkChange, Mode } from '../core/domain.js';
import { startConversation } from '../core/engine/conversation.js';
import type { Conversation } from '../core/engine/types.js';
import { forkCopy, ForkCopyError, type ForkCopy } from '../core/forks/copy.js';
import { planFork, type ForkPlan, type ForkRequest, type ForkSource } from '../core/forks/plan.js';
import { describeEndpoint } from '../core/llm/redact.js';
import type { Role } from '../core/llm/types.js';
import { appVersion } from '../core/package-info.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { ClientPool } from './clients.js';
import type { EndpointFlags, ResolvedEndpoints } from './endpoints.js';
import type { Refusal } from './preflight.js';
import { resumeEndpoints } from './resume-endpoints.js';

export type { ChangeRequest } from '../core/forks/changes.js';
export { describeChange, describeChanges, parseChange, parseModel } from '../core/forks/changes.js';
export type { ForkRequest, ForkSource } from '../core/forks/plan.js';

/** What the application layer knows that a fork needs: the settings, environment and flags of this run, and where sessions go. */
export interface ForkContext {
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  flags: EndpointFlags;
  sessionsDir: string | null;
}

/** A fork as the app starts it: the request, and how it takes part. */
export interface ForkStart extends ForkRequest {
  /** Who types in the fork (default: the parent's mode). A headless fork is watched: 'watch'. */
  mode?: Mode;
  startPaused?: boolean;
}

/** A fork checked and resolved, ready to start: the plan, where its requests go, and every change its header records. */
export interface PreparedFork {
  source: ForkSource;
  plan: ForkPlan;
  endpoints: ResolvedEndpoints;
  mode: Mode;
  changes: ForkChange[];
}

/** Why a fork cannot be made, as one message: the session, then each problem on its own line. */
export function forkProblems(source: ForkSource, problems: readonly string[]): string {
  return `Cannot fork ${cleanForDisplay(source.header.id)}:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
}

/**
 * Checks a fork against its parent without starting anything (no server is
 * asked): the problems a user must fix, worded for them, or the plan.
 */
export function checkFork(source: ForkSource, request: ForkRequest): { ok: true; plan: ForkPlan } | { ok: false; problems: string[] } {
  return planFork(source, request);
}

const ROLES: readonly Role[] = ['seeker', 'supporter', 'judge'];

/**
 * The fork's endpoints: the parent's recorded server and models (like a resume:
 * unless flags or the environment say otherwise), with the models the fork asks
 * for. Everything that then differs from the parent's header — a model or server
 * the fork asked for, or one the environment moved — is a change it records.
 */
export function prepareFork(context: ForkContext, source: ForkSource, request: ForkStart): { ok: true; fork: PreparedFork } | Refusal {
  const planned = planFork(source, request);
  if (!planned.ok) return { ok: false, message: forkProblems(source, planned.problems) };
  const { plan } = planned;
  const { header } = source;
  const resolved = resumeEndpoints(header, context.settings.get(), context.env, context.flags);
  const endpoints: ResolvedEndpoints = { ...resolved };
  for (const role of ROLES) {
    const model = plan.models[role];
    if (model !== undefined) endpoints[role] = { ...endpoints[role], model };
  }
  const changes = [...plan.changes];
  for (const role of ROLES) {
    const recorded = role === 'judge' ? header.models.judge : header.models[role];
    if (!recorded) continue; // a parent without a judge: the fork's judge is new, not a change to the conversation
    const now = endpoints[role];
    if (now.model !== recorded.model && !changes.some((c) => c.kind === 'model' && c.role === role)) {
      changes.push({ kind: 'model', role, from: recorded.model, to: now.model });
    }
    const where = describeEndpoint(now.baseURL);
    if (where !== recorded.baseURL) changes.push({ kind: 'server', role, from: recorded.baseURL, to: where });
  }
  const mode = request.mode ?? header.mode;
  if (mode !== header.mode) changes.push({ kind: 'mode', from: header.mode, to: mode });
  return { ok: true, fork: { source, plan, endpoints, mode, changes } };
}

/** The parent's records of the kept turns; a refusal when its file changed or went away since it was read. */
export function copyForFork(fork: PreparedFork, options: { readings?: boolean } = {}): { ok: true; copy: ForkCopy } | Refusal {
  try {
    return { ok: true, copy: forkCopy(fork.source, fork.plan.at, options) };
  } catch (error) {
    if (error instanceof ForkCopyError) return { ok: false, message: `${error.message} No fork was started.` };
    throw error;
  }
}

/** Starts a prepared fork on `pool`'s clients: a new session whose header says where it came from and what it changed. */
export function launchFork(
  context: ForkContext,
  fork: PreparedFork,
  copy: ForkCopy,
  pool: ClientPool,
  options: { startPaused?: boolean; comparison?: { id: string; side: ComparisonSide } } = {},
): Conversation {
  const { plan, source } = fork;
  const { header } = source;
  const stored = context.settings.get();
  return startConversation({
    seeker: plan.seeker,
    supporter: plan.supporter,
    condition: plan.condition,
    engine: header.engine,
    mode: fork.mode,
    turnCap: plan.turnCap,
    // The parent's seed: turn i of the fork is asked with the seed turn i of the parent was.
    ...(header.seed !== undefined ? { seed: header.seed } : {}),
    ...(plan.temperature !== undefined ? { temperature: plan.temperature } : {}),
    judgeCadence: header.judgeCadence ?? stored.judgeCadence,
    perceive: header.perceive ?? stored.classifier,
    // The parent's window, so a fork of a long conversation reads as the parent did: the
    // latest turns word for word and a summary of the rest (written afresh for the fork).
    ...(header.window !== undefined ? { window: header.window } : {}),
    keepReasoning: stored.keepReasoning,
    clients: pool.clientsFor(fork.endpoints),
    sessionsDir: context.sessionsDir,
    appVersion: appVersion(),
    copied: copy,
    origin: {
      fork: { parent: { id: header.id, ...(source.path ? { path: source.path } : {}) }, atTurn: plan.at, changes: fork.changes },
      ...(options.comparison ? { comparison: options.comparison } : {}),
    },
    ...(options.startPaused ? { startPaused: true } : {}),
  });
}
