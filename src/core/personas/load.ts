import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { PersonaError } from './errors.js';
import type { ParsedPersona } from './persona-yaml.js';
import { stripControlsDeep } from '../sanitize.js';
import { PersonaSchema, type Persona } from './schema.js';

export type { PersonaError } from './errors.js';
export { formatPersonaError } from './errors.js';

/** Persona files are a page of text; anything bigger is a mistake (or an attack on the terminal). */
export const MAX_PERSONA_FILE_BYTES = 256 * 1024;

export type PersonaSource = 'bundled' | 'user';

export interface LoadedPersona {
  persona: Persona;
  file: string;
  source: PersonaSource;
}

/**
 * The reader that knows where every value is in the file: it names the line of each
 * problem, and of an id used twice. Loaded when a file needs it (see quickParse).
 */
const fullParser = () => import('./persona-yaml.js');

/**
 * A persona from a file that is well formed, without the full reader. Most files
 * are; the full reader (the `yaml` package's document, every node with its place in
 * the file) costs ~30 ms of the terminal app's start for the bundled personas, and
 * js-yaml reads the same YAML 1.2 core schema to plain values in a third of that.
 * Anything it does not take as it is (a syntax error, a key given twice, an alias,
 * a tag, not a mapping, or a value the schema refuses) is undefined here, and the
 * full reader reads the file again and says what is wrong and where, as it always has.
 */
export function quickParse(text: string): Persona | undefined {
  let data: unknown;
  try {
    // No aliases: the full reader caps them (a few lines can stand for millions of values).
    data = loadYaml(text.replace(/^\uFEFF/, ''), { schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const result = PersonaSchema.safeParse(stripControlsDeep(data));
  return result.success ? result.data : undefined;
}

/** A file's persona or its problems, and its text (for the line of its id, if that is ever needed). */
type ReadPersona = ParsedPersona & { text?: string };

/**
 * Read whole, at once: a persona file is a page of text (at most MAX_PERSONA_FILE_BYTES),
 * and a folder of them read with an asynchronous stat, open, read and close per file
 * left the terminal app's start waiting on the thread pool (10–15 ms idle in a profile)
 * for what a synchronous read does in well under a millisecond. The folder is listed
 * synchronously for the same reason: each asynchronous step waits for the event loop,
 * which at the app's start is busy loading the screens.
 */
async function readPersonaFile(path: string): Promise<ReadPersona> {
  try {
    const info = statSync(path);
    if (!info.isFile()) return { errors: [{ file: path, message: 'is not a file' }] };
    if (info.size > MAX_PERSONA_FILE_BYTES) {
      return { errors: [{ file: path, message: `file is too large (${Math.ceil(info.size / 1024)} KB); persona files are limited to ${MAX_PERSONA_FILE_BYTES / 1024} KB` }] };
    }
    const text = readFileSync(path, 'utf8');
    const persona = quickParse(text);
    if (persona) return { persona, errors: [], text };
    return { ...(await fullParser()).parsePersonaYaml(text, path), text };
  } catch (err) {
    return { errors: [{ file: path, message: describeFsError(err) }] };
  }
}

/** Loads one persona file. Never throws: every problem comes back as an error. */
export async function loadPersonaFile(path: string): Promise<{ persona?: Persona; errors: PersonaError[] }> {
  const { persona, errors } = await readPersonaFile(path);
  return persona ? { persona, errors } : { errors };
}

export function isPersonaFileName(name: string): boolean {
  // Dot-files include savePersona's in-flight temp files.
  return /\.ya?ml$/i.test(name) && !name.startsWith('.');
}

/**
 * Loads every *.yaml / *.yml file in `dir` (not recursive), in file-name order.
 * Broken files contribute errors and the rest still load; when two files share
 * an id the first (by name) wins and the second is reported, naming both.
 */
export async function loadPersonaDir(dir: string, source: PersonaSource = 'user'): Promise<{ personas: LoadedPersona[]; errors: PersonaError[] }> {
  let names: string[];
  try {
    const entries = readdirSync(dir, { withFileTypes: true });
    names = entries.filter((e) => !e.isDirectory() && isPersonaFileName(e.name)).map((e) => e.name).sort();
  } catch (err) {
    return { personas: [], errors: [{ file: dir, message: describeFsError(err) }] };
  }
  const files = names.map((n) => join(dir, n));
  const parsed = await Promise.all(files.map(readPersonaFile));

  const personas: LoadedPersona[] = [];
  const errors: PersonaError[] = [];
  const firstFileById = new Map<string, string>();
  for (const [i, result] of parsed.entries()) {
    const file = files[i] as string;
    errors.push(...result.errors);
    if (!result.persona) continue;
    const earlier = firstFileById.get(result.persona.id);
    if (earlier) {
      const dup: PersonaError = { file, field: 'id', message: `duplicate id "${result.persona.id}", also used by ${earlier}` };
      const idLine = result.idLine ?? (result.text === undefined ? undefined : (await fullParser()).parsePersonaYaml(result.text, file).idLine);
      if (idLine !== undefined) dup.line = idLine;
      errors.push(dup);
      continue;
    }
    firstFileById.set(result.persona.id, file);
    personas.push({ persona: result.persona, file, source });
  }
  return { personas, errors };
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'is not a directory';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return `cannot read: ${(err as Error).message}`;
}
