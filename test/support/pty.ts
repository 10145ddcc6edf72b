import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { assertBuilt, CLI, ROOT } from './cli.js';

/**
 * The built CLI in a real pseudo-terminal, its output fed through a headless
 * xterm so tests read the screen a person would see, not the escape stream.
 */
export interface PtySession {
  screen(): string;
  raw(): string;
  write(keys: string): void;
  resize(cols: number, rows: number): void;
  waitForText(text: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
  /**
   * Sends `keys` until the screen satisfies `done` (at most `tries` times, `patienceMs` apart).
   * Right after a screen change, a key can reach the screen that is going away: Ink paints
   * the new screen before React runs its effects, and until then the old screen's input
   * handler is still the one listening. A person would just press again; so does this.
   */
  pressUntil(keys: string, done: (screen: string) => boolean, options?: { tries?: number; patienceMs?: number }): Promise<string>;
  exited: Promise<{ exitCode: number; signal?: number }>;
  kill(): void;
}

export function startPty(args: string[], env: NodeJS.ProcessEnv, size = { cols: 100, rows: 30 }): PtySession {
  assertBuilt();
  const term = new xterm.Terminal({ cols: size.cols, rows: size.rows, allowProposedApi: true });
  const child = pty.spawn(process.execPath, [CLI, ...args], {
    name: 'xterm-256color',
    cols: size.cols,
    rows: size.rows,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color', ...env } as Record<string, string>,
  });
  let raw = '';
  let pending = Promise.resolve();
  child.onData((data) => {
    raw += data;
    pending = pending.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => child.onExit(resolve));
  const screen = () => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  return {
    screen,
    raw: () => raw,
    write: (keys) => child.write(keys),
    resize: (cols, rows) => {
      child.resize(cols, rows);
      term.resize(cols, rows);
    },
    async waitForText(text, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        await pending;
        const now = screen();
        const matched = typeof text === 'string' ? now.includes(text) : typeof text === 'function' ? text(now) : text.test(now);
        if (matched) return now;
        if (Date.now() > until) throw new Error(`timed out waiting for ${String(text)}; screen was:\n${now}`);
        await new Promise((r) => setTimeout(r, 30));
      }
    },
    async pressUntil(keys, done, { tries = 3, patienceMs = 1500 } = {}) {
      for (let attempt = 1; ; attempt++) {
        child.write(keys);
        try {
          return await this.waitForText(done, patienceMs);
        } catch (error) {
          if (attempt >= tries) throw error;
        }
      }
    },
    exited,
    kill: () => child.kill(),
  };
}
