import { existsSync } from 'node:fs';
import { buildStatsReport, type GroupBy } from '../core/analysis/report.js';
import { statisticsView } from '../core/analysis/report-inputs.js';
import { renderStatsReport } from '../core/analysis/report-text.js';
import { familyGrouping } from '../core/forks/family-stats.js';
import { readFlags, terminalWidth, usage, type CommandIo } from './io.js';
import { loadSessionArgs, sessionsFolder, type SessionCommandOptions } from './session-args.js';

const STATS_FLAGS = ['by', 'json', 'sessions'] as const;

const USAGE = usage(
  `Usage:
  persona-talks stats [PATHS...] [--by condition|supporter|seeker|engine|family] [--json] [--sessions DIR]
PATHS are session files, ids or folders (default: the sessions folder).
--by family compares forks: sessions that were forked or are forks, grouped by what the
forks changed ("original" for the rest of a family); each turn counts once, in the
session that generated it.`,
  STATS_FLAGS,
);

export async function runStatsCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = readFlags(io, 'stats', USAGE, args, STATS_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const by: GroupBy = values.by ?? 'condition';
  const dir = sessionsFolder(values.sessions, opts);
  // With no paths, the sessions folder; a folder that does not exist yet simply holds no sessions.
  const paths = positionals.length > 0 ? positionals : existsSync(dir) ? [dir] : [];
  // Only labels and judgements are kept of each session: a large folder is not held in memory word for word.
  const sessions = loadSessionArgs(paths, dir, err, 'stats', statisticsView);
  if (typeof sessions === 'number') return sessions;
  const families = by === 'family' ? familyGrouping(sessions) : undefined;
  const report = families ? buildStatsReport(families.sessions, by, { groupOf: families.groupOf }) : buildStatsReport(sessions, by);
  if (families && families.outside > 0) {
    report.notes.push(`${families.outside} session${families.outside === 1 ? ' is' : 's are'} in no family (neither forked nor a fork) and left out.`);
  }
  // JSON has no Infinity: a statistic that is infinite becomes null, which scripts can test for.
  io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderStatsReport(report, terminalWidth(io.stdout)));
  return 0;
}
