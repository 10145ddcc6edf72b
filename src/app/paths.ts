import { resolve } from 'node:path';
import { defaultSessionsDir } from '../core/sessions/default-folder.js';

/** Where sessions go: --sessions, then $PERSONA_TALKS_SESSIONS, then ./sessions under the working folder. */
export function sessionsDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return flag ? resolve(cwd, flag) : defaultSessionsDir(env, cwd);
}
