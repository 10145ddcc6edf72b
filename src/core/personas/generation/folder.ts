import { constants } from 'node:fs';
import { access, appendFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadPersonaDir } from '../load.js';
import { saveNewPersona } from '../save.js';
import type { Persona } from '../schema.js';

/**
 * The folder generated personas go to: one YAML file per kept persona, and
 * `dropped.jsonl` beside them, one line per candidate the quality filter
 * dropped. Together they are the run's memory: a candidate whose key is on a
 * persona's provenance or a dropped line is finished, so running again with the
 * same arguments picks up where the last run stopped. Nothing is overwritten.
 */

export const DROPPED_FILE = 'dropped.jsonl';

export interface FolderState {
  /** Candidate key → how it finished. */
  finished: Map<string, 'saved' | 'dropped'>;
  /** Persona ids in the folder, and the names of its persona files (even broken ones): never reused. */
  ids: Set<string>;
  /** Descriptions models wrote for the folder's personas (`provenance.expanded`): later ones must differ. */
  written: string[];
  /** Problems worth a line that do not stop the run (a broken persona file, an unreadable dropped line). */
  notes: string[];
}

/**
 * What stops the folder being used, without creating anything: a file in its
 * place or in its path, or no permission to write it (or, while it does not
 * exist yet, its nearest existing parent). A sentence, or undefined when usable.
 */
export async function folderProblem(dir: string): Promise<string | undefined> {
  try {
    let at = resolve(dir);
    for (;;) {
      const info = await stat(at).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
      if (info) {
        if (!info.isDirectory()) return at === resolve(dir) ? `${dir} is a file, not a folder` : `cannot make the folder ${dir}: part of its path is a file`;
        await access(at, constants.W_OK);
        return undefined;
      }
      const parent = dirname(at);
      if (parent === at) return undefined;
      at = parent;
    }
  } catch (error) {
    return unusableFolder(dir, error);
  }
}

/** Creates the folder (checked first with folderProblem, so a bad --out is found before any model call). */
export async function prepareFolder(dir: string): Promise<string | undefined> {
  const problem = await folderProblem(dir);
  if (problem) return problem;
  try {
    await mkdir(dir, { recursive: true });
    return undefined;
  } catch (error) {
    return unusableFolder(dir, error);
  }
}

function unusableFolder(dir: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot write to ${dir} (permission denied)`;
  if (code === 'ENOTDIR') return `cannot make the folder ${dir}: part of its path is a file`;
  return `cannot use the folder ${dir}: ${(error as Error).message}`;
}

export async function readFolder(dir: string): Promise<FolderState> {
  const state: FolderState = { finished: new Map(), ids: new Set(), written: [], notes: [] };
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) if (/\.ya?ml$/i.test(name)) state.ids.add(name.replace(/\.ya?ml$/i, ''));
  const loaded = await loadPersonaDir(dir, 'user');
  for (const error of loaded.errors) state.notes.push(`${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}`);
  for (const { persona } of loaded.personas) {
    state.ids.add(persona.id);
    const made = persona.provenance;
    if (made?.candidate) state.finished.set(made.candidate, 'saved');
    if (made?.expanded) state.written.push(made.expanded);
  }
  let text = '';
  try {
    text = await readFile(join(dir, DROPPED_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') state.notes.push(`${join(dir, DROPPED_FILE)}: ${(error as Error).message}`);
  }
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const entry = JSON.parse(line) as { candidate?: unknown };
      if (typeof entry.candidate === 'string' && !state.finished.has(entry.candidate)) state.finished.set(entry.candidate, 'dropped');
    } catch {
      // A run killed mid-write leaves at most one torn line; its candidate is simply done again.
      state.notes.push(`${join(dir, DROPPED_FILE)}:${i + 1}: not JSON, skipped (a line cut short by an interrupted run?)`);
    }
  });
  return state;
}

/** Latin letters that do not decompose into a base letter and a mark. */
const LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/** A persona id from a name: "Zoë Ní Bhriain" → "zoe-ni-bhriain", "Maren Østby" → "maren-ostby". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßđðłþı]/g, (ch) => LETTERS[ch] ?? ch)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return /^[a-z0-9]/.test(slug) ? slug : 'persona';
}

export interface DroppedEntry {
  candidate: string;
  rule: string;
  reason: string;
  [field: string]: unknown;
}

/** Saves kept personas under free ids and appends dropped lines, one writer at a time. */
export class OutputFolder {
  private appending: Promise<void> = Promise.resolve();
  private checkedTail = false;

  constructor(
    readonly dir: string,
    /** Every id that must not be used: the library's and the folder's. Grows as personas are saved. */
    private readonly taken: Set<string>,
    private readonly bundledDir?: string,
  ) {}

  /** Writes the persona under the first free id made from its name; returns the id and the file. */
  async save(persona: Omit<Persona, 'id'>): Promise<{ id: string; file: string }> {
    const base = slugify(persona.name);
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base.slice(0, 58)}-${n}`;
      if (this.taken.has(id)) continue;
      // Reserved before the write, so two candidates saving at once never pick the same id.
      this.taken.add(id);
      try {
        const file = await saveNewPersona({ ...persona, id } as Persona, this.dir, this.bundledDir ? { bundledDir: this.bundledDir } : {});
        return { id, file };
      } catch (error) {
        // Someone else's file by that name: leave it, take the next id.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }

  /** One JSON line per dropped candidate; a torn last line from a killed run is ended first. */
  appendDropped(entry: DroppedEntry): Promise<void> {
    const path = join(this.dir, DROPPED_FILE);
    const write = async () => {
      if (!this.checkedTail) {
        this.checkedTail = true;
        const existing = await readFile(path, 'utf8').catch(() => '');
        if (existing !== '' && !existing.endsWith('\n')) await appendFile(path, '\n');
      }
      await appendFile(path, `${JSON.stringify(entry)}\n`);
    };
    const next = this.appending.then(write);
    // A failed write is the caller's to report; the next one still runs.
    this.appending = next.catch(() => undefined);
    return next;
  }
}
