import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedPackageRoot: string | undefined;

/**
 * The folder holding our package.json. Walking up (instead of a fixed `../..`)
 * keeps this right both from src/ under vitest and from dist/ after tsc.
 */
export function packageRoot(): string {
  if (cachedPackageRoot) return cachedPackageRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readManifestName(manifest) === 'persona-talks') return (cachedPackageRoot = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the persona-talks package root (no package.json named persona-talks above this module)');
    dir = parent;
  }
}

function readManifestName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

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
