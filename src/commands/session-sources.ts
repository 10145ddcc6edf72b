import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanForDisplay } from '../core/sanitize.js';
import { resolveSessionArg, sessionFilesIn, SessionLookupError } from '../core/sessions/list.js';
import { readSession, SessionReadError } from '../core/sessions/reader.js';

/**
 * The session files named on a command line, without keeping them in memory:
 * folders give their session files (read later, one at a time; a bad one is then
 * skipped with a warning), while a session named on its own is read once now, so
 * a typo or a file that is not a session fails the command before anything is
 * written. Returns 1 after printing the problems.
 */
export function sessionPathsFromArgs(args: readonly string[], dir: string, err: (t: string) => void, command: string): string[] | number {
  const paths: string[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    if (!seen.has(path)) paths.push(path);
    seen.add(path);
  };
  let failed = false;
  for (const arg of args) {
    const asPath = resolve(arg);
    if (existsSync(asPath) && statSync(asPath).isDirectory()) {
      for (const path of sessionFilesIn(asPath)) add(path);
      continue;
    }
    try {
      const path = resolveSessionArg(arg, dir);
      readSession(path);
      add(path);
    } catch (error) {
      if (!(error instanceof SessionLookupError) && !(error instanceof SessionReadError)) throw error;
      err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
      failed = true;
    }
  }
  return failed ? 1 : paths;
}
