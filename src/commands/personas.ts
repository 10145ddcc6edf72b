import { stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { formatPersonaError, type PersonaError } from '../core/personas/errors.js';
import { findPersona, loadLibrary } from '../core/personas/library.js';
import { loadPersonaDir, loadPersonaFile, type LoadedPersona } from '../core/personas/load.js';
import { canPlay, ROLES } from '../core/personas/schema.js';
import { personaCard, personaTable } from '../core/personas/text-view.js';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface PersonasCommandOptions {
  bundledDir?: string;
  userDir?: string;
}

const USAGE = `Usage:
  persona-talks personas list [--role seeker|supporter|either] [--json]
  persona-talks personas show ID [--json]
  persona-talks personas validate [PATH]    (a file or folder; default: bundled + your personas)
  persona-talks personas import card FILE [--role seeker|supporter|either]   (a character card, JSON or PNG)
  persona-talks personas export ID --format card [--out FILE]`;

/** Exit codes: 0 success, 1 a problem with the personas (invalid file, unknown id), 2 bad usage. */
export async function runPersonasCommand(args: string[], io: CommandIo, opts: PersonasCommandOptions = {}): Promise<number> {
  const [sub, ...rest] = args;
  // Character cards have options of their own, and scoring needs the model client: loaded only for them.
  if (sub === 'import' || sub === 'export') return (await import('./personas-card.js')).runPersonaCardCommand(args, io, opts);
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseFlags(rest);
  if (typeof parsed === 'string') return usageError(err, parsed);

  switch (sub) {
    case 'list':
      return list(parsed, opts, out, err, columnsOf(io.stdout));
    case 'show':
      return show(parsed, opts, out, err, columnsOf(io.stdout));
    case 'validate':
      return validate(parsed, opts, out, err);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return 0;
    default:
      return usageError(err, `unknown personas subcommand "${sub}"`);
  }
}

interface Flags {
  json: boolean;
  role?: string;
  positional: string[];
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = { json: false, positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') flags.json = true;
    else if (arg === '--role' || arg.startsWith('--role=')) {
      const value = arg === '--role' ? args[++i] : arg.slice('--role='.length);
      if (!value || !(ROLES as readonly string[]).includes(value)) return `--role needs one of: ${ROLES.join(', ')}`;
      flags.role = value;
    } else if (arg.startsWith('-')) return `unknown option "${arg}"`;
    else flags.positional.push(arg);
  }
  return flags;
}

function usageError(err: (t: string) => void, message: string): number {
  err(`persona-talks personas: ${message}`);
  err(USAGE);
  return 2;
}

async function list(flags: Flags, opts: PersonasCommandOptions, out: (t: string) => void, err: (t: string) => void, width: number): Promise<number> {
  if (flags.positional.length > 0) return usageError(err, `list takes no arguments (got "${flags.positional[0]}")`);
  const library = await loadLibrary(opts);
  const role = flags.role;
  const shown = library.personas.filter((p) => {
    if (!role) return true;
    // "either" personas also appear under the side they can play.
    return role === 'either' ? p.persona.role === 'either' : canPlay(p.persona, role as 'seeker' | 'supporter');
  });
  if (flags.json) out(JSON.stringify(shown.map(forJson), null, 2));
  else out(shown.length > 0 ? personaTable(shown.map(withDisplayPath), width) : 'No personas found.');
  warnAboutErrors(library.errors, err);
  return 0;
}

async function show(flags: Flags, opts: PersonasCommandOptions, out: (t: string) => void, err: (t: string) => void, width: number): Promise<number> {
  const [id, extra] = flags.positional;
  if (!id || extra !== undefined) return usageError(err, 'show needs exactly one persona id');
  const library = await loadLibrary(opts);
  const found = findPersona(library.personas, id);
  if (!found) {
    err(`persona-talks personas: no persona with id "${id}" (run "persona-talks personas list" to see ids)`);
    warnAboutErrors(library.errors, err);
    return 1;
  }
  out(flags.json ? JSON.stringify(forJson(found), null, 2) : personaCard(withDisplayPath(found), width));
  return 0;
}

async function validate(flags: Flags, opts: PersonasCommandOptions, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  const [target, extra] = flags.positional;
  if (extra !== undefined) return usageError(err, 'validate takes at most one path');
  let personas: number;
  let errors: PersonaError[];
  if (target === undefined) {
    const library = await loadLibrary(opts);
    [personas, errors] = [library.personas.length, library.errors];
  } else if (await isDirectory(target)) {
    const dir = await loadPersonaDir(target);
    [personas, errors] = [dir.personas.length, dir.errors];
  } else {
    const file = await loadPersonaFile(target);
    [personas, errors] = [file.persona ? 1 : 0, file.errors];
  }
  for (const e of errors) out(formatPersonaError({ ...e, file: displayPath(e.file) }));
  if (errors.length > 0) {
    const files = new Set(errors.map((e) => e.file)).size;
    out(`${plural(errors.length, 'error')} in ${plural(files, 'file')}; ${plural(personas, 'persona')} OK`);
    return 1;
  }
  out(`${plural(personas, 'persona')} OK`);
  return 0;
}

function warnAboutErrors(errors: readonly PersonaError[], err: (t: string) => void): void {
  if (errors.length === 0) return;
  const files = new Set(errors.map((e) => e.file)).size;
  err(`warning: ${plural(files, 'persona file')} could not be loaded; run "persona-talks personas validate" for details`);
}

/** JSON keeps absolute paths (scripts want them); text output shortens paths under the current folder. */
function forJson(p: LoadedPersona) {
  return { id: p.persona.id, role: p.persona.role, source: p.source, file: p.file, persona: p.persona };
}

function withDisplayPath(p: LoadedPersona): LoadedPersona {
  return { ...p, file: displayPath(p.file) };
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function columnsOf(stream: NodeJS.WritableStream): number {
  const columns = (stream as { columns?: number }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : 100;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
