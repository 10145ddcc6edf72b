import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { PersonaError } from './errors.js';
import { issuesToErrors } from './issues.js';
import { lineOfField } from './locate.js';
import { stripControlsDeep } from '../sanitize.js';
import { PersonaSchema, type Persona } from './schema.js';

export type { PersonaError } from './errors.js';
export { formatPersonaError } from './errors.js';

/** Persona files are a page of text; anything bigger is a mistake (or an attack on the terminal). */
export const MAX_PERSONA_FILE_BYTES = 256 * 1024;
/** Cascading YAML syntax errors after the first few only add noise. */
const MAX_SYNTAX_ERRORS = 3;

export type PersonaSource = 'bundled' | 'user';

export interface LoadedPersona {
  persona: Persona;
  file: string;
  source: PersonaSource;
}

export interface ParsedPersona {
  persona?: Persona;
  errors: PersonaError[];
  /** Line of the `id:` key, so a duplicate-id error can point at it. */
  idLine?: number;
}

/** Parses and validates one persona from YAML text; `file` is only used to label errors. */
export function parsePersonaYaml(text: string, file: string): ParsedPersona {
  const counter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      errors: doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  if (doc.contents === null) return { errors: [{ file, message: 'file is empty (expected id:, role:, name: … fields)' }] };
  if (!isMap(doc.contents)) {
    return { errors: [{ file, line: lineOfField(doc, counter, []), message: 'must be a mapping of fields (id:, role:, name: …), not a single value or list' }] };
  }

  let data: unknown;
  try {
    data = stripControlsDeep(doc.toJS({ maxAliasCount: 50 }));
  } catch (err) {
    return { errors: [{ file, message: `cannot read YAML: ${(err as Error).message}` }] };
  }
  const idLine = lineOfField(doc, counter, ['id']);
  const result = PersonaSchema.safeParse(data);
  if (!result.success) return { errors: issuesToErrors(result.error.issues, { file, data, doc, counter }), idLine };
  return { persona: result.data, errors: [], idLine };
}

/**
 * Read whole, at once: a persona file is a page of text (at most MAX_PERSONA_FILE_BYTES),
 * and a folder of them read with one asynchronous stat, open, read and close per file
 * waited ~15 ms on the thread pool before the terminal app's home screen could show
 * them, where reading them synchronously takes well under one.
 */
function readPersonaFile(path: string): ParsedPersona {
  try {
    const info = statSync(path);
    if (!info.isFile()) return { errors: [{ file: path, message: 'is not a file' }] };
    if (info.size > MAX_PERSONA_FILE_BYTES) {
      return { errors: [{ file: path, message: `file is too large (${Math.ceil(info.size / 1024)} KB); persona files are limited to ${MAX_PERSONA_FILE_BYTES / 1024} KB` }] };
    }
    return parsePersonaYaml(readFileSync(path, 'utf8'), path);
  } catch (err) {
    return { errors: [{ file: path, message: describeFsError(err) }] };
  }
}

/** Loads one persona file. Never throws: every problem comes back as an error. */
export async function loadPersonaFile(path: string): Promise<{ persona?: Persona; errors: PersonaError[] }> {
  const { persona, errors } = readPersonaFile(path);
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
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => !e.isDirectory() && isPersonaFileName(e.name)).map((e) => e.name).sort();
  } catch (err) {
    return { personas: [], errors: [{ file: dir, message: describeFsError(err) }] };
  }
  const files = names.map((n) => join(dir, n));
  const parsed = files.map(readPersonaFile);

  const personas: LoadedPersona[] = [];
  const errors: PersonaError[] = [];
  const firstFileById = new Map<string, string>();
  parsed.forEach((result, i) => {
    const file = files[i] as string;
    errors.push(...result.errors);
    if (!result.persona) return;
    const earlier = firstFileById.get(result.persona.id);
    if (earlier) {
      const dup: PersonaError = { file, field: 'id', message: `duplicate id "${result.persona.id}", also used by ${earlier}` };
      if (result.idLine !== undefined) dup.line = result.idLine;
      errors.push(dup);
      return;
    }
    firstFileById.set(result.persona.id, file);
    personas.push({ persona: result.persona, file, source });
  });
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
