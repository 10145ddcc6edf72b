import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ReportTotals } from '../core/experiment-report/aggregate.js';
import { renderReportCharts, reportChartSpecs, type RenderedChart } from '../core/experiment-report/charts.js';
import { reportDocument, type WrittenFile } from '../core/experiment-report/document.js';
import { conversationFacts } from '../core/experiment-report/facts.js';
import { openExperimentFolder, SESSIONS_FOLDER } from '../core/experiment-report/folder.js';
import { renderHtml } from '../core/experiment-report/html.js';
import { renderMarkdown } from '../core/experiment-report/markdown.js';
import { buildExperimentReport, type ExperimentReport } from '../core/experiment-report/report.js';
import { CONVERSATIONS_TABLE, conversationRow, plannedRow, traitRows, TRAITS_TABLE, turnRows, TURNS_TABLE } from '../core/experiment-report/tidy.js';
import { appVersion } from '../core/package-info.js';
import { SESSION_EXTENSION } from '../core/sessions/format.js';
import { readEach } from '../core/sessions/read-each.js';
import { ReportFile, TableFiles } from './report-files.js';

/**
 * `experiment report`: reads an experiment folder's sessions one at a time
 * (so ten thousand cost little more memory than one), writes the tidy tables
 * row by row as it goes, then the statistics, charts, report.md, report.html
 * and report.json. Every file is written under a temporary name and renamed
 * into place at the end: a report that fails leaves the previous one whole.
 */

export interface ReportOptions {
  /** Where the report goes; default DIR/report. */
  outDir?: string;
  /** Called every so many sessions while reading. */
  onProgress?: (read: number, total: number) => void;
  /** Bootstrap resamples (default 2000) and seed (default: the plan's seedBase, else 1). */
  resamples?: number;
  seed?: number;
  now?: Date;
}

export type ReportOutcome =
  | { ok: true; report: ExperimentReport; outDir: string; files: WrittenFile[] }
  /** Not an experiment folder, or nowhere to write: the command's exit code 2. */
  | { ok: false; problem: string };

const CHART_FILE = /^(rq[123]-[\w-]+|quality)\.(svg|vl\.json)$/;

/** Chart files an earlier report wrote that this one will not: removed, so the folder matches its report. Nothing else is touched. */
function removeStaleCharts(dir: string, keep: ReadonlySet<string>): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (CHART_FILE.test(name) && !keep.has(name)) unlinkSync(join(dir, name));
}

function outputFolder(dir: string, outArg: string | undefined): { ok: true; outDir: string } | { ok: false; problem: string } {
  const outDir = resolve(outArg ?? join(dir, 'report'));
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) return { ok: false, problem: `--out ${outArg ?? outDir} is a file; the report needs a folder` };
  if (outDir === resolve(dir, SESSIONS_FOLDER)) return { ok: false, problem: 'the report cannot go into the sessions folder' };
  return { ok: true, outDir };
}

export async function writeExperimentReport(dirArg: string, options: ReportOptions = {}): Promise<ReportOutcome> {
  const opened = openExperimentFolder(dirArg);
  if (!opened.ok) return opened;
  const { folder } = opened;
  const out = outputFolder(folder.dir, options.outDir);
  if (!out.ok) return out;
  const { outDir } = out;
  const chartsDir = join(outDir, 'charts');
  mkdirSync(chartsDir, { recursive: true });

  const totals = new ReportTotals();
  const tables = { traits: new TableFiles(outDir, TRAITS_TABLE.name, TRAITS_TABLE.columns), turns: new TableFiles(outDir, TURNS_TABLE.name, TURNS_TABLE.columns), conversations: new TableFiles(outDir, CONVERSATIONS_TABLE.name, CONVERSATIONS_TABLE.columns) };
  const pending: ReportFile[] = Object.values(tables).flatMap((t) => t.files());
  try {
    const manifest = folder.manifest?.conversations;
    let read = 0;
    for (const session of readEach(folder.sessionFiles, (path, message) => totals.unreadableFile(relativeName(folder.dir, path), message))) {
      const entry = manifest?.get(basename(session.path, SESSION_EXTENSION));
      let facts;
      try {
        facts = conversationFacts(session, entry);
      } catch (error) {
        // A header that parses but lacks what every session has (a hand-edited or foreign file): named, and passed over.
        totals.unreadableFile(relativeName(folder.dir, session.path), `its records are not the shape persona-talks writes (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
      totals.add(facts, manifest === undefined || manifest.has(facts.id), relativeName(folder.dir, session.path));
      for (const row of traitRows(facts)) tables.traits.add(row);
      for (const row of turnRows(facts)) tables.turns.add(row);
      tables.conversations.add(conversationRow(facts, folder.dir));
      read += 1;
      if (read % 500 === 0) options.onProgress?.(read, folder.sessionFiles.length);
    }
    for (const entry of manifest?.values() ?? []) if (!totals.seenIds.has(entry.id)) tables.conversations.add(plannedRow(entry));
    for (const t of Object.values(tables)) t.end();

    const report = buildExperimentReport(folder, totals, {
      appVersion: appVersion(),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.resamples !== undefined ? { resamples: options.resamples } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    const charts: RenderedChart[] = await renderReportCharts(reportChartSpecs(report));
    const files: WrittenFile[] = [
      { name: 'report.html', what: 'this report, with its charts, in one page' },
      { name: 'report.md', what: 'the same as Markdown, charts from charts/' },
      { name: 'report.json', what: 'every number in the report, as data (a statistic that could not be computed carries its reason)' },
      { name: 'traits.csv, traits.json', what: `one row per conversation × speaker × dimension: target, measured, difference (${tables.traits.count.toLocaleString('en-US')} rows)` },
      { name: 'turns.csv, turns.json', what: `one row per supporter turn: declared and perceived strategy, latency, tokens (${tables.turns.count.toLocaleString('en-US')} rows)` },
      { name: 'conversations.csv, conversations.json', what: `one row per conversation, planned ones not yet run included: cell, state, quality ratings, costs (${tables.conversations.count.toLocaleString('en-US')} rows)` },
      ...charts.map((c) => ({ name: `charts/${c.id}.vl.json, charts/${c.id}.svg`, what: `${c.title}: Vega-Lite specification with its data, and the chart` })),
    ];
    const doc = reportDocument(report, files);
    const text = (name: string, content: string) => {
      const file = new ReportFile(join(outDir, name));
      pending.push(file);
      file.write(content);
    };
    for (const c of charts) {
      text(join('charts', `${c.id}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
      text(join('charts', `${c.id}.svg`), c.svg);
    }
    text('report.json', `${JSON.stringify(report, null, 2)}\n`);
    text('report.md', renderMarkdown(doc, new Set(charts.map((c) => c.id))));
    text('report.html', renderHtml(doc, charts));
    for (const file of pending) file.commit();
    removeStaleCharts(chartsDir, new Set(charts.flatMap((c) => [`${c.id}.svg`, `${c.id}.vl.json`])));
    return { ok: true, report, outDir, files };
  } catch (error) {
    for (const file of pending) file.abort();
    throw error;
  }
}

function relativeName(dir: string, path: string): string {
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
}
