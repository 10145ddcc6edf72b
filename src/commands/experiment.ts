import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareExperiment, type ExperimentSetup } from '../app/experiment-setup.js';
import type { ExperimentEvent, QualityRater } from '../app/experiments.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { plural } from '../core/text.js';
import { EXAMPLE_PLAN } from './experiment-plan-template.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';

/**
 * `persona-talks experiment init|run|export-batch|import-batch|report`: many
 * conversations from one plan, in one folder, resumable, measured alike.
 */

const RUN_FLAGS = ['dir', 'concurrency', 'retry-failed', 'json', 'personas', 'base-url', 'model', 'preset'] as const;

export const EXPERIMENT_USAGE = usage(
  `Usage: persona-talks experiment init [PATH]                 write a commented example plan (default experiment.yaml)
       persona-talks experiment run PLAN.yaml [options]      run it; the same command again continues it
       persona-talks experiment export-batch PLAN|DIR --out requests.jsonl   script-engine requests for a batch API
       persona-talks experiment import-batch RESULTS.jsonl [--dir DIR]       their answers, as sessions
       persona-talks experiment report DIR                   the study's report

run: conversations not begun are started, interrupted or stopped ones resumed from their last
finished turn, finished ones left alone; one that fails for good is recorded and the rest go on
(--retry-failed runs those again). Ctrl+C stops cleanly. Exit code 0 when every conversation is
finished, 1 when some failed or a server did not answer, 2 for a bad plan or folder, 130 when stopped.`,
  RUN_FLAGS,
);

export interface ExperimentCommandOptions {
  env?: NodeJS.ProcessEnv;
  bundledDir?: string;
  /** Called with the run's stop function so a signal handler can end it cleanly. */
  onStart?: (stop: () => void) => void;
  /** Tests: the quality rater to use instead of the built-in one. */
  rater?: QualityRater;
  /** Force the plain output even on a terminal (tests). */
  plain?: boolean;
}

export async function runExperimentCommand(args: string[], io: CommandIo, opts: ExperimentCommandOptions = {}): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'init':
      return init(rest, io);
    case 'run':
      return run(rest, io, opts);
    case 'export-batch':
      return (await import('./experiment-batch.js')).runExportBatch(rest, io, opts);
    case 'import-batch':
      return (await import('./experiment-batch.js')).runImportBatch(rest, io, opts);
    case 'report':
      return (await import('./experiment-report.js')).runExperimentReport(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(`${EXPERIMENT_USAGE}\n`);
      return 0;
    default:
      return misuse(io, 'experiment', EXPERIMENT_USAGE, sub === undefined ? 'say what to do: init, run, export-batch, import-batch or report.' : `unknown subcommand "${cleanForDisplay(sub)}".`);
  }
}

function init(args: string[], io: CommandIo): number {
  const parsed = readFlags(io, 'experiment init', EXPERIMENT_USAGE, args, []);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 1) return misuse(io, 'experiment init', EXPERIMENT_USAGE, 'name at most one file.');
  const path = resolve(parsed.positionals[0] ?? 'experiment.yaml');
  if (existsSync(path)) return fail(io, `persona-talks experiment init: ${cleanForDisplay(path)} already exists; it was left as it is. Name another file.`, 2);
  writeFileSync(path, EXAMPLE_PLAN, { flag: 'wx' });
  io.stdout.write(`Wrote an example plan to ${cleanForDisplay(path)}.\nEdit it, then: persona-talks experiment run ${cleanForDisplay(parsed.positionals[0] ?? 'experiment.yaml')}\n`);
  return 0;
}

/** Reads a plan and its folder for run and export-batch; the problems are printed and mean exit 2. */
export async function setupOrExplain(io: CommandIo, command: string, planFile: string, values: { dir?: string; personas?: string; 'base-url'?: string; model?: string; preset?: string }, opts: ExperimentCommandOptions): Promise<ExperimentSetup | number> {
  const env = opts.env ?? process.env;
  const prepared = await prepareExperiment({
    planFile,
    ...(values.dir ? { dir: values.dir } : {}),
    env,
    flags: { baseUrl: values['base-url'], model: values.model, preset: values.preset as never },
    ...(values.personas ? { personasDir: values.personas } : {}),
    ...(opts.bundledDir ? { bundledDir: opts.bundledDir } : {}),
  });
  if (!prepared.ok) {
    io.stderr.write(`persona-talks ${command}: the plan cannot run as it is; nothing was started.\n${prepared.problems.map((p) => `  ${cleanForDisplay(p)}`).join('\n')}\n`);
    return 2;
  }
  for (const warning of prepared.setup.warnings) io.stderr.write(`note: ${cleanForDisplay(warning)}\n`);
  return prepared.setup;
}

