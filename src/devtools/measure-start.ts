/**
 * Time from typing a start command to the app's first painted frame, measured
 * from outside in a real pseudo-terminal (the way a person sees it), several
 * times, with the min / median / max. The bench can call `measureStart`; from a
 * checkout: `npm run measure-start -- [--runs N] [--cwd DIR] [--json]`.
 *
 * Each run gets a fresh settings folder, so the first frame is what a new user
 * sees (the simulator notice). Nothing here asserts a time: it reports one.
 */
import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** The first screen of the app: the one-time notice, or home when it was seen before. */
const FIRST_FRAME = /Before you start|pick a seeker/;
/** What npm prints before running a script (`> persona-talks@0.1.0 start`). */
const NPM_BANNER = /^> persona-talks@\S+ start/m;

export interface StartCommand {
  label: string;
  command: string;
  args: string[];
}

export interface FirstFrame {
  ms: number;
  /** The screen at the first frame, as a person would read it. */
  screen: string;
}

export interface StartMeasurement extends StartCommand {
  runsMs: number[];
  minMs: number;
  medianMs: number;
  maxMs: number;
  /** Whether npm's banner lines were on screen beside the first frame (in any run). */
  bannerOnScreen: boolean;
}

/**
 * The PATH a person's shell has: npm run puts `node_modules/.bin` (our Node 22)
 * first, which would make the measured `npm start` run npm on a Node the user
 * does not have.
 */
export function shellPath(path = process.env.PATH ?? ''): string {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '' && !dir.endsWith(join('node_modules', '.bin')) && !dir.includes('node-gyp-bin'))
    .join(delimiter);
}

/** One run: spawn, wait for the first frame, then Ctrl+C (and a kill if that is ignored). */
export async function timeToFirstFrame(start: StartCommand, cwd: string, timeoutMs = 60_000): Promise<FirstFrame> {
  const home = mkdtempSync(join(tmpdir(), 'pt-measure-'));
  const cols = 100;
  const rows = 30;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const env: Record<string, string> = {
    PATH: shellPath(),
    HOME: process.env.HOME ?? home,
    TERM: 'xterm-256color',
    PERSONA_TALKS_CONFIG_DIR: join(home, 'config'),
    PERSONA_TALKS_PERSONAS: join(home, 'personas'),
    PERSONA_TALKS_SESSIONS: join(home, 'sessions'),
    // Nothing listens on the discard port: the server check fails at once, and it never holds up the first frame anyway.
    PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:9/v1',
  };
  const started = performance.now();
  const child = pty.spawn(start.command, start.args, { name: 'xterm-256color', cols, rows, cwd, env });
  const screen = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const exited = new Promise<void>((done) => child.onExit(() => done()));
  try {
    return await new Promise<FirstFrame>((resolveFrame, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first frame after ${timeoutMs} ms; screen was:\n${screen()}`)), timeoutMs);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${start.label} exited before its first frame; screen was:\n${screen()}`));
      });
      child.onData((data) => {
        const arrived = performance.now();
        term.write(data, () => {
          const now = screen();
          if (FIRST_FRAME.test(now)) {
            clearTimeout(timer);
            resolveFrame({ ms: arrived - started, screen: now });
          }
        });
      });
    });
  } finally {
    child.write('\u0003');
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    if (!stopped) child.kill();
    term.dispose();
    rmSync(home, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `runs` timed runs of each command after one untimed warm-up run (disk caches). */
export async function measureStart(options: { cwd: string; runs: number; commands?: StartCommand[] }): Promise<StartMeasurement[]> {
  const commands = options.commands ?? defaultCommands(options.cwd);
  const results: StartMeasurement[] = [];
  for (const start of commands) {
    await timeToFirstFrame(start, options.cwd);
    const runsMs: number[] = [];
    let bannerOnScreen = false;
    for (let i = 0; i < options.runs; i++) {
      const frame = await timeToFirstFrame(start, options.cwd);
      runsMs.push(Math.round(frame.ms));
      bannerOnScreen ||= NPM_BANNER.test(frame.screen);
    }
    results.push({ ...start, runsMs, minMs: Math.min(...runsMs), medianMs: Math.round(median(runsMs)), maxMs: Math.max(...runsMs), bannerOnScreen });
  }
  return results;
}

/** `npm start` as a user types it, the launcher as `persona-talks` runs it, and the built app alone on Node 22. */
export function defaultCommands(cwd: string): StartCommand[] {
  return [
    { label: 'npm start', command: 'npm', args: ['start'] },
    { label: 'bin/persona-talks.js (PATH node)', command: 'node', args: [join(cwd, 'bin', 'persona-talks.js')] },
    { label: 'dist/cli.js (Node 22)', command: join(cwd, 'node_modules', '.bin', 'node'), args: [join(cwd, 'dist', 'cli.js')] },
  ];
}

export function formatMeasurements(results: StartMeasurement[], runs: number): string {
  const lines = [`Time to first frame in a ${100}×${30} PTY, ${runs} runs each after one warm-up (ms):`];
  for (const r of results) {
    lines.push(
      `  ${r.label.padEnd(34)} min ${String(r.minMs).padStart(5)}  median ${String(r.medianMs).padStart(5)}  max ${String(r.maxMs).padStart(5)}` +
        `  (${r.runsMs.join(', ')})${r.bannerOnScreen ? '  npm banner on screen' : ''}`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string', default: '7' }, cwd: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write('--runs must be a whole number ≥ 1\n');
    return 2;
  }
  const cwd = resolve(values.cwd ?? process.cwd());
  const results = await measureStart({ cwd, runs });
  process.stdout.write(values.json ? `${JSON.stringify({ cwd, runs, results }, null, 2)}\n` : `${formatMeasurements(results, runs)}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`measure-start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
