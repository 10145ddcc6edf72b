import { isAbsolute, relative } from 'node:path';
import { flagHelp, parseFlags, type FlagName, type ParsedFlags } from '../app/flags.js';
import { cleanForDisplay } from '../core/sanitize.js';

/** Where a command writes: the process's streams, or a test's. */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Writes `message` and a newline to stderr; returns `code`, so `return fail(io, …)` ends a command. */
export function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`${message}\n`);
  return code;
}

/** Bad usage: what is wrong, then the command's usage; exit code 2. */
export function misuse(io: CommandIo, command: string, help: string, message: string): number {
  return fail(io, `persona-talks ${command}: ${message}\n\n${help}`, 2);
}

/**
 * A command's usage: what it does, then one line per flag it takes, each in the
 * words FLAGS gives it everywhere.
 */
export function usage(synopsis: string, flags: readonly FlagName[]): string {
  return flags.length > 0 ? `${synopsis}\n\n${flagHelp(flags)}` : synopsis;
}

/**
 * Reads a command's flags (and --help). A problem is printed with the usage and
 * ends the command with exit code 2; --help prints the usage and ends it with 0.
 */
export function readFlags<const N extends FlagName>(
  io: CommandIo,
  command: string,
  help: string,
  args: readonly string[],
  names: readonly N[],
  options: { positionals?: boolean } = {},
): ParsedFlags<N | 'help'> | number {
  const parsed = parseFlags(args, [...names, 'help'], options);
  if ('problem' in parsed) return misuse(io, command, help, parsed.problem);
  if (parsed.values.help) {
    io.stdout.write(`${help}\n`);
    return 0;
  }
  for (const note of parsed.notes) io.stderr.write(`note: ${note}\n`);
  return parsed;
}

/** Paths under the current folder are shown relative: shorter, and what the user typed. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return cleanForDisplay(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path);
}

export function terminalWidth(stream: NodeJS.WritableStream, fallback = 80): number {
  const columns = (stream as { columns?: number }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : fallback;
}
