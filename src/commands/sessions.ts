import { endedNaturally } from '../app/resume.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { deleteSession, listSessions, resolveSessionArg, SessionLookupError, type SessionSummary } from '../core/sessions/list.js';
import { SessionReadError } from '../core/sessions/reader.js';
import { STRATEGIES, STRATEGY_SHORT } from '../core/strategies.js';
import { describeChanges } from '../core/forks/changes.js';
import { familyRows, sessionFamilies, type Family, type FamilyNode } from '../core/forks/families.js';
import { displayPath, misuse, readFlags, terminalWidth, usage, type CommandIo } from './io.js';
import { sessionsFolder, type SessionCommandOptions } from './session-args.js';

const SESSIONS_FLAGS = ['sessions', 'json', 'yes', 'tree'] as const;

const USAGE = usage(
  `Usage:
  persona-talks sessions [list] [--tree] [--sessions DIR] [--json]
  persona-talks sessions delete SESSION [--sessions DIR] --yes
SESSION is a file path, a session id, or a unique prefix of one.`,
  SESSIONS_FLAGS,
);

// ——— The command ———

export async function runSessionsCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const bad = (message: string) => misuse(io, 'sessions', USAGE, message);
  const parsed = readFlags(io, 'sessions', USAGE, args, SESSIONS_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub = 'list', ...rest] = positionals;
  const dir = sessionsFolder(values.sessions, opts);
  if (sub === 'list' || sub === 'ls') {
    if (rest.length > 0) return bad(`list takes no arguments (got "${cleanForDisplay(rest[0] as string)}")`);
    if (values.tree) return tree(dir, values.json ?? false, out, err);
    return list(dir, values.json ?? false, out, err, terminalWidth(io.stdout));
  }
  if (sub === 'delete' || sub === 'rm') {
    if (rest.length !== 1) return bad('delete needs exactly one session');
    if (!values.yes) return bad('delete removes the file for good; add --yes to confirm');
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
  return bad(`unknown sessions subcommand "${cleanForDisplay(sub)}"`);
}

function list(dir: string, json: boolean, out: (t: string) => void, err: (t: string) => void, width: number): number {
  const { sessions, skipped } = listSessions(dir);
  if (json) out(JSON.stringify({ dir, sessions, skipped }, null, 2));
  else if (sessions.length === 0) out(`No sessions in ${displayPath(dir)}.`);
  else out(sessionTable(sessions, width));
  for (const s of skipped) err(`skipped ${displayPath(s.path)}: ${cleanForDisplay(s.reason)}`);
  return 0;
}

function tree(dir: string, json: boolean, out: (t: string) => void, err: (t: string) => void): number {
  const { sessions, skipped } = listSessions(dir);
  const families = sessionFamilies(sessions);
  if (json) out(JSON.stringify({ dir, families: families.map(familyJson), skipped }, null, 2));
  else if (sessions.length === 0) out(`No sessions in ${displayPath(dir)}.`);
  else out(familyTree(families));
  for (const s of skipped) err(`skipped ${displayPath(s.path)}: ${cleanForDisplay(s.reason)}`);
  return 0;
}

function familyJson(family: Family<SessionSummary>) {
  const node = (n: FamilyNode<SessionSummary>): unknown => ({
    id: n.session.id,
    path: n.session.path,
    ...(n.session.fork ? { atTurn: n.session.fork.atTurn, changes: n.session.fork.changes } : {}),
    forks: n.forks.map(node),
  });
  return { size: family.size, ...(family.missingParent ? { missingParent: family.missingParent } : {}), root: node(family.root) };
}

/**
 * Families as indented trees: a session on one line (when, who, condition, turns,
 * status, id), and under it each fork with its fork turn and what it changed.
 */
export function familyTree(families: readonly Family<SessionSummary>[]): string {
  const lines: string[] = [];
  for (const family of families) {
    for (const { session: s, prefix, depth } of familyRows(family)) {
      const what =
        depth === 0
          ? `${s.createdAt.slice(0, 16).replace('T', ' ')}  ${s.seeker.id} → ${s.supporter.id} · ${s.condition} · ${s.engine}`
          : `fork at turn ${s.fork?.atTurn ?? '?'}: ${describeChanges(s.fork?.changes ?? [])}`;
      const orphan = depth === 0 && family.missingParent ? ` (fork of ${family.missingParent}, not here)` : '';
      const side = s.comparison ? ` · compare ${s.comparison.side}` : '';
      lines.push(cleanForDisplay(`${prefix}${what}${orphan} · ${s.turns} turns · ${status(s)}${side} · ${s.id}`));
    }
  }
  return lines.join('\n');
}

function status(s: SessionSummary): string {
  const stopped = s.finished && s.endReason !== undefined && !endedNaturally(s.endReason);
  const base = s.imported ? 'imported' : stopped ? `stopped (${s.endReason})` : s.finished ? `finished (${s.endReason})` : 'unfinished';
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
