import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { strategyCounts, type StrategyCounts } from '../analysis/strategy-distribution.js';
import type { Condition, EndReason, EngineKind, Mode, SessionHeader } from '../domain.js';
import type { Strategy } from '../strategies.js';
import { SESSION_EXTENSION } from './format.js';
import { readSession, SessionReadError, type LoadedSession } from './reader.js';

/** What the browser and `sessions list` show about one session, without its text. */
export interface SessionSummary {
  path: string;
  id: string;
  createdAt: string;
  seeker: { id: string; name: string };
  supporter: { id: string; name: string };
  condition: Condition;
  engine: EngineKind;
  mode: Mode;
  turns: number;
  supporterTurns: number;
  strategyCounts: StrategyCounts;
  finished: boolean;
  endReason?: EndReason;
  imported: boolean;
  source?: SessionHeader['source'];
  /** Unreadable lines (a truncated last line after a crash): the session is still usable. */
  skippedLines: number;
  /** Model replies refused as a refusal or as out of persona ('refusal' records). */
  refusals: number;
  /** A fork: its parent, the fork turn and what it changed. */
  fork?: SessionHeader['fork'];
  /** A side of a comparison. */
  comparison?: SessionHeader['comparison'];
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface SessionListing {
  /** Newest first. */
  sessions: SessionSummary[];
  skipped: SkippedFile[];
}

export { defaultSessionsDir } from './default-folder.js';

export function summariseSession(session: LoadedSession): SessionSummary {
  const { header, turns } = session;
  const labels = turns.flatMap((t) => (t.speaker === 'supporter' && t.strategy ? [t.strategy as Strategy] : []));
  return {
    path: session.path,
    id: header.id,
    createdAt: header.createdAt,
    seeker: { id: header.personas.seeker.id, name: header.personas.seeker.name },
    supporter: { id: header.personas.supporter.id, name: header.personas.supporter.name },
    condition: header.condition,
    engine: header.engine,
    mode: header.mode,
    turns: turns.length,
    supporterTurns: turns.filter((t) => t.speaker === 'supporter').length,
    strategyCounts: strategyCounts(labels),
    finished: session.ended !== undefined,
    ...(session.ended ? { endReason: session.ended.reason } : {}),
    imported: header.source !== undefined,
    ...(header.source ? { source: header.source } : {}),
    skippedLines: session.skippedLines.length,
    refusals: session.records.filter((r) => r.type === 'refusal').length,
    ...(header.fork ? { fork: header.fork } : {}),
    ...(header.comparison ? { comparison: header.comparison } : {}),
  };
}

/** The session files directly in `dir` (not recursive), sorted by name. A missing folder has none. */
export function sessionFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(SESSION_EXTENSION))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Records a listing never looks at (summariseSession reads the header, turns, endings and refusals). */
const NOT_LISTED = ['meter', 'perceived', 'measurement', 'summary', 'quality'] as const;

/**
 * Every session in `dir`, newest first. A file that is not a session (or is
 * unreadable) is reported in `skipped` with a reason instead of failing the list.
 */
export function listSessions(dir: string): SessionListing {
  const sessions: SessionSummary[] = [];
  const skipped: SkippedFile[] = [];
  for (const path of sessionFilesIn(dir)) {
    try {
      sessions.push(summariseSession(readSession(path, { skipTypes: NOT_LISTED })));
    } catch (error) {
      skipped.push({ path, reason: reasonOf(error) });
    }
  }
  sessions.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.path.localeCompare(b.path)));
  return { sessions, skipped };
}

function reasonOf(error: unknown): string {
  if (error instanceof SessionReadError) return error.message;
  if (error instanceof Error) return `unreadable: ${error.message}`;
  return `unreadable: ${String(error)}`;
}

/**
 * Deletes a session file. Refuses anything whose first line is not a
 * persona-talks session header, so a mistyped path cannot remove another file.
 */
export function deleteSession(path: string): void {
  let firstLine: string;
  try {
    firstLine = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
  } catch (error) {
    throw new SessionReadError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let header: unknown;
  try {
    header = JSON.parse(firstLine);
  } catch {
    header = undefined;
  }
  const h = header as Partial<SessionHeader> | undefined;
  if (!h || h.type !== 'header' || h.app !== 'persona-talks') {
    throw new SessionReadError(`${path} is not a persona-talks session; not deleting it`);
  }
  unlinkSync(path);
}

export class SessionLookupError extends Error {}

/**
 * A session named on the command line: an existing file path, a session id in
 * `dir`, or a prefix of exactly one id there. Returns an absolute path.
 */
export function resolveSessionArg(arg: string, dir: string): string {
  if (arg.trim() === '') throw new SessionLookupError('an empty session name');
  const asPath = resolve(arg);
  if (existsSync(asPath) && statSync(asPath).isFile()) return asPath;
  const id = arg.endsWith(SESSION_EXTENSION) ? arg.slice(0, -SESSION_EXTENSION.length) : arg;
  // An id never contains a path separator; treating one as a prefix would let "../x" escape the folder.
  if (/[\\/]/.test(id)) throw new SessionLookupError(`no session file ${arg}`);
  const exact = join(dir, `${id}${SESSION_EXTENSION}`);
  if (existsSync(exact)) return resolve(exact);
  const matches = sessionFilesIn(dir).filter((p) => basename(p, SESSION_EXTENSION).startsWith(id));
  if (matches.length === 1) return resolve(matches[0] as string);
  if (matches.length === 0) throw new SessionLookupError(`no session "${arg}" in ${dir}`);
  const shown = matches.slice(0, 5).map((p) => `  ${basename(p, SESSION_EXTENSION)}`);
  const more = matches.length > 5 ? [`  … and ${matches.length - 5} more`] : [];
  throw new SessionLookupError([`"${arg}" matches ${matches.length} sessions in ${dir}; give more of the id:`, ...shown, ...more].join('\n'));
}

