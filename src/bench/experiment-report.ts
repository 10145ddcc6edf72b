import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI } from './app-env.js';
import { writeExperimentFolder, type GeneratedExperiment } from './experiment-sessions.js';
import type { BenchOptions } from './options.js';
import type { Figures } from './summary.js';

/**
 * `experiment report` over a folder of generated sessions (10,000 by default),
 * run as a user runs it — the built CLI in its own process — for its peak
 * resident set size and wall time. The peak comes from the process itself at
 * exit (getrusage's maxrss, through a module loaded with --import), so it is
 * the true high-water mark, not a sample. The folder is written once per bench
 * run, in memory-backed /dev/shm where there is one (fsync per file on a disk
 * would make writing it take minutes), and reused by every round.
 */

/** Prints the process's peak RSS (KiB) on stderr as it exits. */
const REPORT_PEAK = "data:text/javascript,process.on('exit',()=>process.stderr.write('peak_rss_kb='+process.resourceUsage().maxRSS+'\\n'))";

export interface ReportRun {
  peakRssMb: number;
  wallSeconds: number;
  stdout: string;
}

export function runReport(dir: string, outDir: string): Promise<ReportRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', REPORT_PEAK, CLI, 'experiment', 'report', dir, '--out', outDir], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      const peak = /peak_rss_kb=(\d+)/.exec(stderr);
      if (code !== 0 || !peak) reject(new Error(`experiment report exited ${code}: ${stderr.slice(-2000)}`));
      else resolve({ peakRssMb: Number(peak[1]) / 1024, wallSeconds, stdout });
    });
  });
}

let made: GeneratedExperiment | undefined;

function experiment(count: number, progress: (text: string) => void): GeneratedExperiment {
  if (made && made.sessions === count) return made;
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'pt-bench-experiment-'));
  progress(`experiment report: writing ${count.toLocaleString('en-US')} generated sessions to ${dir}`);
  const started = performance.now();
  made = writeExperimentFolder(dir, count);
  progress(`experiment report: ${(made.bytes / 1e6).toFixed(0)} MB of sessions written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return made;
}

export async function measureExperimentReport(o: BenchOptions, figures: Figures, progress: (text: string) => void): Promise<void> {
  const folder = experiment(o.reportSessions, progress);
  const out = mkdtempSync(join(tmpdir(), 'pt-bench-report-'));
  try {
    progress(`experiment report over ${o.reportSessions.toLocaleString('en-US')} sessions`);
    const run = await runReport(folder.dir, out);
    const n = o.reportSessions.toLocaleString('en-US');
    figures.add('report rss', `experiment report over ${n} sessions: peak RSS`, run.peakRssMb, { unit: 'MB', digits: 0 });
    figures.add('report time', 'wall time', run.wallSeconds, { unit: 's', digits: 1, detail: true });
    figures.add('report size', 'session files read', folder.bytes / 1e6, { unit: 'MB', digits: 0, detail: true });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
