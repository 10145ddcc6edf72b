import { resolve } from 'node:path';

/** Where sessions go: --sessions, then $PERSONA_TALKS_SESSIONS, then ./sessions under the working folder. */
export function sessionsDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return resolve(cwd, flag || env.PERSONA_TALKS_SESSIONS || 'sessions');
}
