import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appHome, LAUNCHER, ROOT } from './app-env.js';
import type { BenchOptions } from './options.js';
import { startBenchServer } from './server.js';
import type { Figures } from './summary.js';

/**
 * T1: an experiment's throughput. The built CLI runs a plan of `conversations`
 * conversations (`turns` turns each, no judge) at concurrency 8 (or each of
 * `--concurrency`, with three conversations per worker) against the
 * loopback server in its own process, where every call takes exactly `callMs`
 * and answers in one piece. The ideal is every worker always waiting on a call:
 * concurrency × 60 s ÷ (turns × callMs) conversations a minute. The clock runs
 * from the run's first event (after the preflight) to its last, as the app's
 * NDJSON lines arrive.
 */
export const THROUGHPUT = { concurrency: 8, callMs: 200, turns: 6, conversations: 24 } as const;

export async function measureThroughput(o: BenchOptions, figures: Figures, say: (text: string) => void): Promise<void> {
  for (const concurrency of o.concurrency) await measureAt(concurrency, figures, say);
}

async function measureAt(concurrency: number, figures: Figures, say: (text: string) => void): Promise<void> {
  const { callMs, turns } = THROUGHPUT;
  // Every worker gets about three conversations, so the last wave's stragglers weigh alike; six cells.
  const conversations = Math.max(THROUGHPUT.conversations, 6 * Math.ceil((3 * concurrency) / 6));
  const id = concurrency === THROUGHPUT.concurrency ? 'T1' : `T1 c${concurrency}`;
  const server = await startBenchServer({ callMs, closeAfter: 1000 });
  const home = appHome(server.url);
  try {
    const plan = join(home.sessionsDir, 'throughput.yaml');
    writeFileSync(
      plan,
      [
        'name: throughput',
        'seekers: [anxious-phd-student, night-shift-nurse]',
        'supporters: [warm-listener, blunt-coach, cheerful-peer]',
        'arms: [{ name: a, seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }]',
        'models: [{ name: m, model: fake-model }]',
        `repetitions: ${conversations / 6}`,
        `turnCap: ${turns}`,
        'measurement: off',
        'classifier: false',
        `concurrency: ${concurrency}`,
      ].join('\n'),
    );
    say(`T1: ${conversations} conversations of ${turns} turns at concurrency ${concurrency}, every call ${callMs} ms…`);
    const { first, last, code } = await timeEvents(process.execPath, [LAUNCHER, 'experiment', 'run', plan, '--dir', join(home.sessionsDir, 'study'), '--json'], home.env);
    if (code !== 0) throw new Error(`T1: the experiment run exited with ${code}`);
    const minutes = (last - first) / 60_000;
    const perMinute = conversations / minutes;
    const ideal = (concurrency * 60_000) / (turns * callMs);
    figures.add(id, `experiment throughput ÷ ideal (concurrency ${concurrency}, ${callMs} ms per call)`, perMinute / ideal, { digits: 3 });
    figures.add(`${id} conversations/min`, 'conversations per minute', perMinute, { digits: 1, detail: true });
    figures.add(`${id} ideal`, 'ideal conversations per minute at that latency', ideal, { digits: 1, detail: true });
  } finally {
    home.remove();
    await server.stop();
  }
}

/** When the first and the last NDJSON line of the run arrived. */
function timeEvents(command: string, args: string[], env: Record<string, string>): Promise<{ first: number; last: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let first = 0;
    let last = 0;
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const type = (JSON.parse(line) as { type: string }).type;
        if (type === 'experiment-started') first = performance.now();
        if (type === 'experiment-ended') last = performance.now();
      }
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ first, last, code }));
  });
}
