import { writeExperimentReport } from '../app/experiment-report.js';
import { renderTerminalSummary } from '../core/experiment-report/terminal.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { displayPath, fail, misuse, readFlags, terminalWidth, usage, type CommandIo } from './io.js';

/**
 * `persona-talks experiment report DIR [--out DIR] [--json]`: the statistics of
 * an experiment folder — RQ1 (HEXACO × CSI correlations over the personas),
 * RQ2 (trait shift, persona fidelity), RQ3 (strategy mix, agreement), dialogue
 * quality, refusals and costs — as a terminal summary, and written offline to
 * report.html, report.md, report.json, tidy CSV/JSON tables and chart files.
 */

const REPORT_FLAGS = ['out', 'json'] as const;

export const EXPERIMENT_REPORT_USAGE = usage(
  `Usage: persona-talks experiment report DIR [--out DIR] [--json]

DIR is an experiment folder (plan.yaml, manifest.json, sessions/). The report is written
to DIR/report unless --out names another folder: report.html (open it in a browser; it
needs no network), report.md, report.json, traits/turns/conversations as CSV and JSON,
and charts/ (each chart as SVG and as a Vega-Lite specification with its data).
With --json the report's numbers are printed as JSON instead of the summary.`,
  REPORT_FLAGS,
);

/** Exit codes: 0 written (unreadable sessions are named and left out), 2 bad usage or not an experiment folder. */
export async function runExperimentReport(args: string[], io: CommandIo): Promise<number> {
  const parsed = readFlags(io, 'experiment report', EXPERIMENT_REPORT_USAGE, args, REPORT_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'experiment report', EXPERIMENT_REPORT_USAGE, 'name exactly one experiment folder.');
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  const outcome = await writeExperimentReport(positionals[0]!, {
    ...(values.out !== undefined ? { outDir: values.out } : {}),
    ...(tty ? { onProgress: (read: number, total: number) => io.stderr.write(`read ${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} sessions…\n`) } : {}),
  });
  if (!outcome.ok) return fail(io, `persona-talks experiment report: ${cleanForDisplay(outcome.problem)}\n(see persona-talks experiment report --help)`, 2);
  const { report, outDir, files } = outcome;
  if (values.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const u of report.data.unreadable) io.stderr.write(`skipped ${cleanForDisplay(u.file)}: ${cleanForDisplay(u.reason)}\n`);
    io.stderr.write(`report written to ${displayPath(outDir)}\n`);
    return 0;
  }
  const names = files.filter((f) => !f.name.startsWith('charts/')).map((f) => f.name);
  io.stdout.write(renderTerminalSummary(report, terminalWidth(io.stdout), { dir: displayPath(outDir), files: [...names, 'charts/'] }));
  return 0;
}
