import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Arm } from '../domain.js';
import { SESSION_EXTENSION } from '../sessions/format.js';
import { readSession, type LoadedSession } from '../sessions/reader.js';
import type { Measurement } from './plan.js';
import type { PlannedConversation } from './design.js';

/**
 * The experiment folder: the plan as first run, a manifest written once, one
 * ordinary session file per conversation, and an append-only status log.
 *
 *   DIR/plan.yaml        the plan's bytes
 *   DIR/manifest.json    { experimentId, planHash, createdAt, appVersion, name, arms, conversations }
 *   DIR/sessions/<id>.jsonl
 *   DIR/status.jsonl     { at, id, event, error? } per line (informative: the truth is each session file)
 */

export const PLAN_FILE = 'plan.yaml';
export const MANIFEST_FILE = 'manifest.json';
export const STATUS_FILE = 'status.jsonl';
export const SESSIONS_FOLDER = 'sessions';

export interface ManifestConversation {
  id: string;
  /** The arm's name (its switches are in `arms` and in every session header). */
  arm: string;
  seeker: string;
  supporter: string;
  engine: PlannedConversation['engine'];
  model: string;
  rep: number;
  seed: number;
}

export interface Manifest {
  experimentId: string;
  planHash: string;
  createdAt: string;
  appVersion: string;
  name: string;
  arms: Arm[];
  conversations: ManifestConversation[];
}

export type FolderProblem = { ok: false; message: string };

export function sessionsPath(dir: string): string {
  return join(dir, SESSIONS_FOLDER);
}

export function sessionPathFor(dir: string, id: string): string {
  return join(dir, SESSIONS_FOLDER, `${id}${SESSION_EXTENSION}`);
}

/** Files a folder may hold from a first run that was killed before its manifest was written. */
const OURS_BEFORE_MANIFEST = new Set([PLAN_FILE, `${PLAN_FILE}.tmp`, `${MANIFEST_FILE}.tmp`, SESSIONS_FOLDER]);

/**
 * The folder's manifest: the existing one when the folder was made by the same
 * plan, a new one (with the plan copied beside it) when the folder is new or
 * empty. Any other folder is refused and nothing in it is touched.
 */
export function openFolder(dir: string, made: { planText: string; manifest: Manifest }): { ok: true; manifest: Manifest; created: boolean } | FolderProblem {
  const manifestPath = join(dir, MANIFEST_FILE);
  if (existsSync(manifestPath)) {
    let existing: Manifest;
    try {
      existing = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    } catch (error) {
      return { ok: false, message: `${manifestPath} cannot be read (${(error as Error).message}); nothing was started.` };
    }
    if (existing.planHash !== made.manifest.planHash) {
      return {
        ok: false,
        message:
          `${dir} holds the experiment "${existing.name}" made by another plan (the plan as first run is ${join(dir, PLAN_FILE)}). ` +
          'Nothing was started or changed. Run this plan with another --dir, or run the plan that made the folder.',
      };
    }
    return { ok: true, manifest: existing, created: false };
  }
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) return { ok: false, message: `${dir} is a file, not an experiment folder; nothing was started.` };
    const strangers = readdirSync(dir).filter((name) => !OURS_BEFORE_MANIFEST.has(name));
    const sessions = existsSync(sessionsPath(dir)) ? readdirSync(sessionsPath(dir)) : [];
    if (strangers.length > 0 || sessions.length > 0) {
      return { ok: false, message: `${dir} is not empty and is not an experiment folder (it has no ${MANIFEST_FILE}); nothing was started. Choose an empty or new folder with --dir.` };
    }
  }
  mkdirSync(sessionsPath(dir), { recursive: true });
  writeAtomically(join(dir, PLAN_FILE), made.planText);
  // The manifest last: a folder with one was made whole.
  writeAtomically(manifestPath, `${JSON.stringify(made.manifest, null, 2)}\n`);
  return { ok: true, manifest: made.manifest, created: true };
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export type StatusEvent = 'started' | 'resumed' | 'finished' | 'measured' | 'stopped' | 'failed';

/** One line of the status log; one write(2) on an O_APPEND file, so concurrent workers never interleave. */
export function appendStatus(dir: string, entry: { id: string; event: StatusEvent; error?: string }): void {
  appendFileSync(join(dir, STATUS_FILE), `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
}

/**
 * Where a conversation stands, read from its session file alone:
 * - pending: no file yet (or an empty one a kill left before its header);
 * - interrupted: killed mid-way (no `ended`);  stopped: ended by Ctrl+C;
 * - failed: ended on an error it could not get past (run again with --retry-failed);
 * - unmeasured: it ran its course but a measurement the plan asks for is missing;
 * - finished: ran its course and is measured as the plan asks;
 * - unreadable: a file that is not a session (never overwritten).
 */
export type ConversationState =
  | { state: 'pending' }
  | { state: 'interrupted' | 'stopped'; session: LoadedSession }
  | { state: 'failed'; session: LoadedSession; error: string }
  | { state: 'unmeasured'; session: LoadedSession; missing: { speakers: ('seeker' | 'supporter')[]; quality: boolean } }
  | { state: 'finished'; session: LoadedSession }
  | { state: 'unreadable'; error: string };

export interface MeasurementNeeds {
  measurement: Measurement;
  quality: boolean;
}

export function conversationState(path: string, needs: MeasurementNeeds): ConversationState {
  if (!existsSync(path)) return { state: 'pending' };
  if (statSync(path).size === 0) {
    // Created, then killed before its header was written: nothing to keep.
    unlinkSync(path);
    return { state: 'pending' };
  }
  let session: LoadedSession;
  try {
    session = readSession(path);
  } catch (error) {
    return { state: 'unreadable', error: (error as Error).message };
  }
  if (!session.ended) return { state: 'interrupted', session };
  if (session.ended.reason === 'stopped') return { state: 'stopped', session };
  if (session.ended.reason === 'error') return { state: 'failed', session, error: lastError(session) };
  const measured = new Set(session.records.flatMap((r) => (r.type === 'measurement' ? [r.speaker] : [])));
  const speakers = needs.measurement === 'posthoc' ? (['seeker', 'supporter'] as const).filter((s) => session.turns.some((t) => t.speaker === s) && !measured.has(s)) : [];
  const quality = needs.quality && !session.records.some((r) => (r as { type: string }).type === 'quality');
  if (speakers.length > 0 || quality) return { state: 'unmeasured', session, missing: { speakers, quality } };
  return { state: 'finished', session };
}

function lastError(session: LoadedSession): string {
  const errors = session.records.filter((r) => r.type === 'error');
  const last = errors[errors.length - 1];
  return last && 'message' in last ? last.message : 'it ended on an error';
}
