import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { cleanForDisplay } from '../core/sanitize.js';
import {
  defaultSessionsDir,
  deleteSession,
  listSessions,
  resolveSessionArg,
  sessionFilesIn,
  SessionLookupError,
  type SessionSummary,
} from '../core/sessions/list.js';
import { readSession, SessionReadError, type LoadedSession } from '../core/sessions/reader.js';
import { STRATEGIES, STRATEGY_SHORT } from '../core/strategies.js';
import type { CommandIo } from './personas.js';

export interface SessionCommandOptions {
  /** Where sessions live when --dir is not given (default: $PERSONA_TALKS_SESSIONS or ./sessions). */
  sessionsDir?: string;
}

const USAGE = `Usage:
  persona-talks sessions [list] [--dir DIR] [--json]
  persona-talks sessions delete SESSION [--dir DIR] --yes
SESSION is a file path, a session id, or a unique prefix of one.`;

// ——— Argument parsing shared by the session commands (sessions, export, import, stats) ———

export interface ParsedArgs {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

/** `--name value` and `--name=value` for options, bare `--name` for flags; anything else unknown is an error string. */
export function parseArgs(args: readonly string[], spec: { flags?: readonly string[]; options?: readonly string[] }): ParsedArgs | string {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    if (spec.flags?.includes(name) && eq < 0) flags.add(name);
    else if (spec.options?.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') return `--${name} needs a value`;
      options.set(name, value);
    } else return `unknown option "${cleanForDisplay(arg)}"`;
  }
  return { positional, flags, options };
}

export function sessionsDirFrom(parsed: ParsedArgs, opts: SessionCommandOptions): string {
  return parsed.options.get('dir') ?? opts.sessionsDir ?? defaultSessionsDir();
}

/** Paths under the current folder are shown relative: shorter, and what the user typed. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return cleanForDisplay(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path);
}

export function terminalWidth(stream: NodeJS.WritableStream): number {
  const columns = (stream as { columns?: number }).columns;
  return typeof columns === 'number' && columns > 0 ? columns : 80;
}

/**
 * Sessions named on a command line. A named session that cannot be read fails the command (exit 1, nothing
 * written); a non-session file inside a named folder is only skipped with a warning.
 */
export function loadSessionArgs(args: readonly string[], dir: string, err: (t: string) => void, command: string): LoadedSession[] | number {
  const sessions: LoadedSession[] = [];
  const seen = new Set<string>();
  let failed = false;
  for (const arg of args) {
    const asPath = resolve(arg);
    const isFolder = existsSync(asPath) && statSync(asPath).isDirectory();
    const paths = isFolder ? sessionFilesIn(asPath) : [];
    if (!isFolder) {
      try {
        paths.push(resolveSessionArg(arg, dir));
      } catch (error) {
        if (!(error instanceof SessionLookupError)) throw error;
        err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
        failed = true;
        continue;
      }
    }
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      try {
        const session = readSession(path);
        if (session.skippedLines.length > 0) err(`note: ${displayPath(path)}: ${session.skippedLines.length} unreadable line(s) left out (line ${session.skippedLines.join(', ')})`);
        sessions.push(session);
      } catch (error) {
        if (!(error instanceof SessionReadError)) throw error;
        if (isFolder) err(`skipped ${displayPath(path)}: ${cleanForDisplay(error.message)}`);
        else {
          err(`persona-talks ${command}: ${cleanForDisplay(error.message)}`);
          failed = true;
        }
      }
    }
  }
  return failed ? 1 : sessions;
}

// ——— The command ———

export async function runSessionsCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseArgs(args, { flags: ['json', 'yes', 'help', 'h'], options: ['dir'] });
  if (typeof parsed === 'string') return usage(err, parsed);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    out(USAGE);
    return 0;
  }
  const [sub = 'list', ...rest] = parsed.positional;
  const dir = sessionsDirFrom(parsed, opts);
  if (sub === 'list' || sub === 'ls') {
    if (rest.length > 0) return usage(err, `list takes no arguments (got "${cleanForDisplay(rest[0] as string)}")`);
    return list(dir, parsed.flags.has('json'), out, err, terminalWidth(io.stdout));
  }
  if (sub === 'delete' || sub === 'rm') {
    if (rest.length !== 1) return usage(err, 'delete needs exactly one session');
    if (!parsed.flags.has('yes')) return usage(err, 'delete removes the file for good; add --yes to confirm');
    try {
      const path = resolveSessionArg(rest[0] as string, dir);
      deleteSession(path);
      out(`Deleted ${displayPath(path)}`);
      return 0;
    } catch (error) {
      if (error instanceof SessionLookupError || error instanceof SessionReadError) {
        err(`persona-talks sessions: ${cleanForDisplay(error.message)}`);
        return 1;
      }
      throw error;
    }
  }
  return usage(err, `unknown sessions subcommand "${cleanForDisplay(sub)}"`);
}

function usage(err: (t: string) => void, message: string): number {
  err(`persona-talks sessions: ${message}`);
  err(USAGE);
  return 2;
}

function list(dir: string, json: boolean, out: (t: string) => void, err: (t: string) => void, width: number): number {
  const { sessions, skipped } = listSessions(dir);
  if (json) out(JSON.stringify({ dir, sessions, skipped }, null, 2));
  else if (sessions.length === 0) out(`No sessions in ${displayPath(dir)}.`);
  else out(sessionTable(sessions, width));
  for (const s of skipped) err(`skipped ${displayPath(s.path)}: ${cleanForDisplay(s.reason)}`);
  return 0;
}

function status(s: SessionSummary): string {
  const base = s.imported ? 'imported' : s.finished ? `finished (${s.endReason})` : 'unfinished';
  return s.skippedLines > 0 ? `${base}, ${s.skippedLines} bad line${s.skippedLines === 1 ? '' : 's'}` : base;
}

/** The most used strategy and its share: a one-glance summary of the mix. */
function topStrategy(s: SessionSummary): string {
  const total = STRATEGIES.reduce((n, k) => n + s.strategyCounts[k], 0);
  if (total === 0) return '–';
  const top = STRATEGIES.reduce((a, b) => (s.strategyCounts[b] > s.strategyCounts[a] ? b : a));
  return `${STRATEGY_SHORT[top]} ${Math.round((s.strategyCounts[top] / total) * 100)}%`;
}

/** Created, seeker, supporter, condition, engine, turns, status, top strategy, id (last: it may run long). */
export function sessionTable(sessions: readonly SessionSummary[], width: number): string {
  const rows = sessions.map((s) => [
    s.createdAt.slice(0, 16).replace('T', ' '),
    s.seeker.id,
    s.supporter.id,
    s.condition,
    s.engine,
    String(s.turns),
    status(s),
    topStrategy(s),
    s.id,
  ]);
  const head = ['CREATED', 'SEEKER', 'SUPPORTER', 'COND', 'ENGINE', 'TURNS', 'STATUS', 'TOP', 'ID'];
  // At narrow widths persona ids and the engine go first: the id and status matter most.
  const keep = width >= 120 ? [0, 1, 2, 3, 4, 5, 6, 7, 8] : width >= 90 ? [0, 1, 2, 3, 5, 6, 8] : [0, 5, 6, 8];
  const table = [head, ...rows].map((r) => keep.map((i) => cleanForDisplay(r[i] as string)));
  const widths = keep.map((_, c) => Math.max(...table.map((r) => (r[c] as string).length)));
  return table.map((r) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c] as number))).join('  ')).join('\n');
}
