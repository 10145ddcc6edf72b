import { randomInt } from 'node:crypto';
import { appVersion } from '../core/package-info.js';
import type { ComparisonSide, Condition, EngineKind, ForkChange, SessionHeader } from '../core/domain.js';
import { startConversation } from '../core/engine/conversation.js';
import { startComparison, type StartedSide } from '../core/compare/live.js';
import type { Comparison } from '../core/compare/types.js';
import type { ChangeRequest } from '../core/forks/changes.js';
import { changeSubject } from '../core/forks/changes.js';
import { forkCopy } from '../core/forks/copy.js';
import type { ForkSource } from '../core/forks/plan.js';
import type { Role } from '../core/llm/types.js';
import type { Persona } from '../core/personas/schema.js';
import { linkedFile, newComparisonId, writeComparisonLink, type ComparisonLink } from '../core/sessions/comparison-link.js';
import { createClientPool, type ClientPool, type ClientPoolOptions, type ClientSet } from './clients.js';
import { resolveEndpoints, type ResolvedEndpoints } from './endpoints.js';
import { copyForFork, launchFork, prepareFork, type ForkContext } from './fork.js';
import type { Refusal } from './preflight.js';

export type { Comparison, ComparisonEvent } from '../core/compare/types.js';
export type { Divergence } from '../core/compare/where-diverged.js';
export type { Role } from '../core/llm/types.js';

/** One side of a new comparison: who supports, under which condition and engine, with which models. */
export interface SideSetup {
  supporter: Persona;
  condition: Condition;
  engine: EngineKind;
  /** Models by role for this side only (the rest as the settings say). */
  models?: Partial<Record<Role, string>>;
  temperature?: number;
}

/**
 * What to compare. `new`: one seeker, two setups that differ in what the user
 * chose (the supporter, the condition, the engine, a model, the temperature).
 * `fork`: one session continued twice from turn `at` — side A as it was, side B
 * with the changes.
 */
export type ComparisonChoice =
  | { from: 'new'; seeker: Persona; A: SideSetup; B: SideSetup; turnCap?: number; seed?: number; judgeCadence?: number; classifier?: boolean; startPaused?: boolean }
  | { from: 'fork'; source: ForkSource; at: number; changes: readonly ChangeRequest[]; library: readonly Persona[]; turnCap?: number; startPaused?: boolean };

export type ComparisonStarted = { ok: true; comparison: Comparison; changes: ForkChange[] } | Refusal;

export interface CompareContext extends ForkContext {
  /** How the shared clients are made (and how many requests each server gets at once). */
  clientOptions?: ClientPoolOptions;
  /** The preflight of the agents' server (the app's, so a refusal reads the same as everywhere). */
  preflight(endpoints: ResolvedEndpoints): Promise<{ ok: true; local?: ClientSet } | Refusal>;
}

const ROLES: readonly Role[] = ['seeker', 'supporter', 'judge'];

/** What side B of a new comparison has that side A has not. */
export function setupChanges(a: SideSetup, b: SideSetup, endpoints: Record<ComparisonSide, ResolvedEndpoints>): ForkChange[] {
  const changes: ForkChange[] = [];
  if (a.supporter.id !== b.supporter.id) changes.push({ kind: 'persona', role: 'supporter', from: a.supporter.id, to: b.supporter.id });
  if (a.condition !== b.condition) changes.push({ kind: 'condition', from: a.condition, to: b.condition });
  if (a.engine !== b.engine) changes.push({ kind: 'engine', from: a.engine, to: b.engine });
  for (const role of ROLES) {
    const from = endpoints.A[role].model;
    const to = endpoints.B[role].model;
    if (from !== to) changes.push({ kind: 'model', role, from, to });
  }
  if (b.temperature !== undefined && a.temperature !== b.temperature) changes.push({ kind: 'temperature', ...(a.temperature !== undefined ? { from: a.temperature } : {}), to: b.temperature });
  return changes;
}

/** How each side is named: what it has where the two differ ("condition aware" / "condition blind"). */
export function sideLabels(changes: readonly ForkChange[]): Record<ComparisonSide, string> {
  if (changes.length === 0) return { A: 'as recorded', B: 'as recorded' };
  const side = (value: (c: ForkChange) => string | number | undefined) => changes.map((c) => `${changeSubject(c)} ${value(c) ?? '(default)'}`).join(' · ');
  return { A: side((c) => c.from), B: side((c) => c.to) };
}

function withModels(endpoints: ResolvedEndpoints, models: Partial<Record<Role, string>> = {}): ResolvedEndpoints {
  const out = { ...endpoints };
  for (const role of ROLES) if (models[role] !== undefined) out[role] = { ...out[role], model: models[role] };
  return out;
}

function linkWriter(
  context: ForkContext,
  base: Omit<ComparisonLink, 'sides' | 'createdAt' | 'appVersion' | 'type' | 'app' | 'v'>,
  labels: Record<ComparisonSide, string>,
): (sides: Record<ComparisonSide, StartedSide>) => { link: ComparisonLink; path?: string } {
  return (sides) => {
    const dir = context.sessionsDir;
    const ref = (side: ComparisonSide) => ({ id: sides[side].header.id, file: dir && sides[side].path ? linkedFile(dir, sides[side].path) : `${sides[side].header.id}.jsonl`, label: labels[side] });
    const link: ComparisonLink = { type: 'comparison', app: 'persona-talks', v: 1, createdAt: new Date().toISOString(), appVersion: appVersion(), ...base, sides: { A: ref('A'), B: ref('B') } };
    return dir ? { link, path: writeComparisonLink(dir, link) } : { link };
  };
}

