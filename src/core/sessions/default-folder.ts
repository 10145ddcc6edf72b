import { resolve } from 'node:path';

/**
 * `PERSONA_TALKS_SESSIONS`, else ./sessions, resolved against the current folder.
 * On its own, apart from the listing, so knowing where sessions go does not load
 * the session reader and its record schemas (the terminal app's home needs the one,
 * not the others).
 */
export function defaultSessionsDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const fromEnv = env.PERSONA_TALKS_SESSIONS;
  return resolve(cwd, fromEnv && fromEnv.trim() !== '' ? fromEnv : 'sessions');
}
