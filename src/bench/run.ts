/**
 * `npm run bench`: what the terminal UI, the live judge and startup cost, measured
 * from outside the real CLI (dist/cli.js on the project's Node 22) — in a real
 * 100×40 pseudo-terminal for the TUI, with stdout piped for the headless text
 * mode — against the loopback model server in its own process, pacing replies a
 * token at a time. The app runs with its default settings. Each figure is taken
 * `--runs` times and printed as min / median / max; ratios pair runs of the same
 * round. `npm run bench -- --help` lists the options.
 */
import { availableParallelism, loadavg } from 'node:os';
import { measureExperimentReport } from './experiment-report.js';
import { measureJudgeCost, type JudgeCostState } from './judge-cost.js';
import { measureLocal } from './local.js';
import { FIGURES, parseBenchArgs, USAGE, type BenchOptions } from './options.js';
import { measurePromptGrowth } from './prompt-growth.js';
import { measureRendering } from './render.js';
import { measureStartup } from './startup.js';
import { measureThroughput } from './throughput.js';
import { Figures, formatTable, spread } from './summary.js';

const progress = (text: string) => process.stderr.write(`${text}\n`);

async function measure(o: BenchOptions): Promise<Figures> {
  const figures = new Figures();
  const judge: JudgeCostState = {};
  for (let round = 1; round <= o.runs; round++) {
    const say = (text: string) => progress(`[run ${round}/${o.runs}] ${text}`);
    // Rounds interleave every figure, so a busy spell on the machine spreads over all of them.
    if (o.only.has('P4')) await measureStartup(o, figures, say);
    if (o.only.has('P1') || o.only.has('P2') || o.only.has('P6')) await measureRendering(o, figures, say);
    if (o.only.has('P3')) await measureJudgeCost(o, figures, judge, say);
    if (o.only.has('growth')) await measurePromptGrowth(o, figures, say);
    if (o.only.has('local')) await measureLocal(o, figures, say);
    if (o.only.has('T1')) await measureThroughput(o, figures, say);
    if (o.only.has('report')) await measureExperimentReport(o, figures, say);
  }
  return figures;
}

/** Table order: P1, P2, P3, P4, P6, growth, local, T1, report, each figure followed by its details. */
function ordered(figures: Figures) {
  const rank = (id: string) => FIGURES.findIndex((f) => id === f || id.startsWith(`${f} `));
  return figures.list().sort((a, b) => rank(a.id) - rank(b.id));
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (Number(process.versions.node.split('.')[0]) < 22) throw new Error(`the bench runs the app on this Node, which must be 22 or newer (this is ${process.version}); use npm run bench`);
  const loadBefore = loadavg()[0]!;
  const started = Date.now();
  const figures = await measure(options);
  const rows = ordered(figures);
  const meta = {
    node: process.version,
    date: new Date(started).toISOString(),
    minutes: Math.round((Date.now() - started) / 600) / 100,
    cores: availableParallelism(),
    load: { before: loadBefore, after: loadavg()[0]! },
    settings: {
      runs: options.runs,
      turns: options.turns,
      growthTurns: options.growthTurns,
      tokenMs: options.tokenMs,
      charsPerToken: options.chunkChars,
      minWords: options.words,
      judgeCallMs: options.judgeCallMs,
      slowJudgeTurns: options.slowJudgeTurns,
      modes: options.modes,
      cast: { seeker: options.seeker, supporter: options.supporter },
    },
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ ...meta, figures: rows.map((r) => ({ ...r, ...spread(r.values) })) }, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    [
      `persona-talks bench — Node ${meta.node}, ${meta.date}, ${meta.cores} cores, load ${meta.load.before.toFixed(2)} → ${meta.load.after.toFixed(2)}, ${meta.minutes} min`,
      // The report figure reads generated sessions and talks to no server: the setup line is for the others.
      ...([...options.only].some((f) => f !== 'report')
        ? [
            `${options.turns}-turn conversations, replies of ≥${options.words} words streamed a token (${options.chunkChars} chars) every ${options.tokenMs} ms, ` +
              'judge and classifier replies too; default settings (judge every turn, classifier on); tokens = characters ÷ 4 as the server counts them.',
          ]
        : []),
      '',
      formatTable(rows),
      '',
      'Ratios pair runs of the same round. Absolute times and CPU seconds move with the load on the machine; compare ratios.',
    ].join('\n') + '\n',
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
