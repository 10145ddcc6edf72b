import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { datasetCard } from '../core/dataset/card.js';
import { sessionToRow } from '../core/dataset/row.js';
import { assignSplits, DEFAULT_RATIOS, DEFAULT_SEED, parseSplitRatios, SPLITS, type SplitName, type SplitRatios } from '../core/dataset/split.js';
import { DatasetSummary } from '../core/dataset/summary.js';
import { appVersion } from '../core/package-info.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { plural } from '../core/text.js';
import type { ChatViewOptions } from '../core/sessions/export-chat.js';
import { isLeftOut } from '../core/sessions/export-stream.js';
import { readEach } from '../core/sessions/read-each.js';
import { fileOutput, type ExportOutput } from './export-output.js';
import { displayPath, type CommandIo } from './io.js';
import { progressLine } from './progress.js';

export interface DatasetFlags {
  chat: ChatViewOptions;
  /** The shuffle's seed (the flag table keeps it a whole number of 0 or more). */
  seed?: number;
  split?: string;
}

/**
 * `export --dataset DIR`: data/{train,validation,test}.jsonl, one conversation a
 * line, split by conversation with a seeded shuffle, and a README.md dataset card
 * written from what the sessions record. Sessions are read one at a time; only
 * the card's counters stay in memory.
 */
export async function runDatasetExport(paths: readonly string[], dir: string, flags: DatasetFlags, io: CommandIo, usage: (message: string) => number): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const seed = flags.seed ?? DEFAULT_SEED;
  const ratios: SplitRatios | string = flags.split === undefined ? DEFAULT_RATIOS : parseSplitRatios(flags.split);
  if (typeof ratios === 'string') return usage(cleanForDisplay(ratios));
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    err(`persona-talks export: ${displayPath(dir)} ${statSync(dir).isDirectory() ? 'is not empty' : 'is a file'}; give --dataset a new or empty folder (nothing was written)`);
    return 1;
  }

  // The split is decided from file names before anything is read, so it needs no second pass.
  const keyOf = (path: string) => basename(path);
  const splits = assignSplits(paths.map(keyOf), seed, ratios);
  const createdDir = !existsSync(dir);
  const data = join(dir, 'data');
  const outputs: Partial<Record<SplitName, ExportOutput>> = {};
  const rows: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  const summary = new DatasetSummary();
  const progress = progressLine(io.stderr, paths.length, 'Exporting');
  const warn = (text: string) => {
    progress.interrupt();
    err(text);
  };
  try {
    mkdirSync(data, { recursive: true });
    let done = 0;
    const sessions = readEach(paths, (path, message) => {
      summary.unreadable += 1;
      warn(`skipped ${displayPath(path)}: ${cleanForDisplay(message)}`);
    });
    for (const session of sessions) {
      const split = splits.get(keyOf(session.path)) ?? 'train';
      const row = sessionToRow(session, flags.chat);
      if (isLeftOut(row)) summary.noteLeftOut(row.skip);
      else {
        outputs[split] ??= await fileOutput(join(data, `${split}.jsonl`));
        await outputs[split].write(`${JSON.stringify(row)}\n`);
        rows[split] += 1;
        summary.add(session, split);
      }
      progress.tick(++done);
    }
    progress.done();
    if (summary.conversations === 0) throw new NothingToWrite();
    for (const split of SPLITS) await outputs[split]?.finish();
    const files = Object.fromEntries(SPLITS.filter((s) => rows[s] > 0).map((s) => [s, `data/${s}.jsonl`]));
    writeFileSync(join(dir, 'README.md'), datasetCard(summary, { seed, ratios, chat: flags.chat, files, generatedAt: new Date(), appVersion: appVersion() }));
  } catch (error) {
    progress.done();
    for (const split of SPLITS) await outputs[split]?.abort();
    rmSync(createdDir ? dir : data, { recursive: true, force: true });
    if (error instanceof NothingToWrite) {
      for (const [reason, n] of summary.leftOut) err(`${plural(n, 'session')} left out: ${cleanForDisplay(reason)}`);
      err('persona-talks export: no sessions to export: none of them could go into the dataset (nothing was written)');
      return 1;
    }
    err(`persona-talks export: cannot write the dataset in ${displayPath(dir)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  for (const [reason, n] of summary.leftOut) err(`${plural(n, 'session')} left out: ${cleanForDisplay(reason)}`);
  const parts = SPLITS.filter((s) => rows[s] > 0).map((s) => `${s} ${rows[s]}`).join(', ');
  err(`Exported ${plural(summary.conversations, 'conversation')} (${parts}) as a dataset to ${displayPath(dir)}`);
  return 0;
}

class NothingToWrite extends Error {}
