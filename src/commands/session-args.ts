import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { sessionsDir } from '../app/paths.js';
import { parseFlags, type FlagName } from '../app/flags.js';
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

function skippedNote(session: LoadedSession): string {
  return `${session.skippedLines.length} unreadable line(s) left out (line ${session.skippedLines.join(', ')})`;
}

/** The one session `arg` names, or exit code 1 after saying why it cannot be read. */
export function readSessionArg(arg: string, dir: string, err: (t: string) => void, command: string): LoadedSession | number {
  try {
    const session = readSession(resolveSessionArg(arg, dir));
    if (session.skippedLines.length > 0) err(`note: ${skippedNote(session)}`);
    return session;
  } catch (error) {
    if (!(error instanceof SessionLookupError || error instanceof SessionReadError)) throw error;
    err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
    return 1;
  }
}

/**
 * Sessions named on a command line. A named session that cannot be read fails the command (exit 1, nothing
 * written); a non-session file inside a named folder is only skipped with a warning.
 */
export function loadSessionArgs(args: readonly string[], dir: string, err: (t: string) => void, command: string): LoadedSession[] | number {
  const sessions: LoadedSession[] = [];
  const seen = new Set<string>();
  let failed = false;
  for (const arg of args) {
    const asPath = resolve(arg);
    const isFolder = existsSync(asPath) && statSync(asPath).isDirectory();
    const paths = isFolder ? sessionFilesIn(asPath) : [];
    if (!isFolder) {
      try {
        paths.push(resolveSessionArg(arg, dir));
      } catch (error) {
        if (!(error instanceof SessionLookupError)) throw error;
        err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
        failed = true;
        continue;
      }
    }
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      try {
        const session = readSession(path);
        if (session.skippedLines.length > 0) err(`note: ${displayPath(path)}: ${skippedNote(session)}`);
        sessions.push(session);
      } catch (error) {
        if (!(error instanceof SessionReadError)) throw error;
        if (isFolder) err(`skipped ${displayPath(path)}: ${cleanForDisplay(error.message)}`);
        else {
          err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
          failed = true;
        }
      }
    }
  }
  return failed ? 1 : sessions;
}

// ——— The older argument interface, kept for `export` until it reads its flags with readFlags ———

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/** Flags and options by their names in FLAGS ("h" is --help's short form, "dir" the old name of --sessions); a problem as a string. */
export function parseArgs(args: readonly string[], spec: { flags?: readonly string[]; options?: readonly string[] }): ParsedArgs | string {
  const asked = [...(spec.flags ?? []), ...(spec.options ?? [])];
  const names = [...new Set(asked.map((n) => (n === 'h' ? 'help' : n === 'dir' ? 'sessions' : n)))] as FlagName[];
  const parsed = parseFlags(args, names);
  if ('problem' in parsed) return parsed.problem;
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === true) flags.add(name);
    else if (value !== undefined) options.set(name, String(value));
  }
  return { positional: parsed.positionals, flags, options };
}

export function sessionsDirFrom(parsed: ParsedArgs, opts: SessionCommandOptions): string {
  return sessionsFolder(parsed.options.get('sessions'), opts);
}
