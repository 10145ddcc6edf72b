import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { sessionsDir } from '../app/paths.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { resolveSessionArg, sessionFilesIn, SessionLookupError } from '../core/sessions/list.js';
import { readSession, SessionReadError, type LoadedSession } from '../core/sessions/reader.js';
import { displayPath } from './io.js';

/** Sessions named on a command line: a file path, a session id, a unique prefix of one, or (where several are taken) a folder. */

export interface SessionCommandOptions {
  /** Where sessions live when --sessions is not given (default: $PERSONA_TALKS_SESSIONS or ./sessions). */
  sessionsDir?: string;
}

/** --sessions, else the folder the caller passed (tests do), else $PERSONA_TALKS_SESSIONS or ./sessions. */
export function sessionsFolder(flag: string | undefined, opts: SessionCommandOptions): string {
  return flag !== undefined ? sessionsDir(flag) : (opts.sessionsDir ?? sessionsDir(undefined));
}

/** Past this many, a session's bad lines are counted rather than listed: a damaged file should not flood the terminal. */
const LISTED_PROBLEMS = 5;

/** One note per line a session's reading left out, naming the file, the line and what was wrong. */
export function skippedLineNotes(session: LoadedSession): string[] {
  const where = displayPath(session.path);
  const notes = session.problems.slice(0, LISTED_PROBLEMS).map((p) => `note: ${where}: line ${p.line} left out: ${cleanForDisplay(p.reason)}`);
  const more = session.problems.length - LISTED_PROBLEMS;
  if (more > 0) notes.push(`note: ${where}: and ${more} more line${more === 1 ? '' : 's'} left out`);
  return notes;
}

/** The one session `arg` names, or exit code 1 after saying why it cannot be read. */
export function readSessionArg(arg: string, dir: string, err: (t: string) => void, command: string): LoadedSession | number {
  try {
    const session = readSession(resolveSessionArg(arg, dir));
    for (const note of skippedLineNotes(session)) err(note);
    return session;
  } catch (error) {
    if (!(error instanceof SessionLookupError || error instanceof SessionReadError)) throw error;
    err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
    return 1;
  }
}

/** A session file a command line names: on its own, or as one of a folder's. */
interface NamedFile {
  path: string;
  inFolder: boolean;
}

/**
 * The files `args` name, each once: a folder gives its session files, anything
 * else is looked up as a path, id or prefix. An argument that names no session
 * is reported and makes the result 1.
 */
function namedFiles(args: readonly string[], dir: string, err: (t: string) => void, command: string): NamedFile[] | number {
  const files: NamedFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, inFolder: boolean) => {
    if (!seen.has(path)) files.push({ path, inFolder });
    seen.add(path);
  };
  let failed = false;
  for (const arg of args) {
    const asPath = resolve(arg);
    if (existsSync(asPath) && statSync(asPath).isDirectory()) {
      for (const path of sessionFilesIn(asPath)) add(path, true);
      continue;
    }
    try {
      add(resolveSessionArg(arg, dir), false);
    } catch (error) {
      if (!(error instanceof SessionLookupError)) throw error;
      err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
      failed = true;
    }
  }
  return failed ? 1 : files;
}

/**
 * Sessions named on a command line. A named session that cannot be read fails the command (exit 1, nothing
 * written); a non-session file inside a named folder is only skipped with a warning.
 */
export function loadSessionArgs(
  args: readonly string[],
  dir: string,
  err: (t: string) => void,
  command: string,
  /** What to keep of each session once read (all of it by default): read one at a time, kept as this. */
  keep: (session: LoadedSession) => LoadedSession = (session) => session,
): LoadedSession[] | number {
  const files = namedFiles(args, dir, err, command);
  if (typeof files === 'number') return files;
  const sessions: LoadedSession[] = [];
  let failed = false;
  for (const { path, inFolder } of files) {
    try {
      const session = readSession(path);
      for (const note of skippedLineNotes(session)) err(note);
      sessions.push(keep(session));
    } catch (error) {
      if (!(error instanceof SessionReadError)) throw error;
      if (inFolder) err(`skipped ${displayPath(path)}: ${cleanForDisplay(error.message)}`);
      else {
        err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
        failed = true;
      }
    }
  }
  return failed ? 1 : sessions;
}

/**
 * The session files named on a command line, without keeping them in memory:
 * folders give their session files (read later, one at a time; a bad one is then
 * skipped with a warning), while a session named on its own is read once now, so
 * a typo or a file that is not a session fails the command before anything is
 * written. Returns 1 after printing the problems.
 */
export function sessionPathsFromArgs(args: readonly string[], dir: string, err: (t: string) => void, command: string): string[] | number {
  const files = namedFiles(args, dir, err, command);
  if (typeof files === 'number') return files;
  let failed = false;
  for (const { path, inFolder } of files) {
    if (inFolder) continue;
    try {
      readSession(path);
    } catch (error) {
      if (!(error instanceof SessionReadError)) throw error;
      err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
      failed = true;
    }
  }
  return failed ? 1 : files.map((f) => f.path);
}
