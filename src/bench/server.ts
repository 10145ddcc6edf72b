import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DemoHandlerOptions } from '../devtools/demo-handler.js';
import type { ServerStats } from './server-stats.js';

export interface BenchServer {
  url: string;
  stats(): Promise<ServerStats>;
  /** Resolves once no request has been open or arrived for `quietMs` (the app's judge work is over). */
  waitIdle(quietMs?: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Forks server-process.js with these reply options and waits until it listens. */
export async function startBenchServer(options: DemoHandlerOptions & { callMs?: number }): Promise<BenchServer> {
  const entry = fileURLToPath(new URL('./server-process.js', import.meta.url));
  const child = fork(entry, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (stats: ServerStats) => void>();
  let nextId = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: { type: string; url?: string; id?: number; stats?: ServerStats }) => {
      if (m.type === 'ready') resolve(m.url!);
      if (m.type === 'stats') {
        waiting.get(m.id!)?.(m.stats!);
        waiting.delete(m.id!);
      }
    });
    child.once('exit', (code) => reject(new Error(`the bench server exited early (${code})`)));
  });
  const stats = () =>
    new Promise<ServerStats>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ type: 'stats', id });
    });
  return {
    url,
    stats,
    async waitIdle(quietMs = 400, timeoutMs = 600_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const now = await stats();
        if (now.inFlight === 0 && now.quietForMs >= quietMs) return;
        if (Date.now() > until) throw new Error(`the app still had ${now.inFlight} model calls open after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
