import { parseArgs } from 'node:util';
import { TUI_MODES, type TuiMode } from './modes.js';

export const FIGURES = ['P1', 'P2', 'P3', 'P4', 'P6', 'growth', 'local', 'T1', 'report'] as const;
export type Figure = (typeof FIGURES)[number];

export interface BenchOptions {
  only: ReadonlySet<Figure>;
  runs: number;
  json: boolean;
  modes: readonly TuiMode[];
  /** Turn cap of the measured conversations (the app's default turn cap is 20). */
  turns: number;
  growthTurns: number;
  /** Server pace: one chunk of `chunkChars` code points (about a token) every `tokenMs`. */
  tokenMs: number;
  chunkChars: number;
  /** Agent replies are at least this many words. */
  words: number;
  /** P3's first configuration: every judge-side call takes this long. */
  judgeCallMs: number;
  /** P3's second configuration: every judge-side call takes this many agent turns. */
  slowJudgeTurns: number;
  seeker: string;
  supporter: string;
  /** T1: the concurrencies to measure the experiment runner's throughput at. */
  concurrency: readonly number[];
  /** Sessions in the generated experiment folder `experiment report` reads. */
  reportSessions: number;
}

export const USAGE = `Usage: npm run bench -- [options]

  --only LIST        figures to measure, comma-separated: ${FIGURES.join(',')} (default all)
  --runs N           runs per figure; the table shows min / median / max (default 3)
  --mode NAME        only this terminal mode (${TUI_MODES.map((m) => m.name).join(', ')}); repeatable
  --turns N          turns per measured conversation (default 20, the app's default turn cap)
  --growth-turns N   turns of the prompt-growth run (default 200)
  --token-ms N       server pace per token (default 30)
  --words N          minimum words per agent reply (default 40)
  --judge-call-ms N  P3: every judge-side call takes N ms (default 1500)
  --slow-judge N     P3: a second configuration, judge calls N agent turns long (default 5)
  --concurrency LIST T1: conversations at once, comma-separated, 1–256 (default 8)
  --report-sessions N  sessions in the experiment folder the report figure reads (default 10000)
  --json             print the figures as JSON instead of a table`;

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${value}")`);
  return n;
}

export function parseBenchArgs(args: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      only: { type: 'string' },
      runs: { type: 'string' },
      mode: { type: 'string', multiple: true },
      turns: { type: 'string' },
      'growth-turns': { type: 'string' },
      'token-ms': { type: 'string' },
      words: { type: 'string' },
      'judge-call-ms': { type: 'string' },
      'slow-judge': { type: 'string' },
      concurrency: { type: 'string' },
      'report-sessions': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...FIGURES];
  for (const f of only) if (!(FIGURES as readonly string[]).includes(f)) throw new Error(`--only: unknown figure "${f}" (known: ${FIGURES.join(', ')})`);
  const modes = values.mode ? TUI_MODES.filter((m) => values.mode!.includes(m.name)) : TUI_MODES;
  if (modes.length === 0) throw new Error(`--mode: none of ${values.mode!.join(', ')} is a mode (known: ${TUI_MODES.map((m) => m.name).join(', ')})`);
  const turns = Math.round(positive(values.turns, 'turns', 20));
  // The app's home screen takes turn caps up to 60; the headless run up to 500.
  if (turns < 2 || turns > 60) throw new Error('--turns must be from 2 to 60 (what the app accepts)');
  const concurrency = (values.concurrency ?? '8').split(',').map((s) => Number(s.trim()));
  if (concurrency.some((n) => !Number.isInteger(n) || n < 1 || n > 256)) throw new Error(`--concurrency must list whole numbers from 1 to 256 (got "${values.concurrency}")`);
  return {
    only: new Set(only as Figure[]),
    runs: Math.max(1, Math.round(positive(values.runs, 'runs', 3))),
    json: values.json,
    modes,
    turns,
    growthTurns: Math.min(500, Math.round(positive(values['growth-turns'], 'growth-turns', 200))),
    tokenMs: positive(values['token-ms'], 'token-ms', 30),
    chunkChars: 4,
    words: Math.round(positive(values.words, 'words', 40)),
    judgeCallMs: positive(values['judge-call-ms'], 'judge-call-ms', 1500),
    slowJudgeTurns: positive(values['slow-judge'], 'slow-judge', 5),
    seeker: 'anxious-phd-student',
    supporter: 'warm-listener',
    concurrency,
    reportSessions: Math.round(positive(values['report-sessions'], 'report-sessions', 10_000)),
  };
}
