import { stat } from 'node:fs/promises';
import { formatPersonaError, type PersonaError } from '../core/personas/errors.js';
import { findPersona, loadLibrary } from '../core/personas/library.js';
import { loadPersonaDir, loadPersonaFile, type LoadedPersona } from '../core/personas/load.js';
import { canPlay } from '../core/personas/schema.js';
import { personaCard, personaTable } from '../core/personas/text-view.js';
import { plural } from '../core/text.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { displayPath, misuse, readFlags, terminalWidth, usage, type CommandIo } from './io.js';

export type { CommandIo } from './io.js';

export interface PersonasCommandOptions {
  bundledDir?: string;
  userDir?: string;
  /** Called once a long-running subcommand (generate, import FILE) starts, with a function that stops it cleanly. */
  onStart?: (stop: () => void) => void;
}

const PERSONAS_FLAGS = ['role', 'json'] as const;

const USAGE = usage(
  `Usage:
  persona-talks personas list [--role seeker|supporter|either] [--json]
  persona-talks personas show ID [--json]
  persona-talks personas validate [PATH]    (a file or folder; default: bundled + your personas)
  persona-talks personas score "DESCRIPTION" [--json]    (HEXACO + CSI from a description)
  persona-talks personas import card FILE [options]      (a character card, JSON or PNG; import card --help lists them)
  persona-talks personas generate --from SEEDS --count N [options]   (new personas written by a model from seeds)
  persona-talks personas import FILE [options]           (personas from a JSONL or text file of descriptions)
  persona-talks personas export ID --format card [--out FILE]`,
  PERSONAS_FLAGS,
);

interface Flags {
  json: boolean;
  role?: string;
  positional: string[];
}

/** Exit codes: 0 success, 1 a problem with the personas (invalid file, unknown id), 2 bad usage. */
export async function runPersonasCommand(args: string[], io: CommandIo, opts: PersonasCommandOptions = {}): Promise<number> {
  const [sub, ...rest] = args;
  // Personas from free-text descriptions: a model writes, reads and scores them (loaded only for them).
  if (sub === 'generate' || (sub === 'import' && rest[0] !== 'card')) return (await import('./personas-generate.js')).runPersonasGenerateCommand(args, io, opts);
  // Character cards have flags of their own, and scoring needs the judge: loaded only for them.
  if (sub === 'import' || sub === 'export') return (await import('./personas-card.js')).runPersonaCardCommand(args, io, opts);
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    out(USAGE);
    return 0;
  }
  const read = readFlags(io, 'personas', USAGE, rest, PERSONAS_FLAGS);
  if (typeof read === 'number') return read;
  const parsed: Flags = { json: read.values.json ?? false, positional: read.positionals, ...(read.values.role ? { role: read.values.role } : {}) };

  switch (sub) {
    case 'list':
      return list(io, parsed, opts, out, err, terminalWidth(io.stdout, 100));
    case 'show':
      return show(io, parsed, opts, out, err, terminalWidth(io.stdout, 100));
    case 'validate':
      return validate(io, parsed, opts, out);
    default:
      return misuse(io, 'personas', USAGE, `unknown personas subcommand "${cleanForDisplay(sub)}"`);
  }
}


async function list(io: CommandIo, flags: Flags, opts: PersonasCommandOptions, out: (t: string) => void, err: (t: string) => void, width: number): Promise<number> {
  if (flags.positional.length > 0) return misuse(io, 'personas', USAGE, `list takes no arguments (got "${flags.positional[0]}")`);
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

async function show(io: CommandIo, flags: Flags, opts: PersonasCommandOptions, out: (t: string) => void, err: (t: string) => void, width: number): Promise<number> {
  const [id, extra] = flags.positional;
  if (!id || extra !== undefined) return misuse(io, 'personas', USAGE, 'show needs exactly one persona id');
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

async function validate(io: CommandIo, flags: Flags, opts: PersonasCommandOptions, out: (t: string) => void): Promise<number> {
  const [target, extra] = flags.positional;
  if (extra !== undefined) return misuse(io, 'personas', USAGE, 'validate takes at most one path');
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

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
