import { existsSync } from 'node:fs';
import { buildStatsReport, GROUP_BY, type GroupBy } from '../core/analysis/report.js';
import { renderStatsReport } from '../core/analysis/report-text.js';
import { cleanForDisplay } from '../core/sanitize.js';
import type { CommandIo } from './personas.js';
import { loadSessionArgs, parseArgs, sessionsDirFrom, terminalWidth, type SessionCommandOptions } from './sessions.js';

const USAGE = `Usage:
  persona-talks stats [PATHS...] [--by condition|supporter|seeker|engine] [--json] [--dir DIR]
PATHS are session files, ids or folders (default: the sessions folder). Groups default to --by condition.`;

export async function runStatsCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseArgs(args, { flags: ['json', 'help', 'h'], options: ['by', 'dir'] });
  if (typeof parsed === 'string') return usage(err, parsed);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const by = parsed.options.get('by') ?? 'condition';
  if (!(GROUP_BY as readonly string[]).includes(by)) return usage(err, `--by needs one of: ${GROUP_BY.join(', ')} (got "${cleanForDisplay(by)}")`);

  const dir = sessionsDirFrom(parsed, opts);
  // With no paths, the sessions folder; a folder that does not exist yet simply holds no sessions.
  const paths = parsed.positional.length > 0 ? parsed.positional : existsSync(dir) ? [dir] : [];
  const sessions = loadSessionArgs(paths, dir, err, 'stats');
  if (typeof sessions === 'number') return sessions;
  const report = buildStatsReport(sessions, by as GroupBy);
  // JSON has no Infinity: a statistic that is infinite becomes null, which scripts can test for.
  io.stdout.write(parsed.flags.has('json') ? `${JSON.stringify(report, null, 2)}\n` : renderStatsReport(report, terminalWidth(io.stdout)));
  return 0;
}

function usage(err: (t: string) => void, message: string): number {
  err(`persona-talks stats: ${message}`);
  err(USAGE);
  return 2;
}
