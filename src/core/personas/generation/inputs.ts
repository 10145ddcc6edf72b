import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { stripControls } from '../../sanitize.js';
import { findPersona, type Library } from '../library.js';
import { loadPersonaDir } from '../load.js';
import { parsePersonaYaml } from '../persona-yaml.js';
import type { Persona } from '../schema.js';
import { normaliseDescription } from './rules.js';

/**
 * The descriptions a run starts from. `personas import FILE` reads a JSONL file
 * (`{"persona": "..."}` as PersonaHub writes it, `{"description": "..."}`, or a
 * JSON string a line) or a text file (one description a line; blank lines and
 * lines starting with "#" are skipped). `personas generate --from SEEDS` reads
 * the same files, a YAML list, a persona file or folder, or persona ids. Every
 * problem names its file and line, and nothing starts until the input is clean.
 */

export interface SourceText {
  text: string;
  file?: string;
  line?: number;
}

export interface InputError {
  file: string;
  line?: number;
  message: string;
}

export type InputRead = { ok: true; texts: SourceText[]; notes: string[] } | { ok: false; errors: InputError[] };

export const formatInputError = (e: InputError) => `${e.file}${e.line === undefined ? '' : `:${e.line}`}: ${e.message}`;

/** More than this many problems in one file only repeat the first ones. */
const MAX_ERRORS = 10;
/** Fields a JSONL line may hold its description in (PersonaHub uses "persona"; its derived sets "input persona"). */
const JSON_FIELDS = ['persona', 'description', 'input persona'] as const;

const clean = (text: string) => normaliseDescription(stripControls(text, { newline: true, tab: true }));
const fail = (file: string, message: string, line?: number): InputRead => ({ ok: false, errors: [{ file, message, ...(line !== undefined ? { line } : {}) }] });

type Format = 'jsonl' | 'yaml' | 'text';

function formatOf(path: string, text: string): Format {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  const first = text.split('\n').find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first?.trimStart().startsWith('{') ? 'jsonl' : 'text';
}

/** A file of descriptions (import), or of seeds (generate, which also takes a persona YAML file). */
export async function readDescriptionFile(path: string, shown = path, options: { personaFiles?: boolean } = {}): Promise<InputRead> {
  let raw: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail(shown, 'is a folder; give a file of descriptions');
    raw = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(shown, code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'permission denied' : `cannot read: ${(error as Error).message}`);
  }
  if (raw.includes(0)) return fail(shown, 'is not a text file');
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  const format = formatOf(path, text);
  const read = format === 'jsonl' ? readJsonLines(text, shown) : format === 'yaml' ? readYaml(text, shown, options.personaFiles ?? false) : readTextLines(text, shown);
  if (read.ok && read.texts.length === 0) {
    return fail(shown, format === 'jsonl' ? 'has no descriptions (expected {"persona": "..."} or {"description": "..."} lines)' : 'has no descriptions (expected one a line)');
  }
  return read;
}

function readTextLines(text: string, file: string): InputRead {
  const texts: SourceText[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trimStart().startsWith('#')) return;
    const description = clean(line);
    if (description !== '') texts.push({ text: description, file, line: i + 1 });
  });
  return { ok: true, texts, notes: [] };
}