/**
 * Two conversations at once, sharing the seeker, the seed and the opening, and
 * one client per endpoint (so one server is asked by one client, whichever side
 * asks). With two agents on both sides, side B starts from side A's first turn,
 * copied, so both begin with the very same words; the script engine writes its
 * whole dialogue in one call, so a comparison with it shares no opening. Every
 * turn index gets the same seed on both sides. Saved as two ordinary sessions and
 * a link file beside them.
 */
export async function compareConversations(context: CompareContext, choice: ComparisonChoice): Promise<ComparisonStarted> {
  const pool = createClientPool(context.clientOptions);
  return choice.from === 'fork' ? compareForks(context, choice, pool) : compareNew(context, choice, pool);
}

async function compareNew(context: CompareContext, choice: Extract<ComparisonChoice, { from: 'new' }>, pool: ClientPool): Promise<ComparisonStarted> {
  const stored = context.settings.get();
  const base = resolveEndpoints(stored, context.env, context.flags);
  const endpoints = { A: withModels(base, choice.A.models), B: withModels(base, choice.B.models) };
  const setups = { A: { ...choice.A, temperature: choice.A.temperature ?? stored.temperature }, B: { ...choice.B, temperature: choice.B.temperature ?? stored.temperature } };
  const changes = setupChanges(setups.A, setups.B, endpoints);
  if (changes.length === 0) return { ok: false, message: 'The two sides would be the same: give side B something of its own (--vs-supporter, --vs-condition, --vs-engine or --vs-model).' };
  for (const side of ['A', 'B'] as const) {
    const ready = await context.preflight(endpoints[side]);
    if (!ready.ok) return ready;
    if (ready.local) pool.useLocal(ready.local);
  }
  const seed = choice.seed ?? randomInt(1, 2 ** 31 - 1);
  const id = newComparisonId(choice.seeker.id);
  const shareOpening = choice.A.engine === 'agents' && choice.B.engine === 'agents';
  const options = (side: ComparisonSide) => {
    const setup = setups[side];
    return {
      seeker: choice.seeker,
      supporter: setup.supporter,
      condition: setup.condition,
      engine: setup.engine,
      mode: 'watch' as const,
      turnCap: choice.turnCap ?? stored.turnCap,
      seed,
      temperature: setup.temperature,
      judgeCadence: choice.judgeCadence ?? stored.judgeCadence,
      perceive: choice.classifier ?? stored.classifier,
      window: stored.window,
      keepReasoning: stored.keepReasoning,
      clients: pool.clientsFor(endpoints[side]),
      sessionsDir: context.sessionsDir,
      appVersion: appVersion(),
    };
  };
  const comparison = startComparison({
    shareOpening,
    sharedTurns: shareOpening ? 1 : 0,
    ...(choice.startPaused ? { startPaused: true } : {}),
    startA: ({ startPaused }) => startConversation({ ...options('A'), startPaused, origin: { comparison: { id, side: 'A' } } }),
    startB: (opening, { startPaused }) => {
      if (!opening) return startConversation({ ...options('B'), startPaused, origin: { comparison: { id, side: 'B' } } });
      // Side B is a fork of side A after its first turn: the opening's record is copied, not asked for again.
      const copy = forkCopy(opening, 1, { readings: false });
      return startConversation({
        ...options('B'),
        startPaused,
        copied: copy,
        origin: { fork: { parent: parentOf(opening), atTurn: 1, changes }, comparison: { id, side: 'B' } },
      });
    },
    link: linkWriter(context, { id, seed, sharedTurns: shareOpening ? 1 : 0, changes }, sideLabels(changes)),
  });
  return { ok: true, comparison, changes };
}

function parentOf(source: ForkSource): { id: string; path?: string } {
  return { id: source.header.id, ...(source.path ? { path: source.path } : {}) };
}

async function compareForks(context: CompareContext, choice: Extract<ComparisonChoice, { from: 'fork' }>, pool: ClientPool): Promise<ComparisonStarted> {
  const request = { at: choice.at, library: choice.library, mode: 'watch' as const, ...(choice.turnCap !== undefined ? { turnCap: choice.turnCap } : {}) };
  // Side A is the parent continuing as it was; side B carries the changes (and must have some).
  const a = prepareFork(context, choice.source, { ...request, changes: [], allowUnchanged: true });
  if (!a.ok) return a;
  const b = prepareFork(context, choice.source, { ...request, changes: choice.changes });
  if (!b.ok) return b;
  for (const fork of [a.fork, b.fork]) {
    const ready = await context.preflight(fork.endpoints);
    if (!ready.ok) return ready;
    if (ready.local) pool.useLocal(ready.local);
  }
  const copy = copyForFork(a.fork);
  if (!copy.ok) return copy;
  const header: SessionHeader = choice.source.header;
  const id = newComparisonId(header.personas.seeker.id);
  // What B has that A has not: A's own differences from the parent (a moved server, say) are on both sides.
  const changes = b.fork.changes.filter((c) => !a.fork.changes.some((other) => JSON.stringify(other) === JSON.stringify(c)));
  const comparison = startComparison({
    shareOpening: false,
    sharedTurns: choice.at,
    ...(choice.startPaused ? { startPaused: true } : {}),
    startA: ({ startPaused }) => launchFork(context, a.fork, copy.copy, pool, { startPaused, comparison: { id, side: 'A' } }),
    startB: (_opening, { startPaused }) => launchFork(context, b.fork, copy.copy, pool, { startPaused, comparison: { id, side: 'B' } }),
    link: linkWriter(
      context,
      { id, ...(header.seed !== undefined ? { seed: header.seed } : {}), sharedTurns: choice.at, changes, fork: { parent: parentOf(choice.source), atTurn: choice.at } },
      sideLabels(changes),
    ),
  });
  return { ok: true, comparison, changes };
}
