import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { batchRequests, importBatchResults } from '../app/experiment-batch.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { setupOrExplain, type ExperimentCommandOptions } from './experiment.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';

const EXPORT_FLAGS = ['out', 'dir', 'personas', 'base-url', 'model', 'preset'] as const;
const IMPORT_FLAGS = ['dir', 'personas', 'base-url', 'model', 'preset'] as const;

const EXPORT_USAGE = usage(
  `Usage: persona-talks experiment export-batch PLAN.yaml|DIR [--out requests.jsonl] [--dir DIR]

Writes the script engine's request for every script-engine conversation of the experiment that
has no session yet, one a line in the OpenAI Batch API's input format (custom_id = the
conversation id), for the OpenAI Batch API or vLLM's run_batch. The experiment folder is made
(or checked) as for run, so import-batch finds the conversations. Without --out the lines go to
standard output.`,
  EXPORT_FLAGS,
);

const IMPORT_USAGE = usage(
  `Usage: persona-talks experiment import-batch RESULTS.jsonl --dir DIR

Turns a batch's results (one JSON object a line: custom_id, response.status_code,
response.body.choices, usage, error) into sessions of the experiment in DIR, through the
script engine's own splitting and cleaning. A line with a problem is reported; the rest are
imported. Run \`experiment run\` afterwards to measure them.`,
  IMPORT_FLAGS,
);

const NOTHING_TO_WRITE = 'persona-talks experiment export-batch: every script-engine conversation already has a session; nothing to write.';

/** Why the requests cannot be written to `out`, checked before anything is made. */
function unwritable(out: string): string | undefined {
  if (existsSync(out) && statSync(out).isDirectory()) return `${out} is a folder; name the file to write`;
  const parent = dirname(out);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return `the folder ${parent} does not exist`;
  return undefined;
}

/** PLAN.yaml, or an experiment folder (its plan.yaml). */
function planAndDir(arg: string, dir: string | undefined): { plan: string; dir?: string } {
  const path = resolve(arg);
  if (existsSync(path) && statSync(path).isDirectory()) return { plan: join(path, 'plan.yaml'), dir: dir ?? path };
  return { plan: path, ...(dir ? { dir } : {}) };
}

export async function runExportBatch(args: string[], io: CommandIo, opts: ExperimentCommandOptions): Promise<number> {
  const parsed = readFlags(io, 'experiment export-batch', EXPORT_USAGE, args, EXPORT_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'experiment export-batch', EXPORT_USAGE, 'name one plan file or experiment folder.');
  const out = values.out ? resolve(values.out) : undefined;
  const outProblem = out ? unwritable(out) : undefined;
  if (outProblem) return fail(io, `persona-talks experiment export-batch: ${cleanForDisplay(outProblem)}; nothing was written.`, 2);
  const where = planAndDir(positionals[0]!, values.dir);
  const setup = await setupOrExplain(io, 'experiment export-batch', where.plan, { ...values, ...(where.dir ? { dir: where.dir } : {}) }, opts);
  if (typeof setup === 'number') return setup;
  if (!setup.conversations.some((c) => c.engine === 'script')) {
    return fail(io, 'persona-talks experiment export-batch: the plan has no script-engine conversations (engines: [script]); a batch holds one-call dialogues only.', 2);
  }
  if (!out) {
    let count = 0;
    for (const line of batchRequests(setup)) {
      io.stdout.write(`${JSON.stringify(line)}\n`);
      count++;
    }
    if (count === 0) return fail(io, NOTHING_TO_WRITE, 1);
    io.stderr.write(`Wrote ${count} request${count === 1 ? '' : 's'} for the experiment in ${cleanForDisplay(setup.dir)}.\n`);
    return 0;
  }
  // Written under a temporary name and renamed when whole: a half file is never taken for the batch.
  const tmp = `${out}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  let count = 0;
  try {
    for (const line of batchRequests(setup)) {
      writeSync(fd, `${JSON.stringify(line)}\n`);
      count++;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (count === 0) {
    unlinkSync(tmp);
    return fail(io, NOTHING_TO_WRITE, 1);
  }
  renameSync(tmp, out);
  io.stdout.write(`Wrote ${count} request${count === 1 ? '' : 's'} to ${cleanForDisplay(out)} for the experiment in ${cleanForDisplay(setup.dir)}.\n`);
  return 0;
}

export async function runImportBatch(args: string[], io: CommandIo, opts: ExperimentCommandOptions): Promise<number> {
  const parsed = readFlags(io, 'experiment import-batch', IMPORT_USAGE, args, IMPORT_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'experiment import-batch', IMPORT_USAGE, 'name one results file.');
  if (!values.dir) return misuse(io, 'experiment import-batch', IMPORT_USAGE, '--dir DIR (the experiment folder) is needed.');
  const results = resolve(positionals[0]!);
  if (!existsSync(results)) return fail(io, `persona-talks experiment import-batch: ${cleanForDisplay(results)} not found.`, 2);
  if (!statSync(results).isFile()) return fail(io, `persona-talks experiment import-batch: ${cleanForDisplay(results)} is not a file; name the batch's results file (JSONL).`, 2);
  const dir = resolve(values.dir);
  if (!existsSync(join(dir, 'manifest.json'))) return fail(io, `persona-talks experiment import-batch: ${cleanForDisplay(dir)} is not an experiment folder (no manifest.json).`, 2);
  const setup = await setupOrExplain(io, 'experiment import-batch', join(dir, 'plan.yaml'), { ...values, dir }, opts);
  if (typeof setup === 'number') return setup;
  const { imported, problems } = await importBatchResults(setup, results, (r) => {
    if (r.imported) io.stdout.write(`line ${r.line}: ${r.id} imported (${r.turns} turns)\n`);
    else io.stderr.write(`line ${r.line}${r.id ? ` (${cleanForDisplay(r.id)})` : ''}: ${cleanForDisplay(r.problem)}\n`);
  });
  io.stdout.write(`Imported ${imported} conversation${imported === 1 ? '' : 's'}; ${problems} line${problems === 1 ? '' : 's'} with a problem. Sessions in ${cleanForDisplay(join(dir, 'sessions'))}\n`);
  return problems > 0 ? 1 : 0;
}