async function run(args: string[], io: CommandIo, opts: ExperimentCommandOptions): Promise<number> {
  const parsed = readFlags(io, 'experiment run', EXPERIMENT_USAGE, args, RUN_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'experiment run', EXPERIMENT_USAGE, 'name exactly one plan file.');
  const setup = await setupOrExplain(io, 'experiment run', positionals[0]!, values, opts);
  if (typeof setup === 'number') return setup;

  const stop = new AbortController();
  const terminal = !values.json && !opts.plain && Boolean((io.stdout as { isTTY?: boolean }).isTTY);
  // The view takes the stop function, and the stop function tells the view: one refers to the other.
  const box: { printer?: Printer } = {};
  const requestStop = () => {
    box.printer?.stopping?.();
    stop.abort();
  };
  const printer = (box.printer = values.json ? ndjsonPrinter(io) : terminal ? await (await import('./experiment-view.js')).startProgressView(io, opts.env ?? process.env, requestStop) : plainPrinter(io));
  opts.onStart?.(requestStop);
  const { runExperiment } = await import('../app/experiments.js');
  const outcome = await runExperiment({
    setup,
    ...(values.concurrency !== undefined ? { concurrency: values.concurrency } : {}),
    ...(values['retry-failed'] ? { retryFailed: true } : {}),
    signal: stop.signal,
    onEvent: printer.event,
    ...(opts.rater ? { rater: opts.rater } : {}),
  });
  await printer.end?.();
  if (!outcome.ok) return fail(io, `persona-talks experiment run: ${cleanForDisplay(outcome.message)}`);
  const { summary } = outcome;
  if (!values.json) {
    const where = cleanForDisplay(setup.dir);
    if (stop.signal.aborted) io.stdout.write(`Stopped: ${summary.finished} of ${summary.total} finished. Run the same command again to continue. (${where})\n`);
    else if (summary.failed > 0) io.stdout.write(`${summary.finished} of ${summary.total} finished, ${summary.failed} failed (see ${where}/status.jsonl); --retry-failed runs those again.\n`);
    else io.stdout.write(`All ${summary.total} conversations finished. Sessions in ${where}/sessions\n`);
  }
  if (stop.signal.aborted) return 130;
  return summary.failed > 0 || summary.remaining > 0 ? 1 : 0;
}

export interface Printer {
  event: (event: ExperimentEvent) => void;
  stopping?: () => void;
  end?: () => Promise<void> | void;
}

function ndjsonPrinter(io: CommandIo): Printer {
  return { event: (event) => io.stdout.write(`${JSON.stringify(event)}\n`) };
}

/** Piped: a line when the run starts, one per conversation that ends, and notices. */
function plainPrinter(io: CommandIo): Printer {
  let total = 0;
  let ended = 0;
  const out = (text: string) => io.stdout.write(`${cleanForDisplay(text)}\n`);
  return {
    event(e) {
      switch (e.type) {
        case 'experiment-started':
          total = e.total;
          ended = e.already.finished + e.already.failed;
          out(
            `Experiment ${e.experimentId} in ${e.dir}: ${e.total} conversations (${e.already.finished} finished before, ${e.todo.start} to start, ` +
              `${e.todo.resume} to resume, ${e.todo.measure} to measure${e.already.failed ? `, ${e.already.failed} failed left alone` : ''}), ${e.concurrency} at a time.`,
          );
          break;
        case 'conversation-finished':
          ended++;
          out(`[${ended}/${total}] finished ${e.id}: ${plural(e.turns, 'turn')} (${e.reason}), ${e.tokens.toLocaleString('en')} tokens, ${(e.ms / 1000).toFixed(1)} s`);
          break;
        case 'conversation-failed':
          ended++;
          out(`[${ended}/${total}] FAILED ${e.id}: ${e.error}`);
          break;
        case 'conversation-stopped':
          out(`stopped ${e.id} after ${plural(e.turns, 'turn')} (saved; it resumes next time)`);
          break;
        case 'notice':
          out(`note: ${e.message}`);
          break;
        default:
          break;
      }
    },
  };
}
