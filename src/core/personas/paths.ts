import { packageRoot } from '../package-info.js';
import { homedir } from 'node:os';
import { join } from 'node:path';

export { packageRoot };

/** The read-only personas shipped with the package. */
export function bundledPersonasDir(): string {
  return join(packageRoot(), 'personas');
}

/** Where the user's own (and edited) personas live: $PERSONA_TALKS_PERSONAS, else the XDG config folder. */
export function defaultUserPersonasDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PERSONA_TALKS_PERSONAS) return env.PERSONA_TALKS_PERSONAS;
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'persona-talks', 'personas');
}
