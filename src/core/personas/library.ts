import { statSync } from 'node:fs';
import type { PersonaError } from './errors.js';
import type { LoadedPersona } from './load.js';
import { bundledPersonasDir, defaultUserPersonasDir } from './paths.js';
import { canPlay } from './schema.js';

export { bundledPersonasDir, defaultUserPersonasDir } from './paths.js';

export interface LibraryOptions {
  bundledDir?: string;
  userDir?: string;
  /**
   * More persona folders to load after bundled and user (e.g. ./personas/generated,
   * or a study plan's folder). They add personas; one whose id is already loaded is
   * reported as a duplicate and left out, never silently replacing another.
   */
  extraDirs?: readonly string[];
}

export interface Library {
  personas: LoadedPersona[];
  errors: PersonaError[];
}

/**
 * Bundled personas plus the user's. A user persona with a bundled persona's id
 * replaces it in place — that is how "editing" a read-only bundled persona works.
 * The user folder is created lazily by savePersona, so its absence is normal.
 */
export async function loadLibrary(opts: LibraryOptions = {}): Promise<Library> {
  const bundledDir = opts.bundledDir ?? bundledPersonasDir();
  const userDir = opts.userDir ?? defaultUserPersonasDir();
  // The YAML reader loads with the first library read, not with every module that looks personas up.
  const { loadPersonaDir } = await import('./load.js');
  const bundled = await loadPersonaDir(bundledDir, 'bundled');
  const user = exists(userDir) ? await loadPersonaDir(userDir, 'user') : { personas: [], errors: [] };

  const userById = new Map(user.personas.map((p) => [p.persona.id, p]));
  const personas = bundled.personas.map((p) => userById.get(p.persona.id) ?? p);
  const bundledIds = new Set(bundled.personas.map((p) => p.persona.id));
  personas.push(...user.personas.filter((p) => !bundledIds.has(p.persona.id)));
  const errors = [...bundled.errors, ...user.errors];
  for (const dir of opts.extraDirs ?? []) {
    const extra = await loadPersonaDir(dir, 'user');
    errors.push(...extra.errors);
    for (const loaded of extra.personas) {
      const earlier = personas.find((p) => p.persona.id === loaded.persona.id);
      if (earlier) errors.push({ file: loaded.file, field: 'id', message: `duplicate id "${loaded.persona.id}", also used by ${earlier.file}` });
      else personas.push(loaded);
    }
  }
  return { personas, errors };
}

export function findPersona(personas: readonly LoadedPersona[], id: string): LoadedPersona | undefined {
  return personas.find((p) => p.persona.id === id);
}

/** Personas that can take a side (role matches, or "either" with what that side needs). */
export function personasFor(personas: readonly LoadedPersona[], side: 'seeker' | 'supporter'): LoadedPersona[] {
  return personas.filter((p) => canPlay(p.persona, side));
}

/** Only "does not exist" is silent; a user folder that is a file or unreadable is reported by loadPersonaDir. */
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