function readJsonLines(text: string, file: string): InputRead {
  const texts: SourceText[] = [];
  const errors: InputError[] = [];
  const lines = text.split('\n');
  let i = 0;
  for (; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const at = (message: string) => errors.push({ file, line: i + 1, message });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      at(`not JSON (${jsonProblem(error as Error, lines[i]!)})${i === 0 && line === '[' ? '; a JSON array? write one object a line' : ''}`);
      continue;
    }
    const found = descriptionIn(value);
    if ('problem' in found) at(found.problem);
    else texts.push({ text: found.text, file, line: i + 1 });
  }
  if (errors.length >= MAX_ERRORS && lines.slice(i).some((l) => l.trim() !== '')) {
    errors.push({ file, message: `stopped reading after ${MAX_ERRORS} problems; lines ${i + 1} onwards were not checked` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, texts, notes: [] };
}

/**
 * JSON.parse's message with the place given as a column of the file's line: it
 * counts from the trimmed text and calls every line "line 1".
 */
function jsonProblem(error: Error, raw: string): string {
  const indent = raw.length - raw.trimStart().length;
  return error.message.split('\n')[0]!.replace(/(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?/, (_, position: string) => ` at column ${indent + Number(position) + 1}`);
}

/** The description in one JSON value: a string, or an object's "persona" / "description" / "input persona". */
function descriptionIn(value: unknown): { text: string } | { problem: string } {
  if (typeof value === 'string') {
    const text = clean(value);
    return text === '' ? { problem: 'the description is empty' } : { text };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: `expected {"persona": "..."} or {"description": "..."}, not ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}` };
  }
  const o = value as Record<string, unknown>;
  const field = JSON_FIELDS.find((f) => f in o);
  if (!field) {
    const keys = Object.keys(o).slice(0, 5).map((k) => `"${stripControls(k)}"`);
    return { problem: `expected a "persona" or "description" field${keys.length > 0 ? ` (found ${keys.join(', ')})` : ''}` };
  }
  if (typeof o[field] !== 'string') return { problem: `"${field}" must be text` };
  const text = clean(o[field] as string);
  return text === '' ? { problem: `"${field}" is empty` } : { text };
}

function readYaml(text: string, file: string, personaFiles: boolean): InputRead {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : undefined);
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.slice(0, 3).map((e) => ({ file, line: counter.linePos(e.pos[0]).line, message: `YAML syntax error: ${e.message.split('\n')[0]}` })) };
  }
  let list: unknown = doc.contents;
  if (isMap(list)) {
    if (personaFiles && list.has('id') && list.has('description')) {
      const parsed = parsePersonaYaml(text, file);
      if (!parsed.persona) return { ok: false, errors: parsed.errors.map((e) => ({ file, ...(e.line !== undefined ? { line: e.line } : {}), message: `${e.field ? `${e.field}: ` : ''}${e.message}` })) };
      return { ok: true, texts: [{ text: personaSeedText(parsed.persona), file, line: 1 }], notes: [] };
    }
    const map = list;
    const key = ['seeds', 'descriptions', 'personas'].find((k) => map.has(k));
    if (!key) return fail(file, 'expected a list of descriptions (or a "seeds:" list)', lineOf(map));
    list = map.get(key, true);
  }
  if (list === null || list === undefined) return { ok: true, texts: [], notes: [] };
  if (!isSeq(list)) return fail(file, 'expected a list of descriptions', lineOf(list as Node));
  const texts: SourceText[] = [];
  const errors: InputError[] = [];
  for (const item of list.items) {
    const line = lineOf(item as Node);
    const value = isScalar(item) ? item.value : isMap(item) ? (item.toJSON() as unknown) : undefined;
    const found = descriptionIn(value ?? null);
    if ('problem' in found) errors.push({ file, message: found.problem, ...(line !== undefined ? { line } : {}) });
    else texts.push({ text: found.text, file, ...(line !== undefined ? { line } : {}) });
    if (errors.length >= MAX_ERRORS) break;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, texts, notes: [] };
}

/** A persona as a seed: its occupation, age band and gender, then its description. */
export function personaSeedText(persona: Persona): string {
  const who = [persona.occupation, persona.age_band ? `aged ${persona.age_band}` : undefined, persona.gender].filter(Boolean).join(', ');
  return clean(who ? `${who}: ${persona.description}` : persona.description);
}

/**
 * `--from SEEDS`: a file (see readDescriptionFile), a folder of persona files, or
 * persona ids separated by commas (from the library: bundled and yours).
 * Baseline personas (no persona at all) are no seeds and are left out.
 */
export async function readSeeds(spec: string, library: () => Promise<Library>, resolvePath: (p: string) => string = (p) => p): Promise<InputRead> {
  const path = resolvePath(spec);
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    const dir = await loadPersonaDir(path);
    const notes = dir.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message} (left out of the seeds)`);
    const texts = dir.personas.filter((p) => !p.persona.baseline).map((p) => ({ text: personaSeedText(p.persona), file: p.file }));
    return texts.length > 0 ? { ok: true, texts, notes } : fail(spec, 'has no persona files to use as seeds');
  }
  if (info || /[\\/]|\.(jsonl|ndjson|json|ya?ml|txt|csv)$/i.test(spec)) return readDescriptionFile(path, spec, { personaFiles: true });
  const ids = spec.split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) return fail(spec, 'no file, folder or persona id given');
  const { personas } = await library();
  const texts: SourceText[] = [];
  const errors: InputError[] = [];
  for (const id of ids) {
    const found = findPersona(personas, id);
    if (!found) errors.push({ file: stripControls(id), message: 'no such file, folder or persona id (run "persona-talks personas list" to see ids)' });
    else if (found.persona.baseline) errors.push({ file: id, message: 'is the baseline with no persona: it cannot seed new personas' });
    else texts.push({ text: personaSeedText(found.persona), file: found.file });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, texts, notes: [] };
}
