import xterm from '@xterm/headless';
import * as pty from 'node-pty';
import { performance } from 'node:perf_hooks';
import { trackCpu, type CpuTracker } from './proc-cpu.js';

/** Ink's "begin synchronized update": one per painted frame, however many write() calls it takes. */
export const FRAME_START = '\u001b[?2026h';

export const PTY_SIZE = { cols: 100, rows: 40 };

export interface PtyApp {
  pid: number;
  /** Everything the app wrote to the terminal. */
  raw(): string;
  bytes(): number;
  /** Painted frames so far (FRAME_START sequences). */
  frames(): number;
  /** The screen a person would see now. */
  screen(): Promise<string>;
  /** ms after spawn at which `text` first appeared in the output, if it has. */
  firstSeen(text: string): number | undefined;
  waitForScreen(done: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Sends `keys` until the screen satisfies `done`: a key sent while a screen changes can reach the old one. */
  pressUntil(keys: string, done: (screen: string) => boolean, what: string): Promise<string>;
  write(keys: string): void;
  cpu: CpuTracker;
  /** Resolves at exit with the wall time since spawn, ms. */
  exited: Promise<{ exitCode: number; wallMs: number }>;
  kill(): void;
}

/**
 * A program in a real pseudo-terminal, its output timed as it arrives (for
 * first-frame figures), counted in bytes and frames, and fed to a headless
 * xterm so the bench can read the screen and drive the app with keys.
 */
export function spawnInPty(command: string, args: string[], env: Record<string, string>, options: { cwd: string; watch?: string[] }): PtyApp {
  const term = new xterm.Terminal({ ...PTY_SIZE, allowProposedApi: true });
  const started = performance.now();
  const child = pty.spawn(command, args, { name: 'xterm-256color', ...PTY_SIZE, cwd: options.cwd, env });
  const cpu = trackCpu(child.pid);
  const watch = [FRAME_START, ...(options.watch ?? [])];
  const longest = Math.max(...watch.map((w) => w.length));
  const seenAt = new Map<string, number>();
  let raw = '';
  let bytes = 0;
  let painted = Promise.resolve();
  child.onData((data) => {
    const at = performance.now() - started;
    // Look across the chunk boundary: a marker may arrive in two pieces.
    const window = raw.slice(-longest) + data;
    for (const text of watch) if (!seenAt.has(text) && window.includes(text)) seenAt.set(text, at);
    raw += data;
    bytes += Buffer.byteLength(data);
    painted = painted.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
  });
  const exited = new Promise<{ exitCode: number; wallMs: number }>((resolve) =>
    child.onExit(({ exitCode }) => {
      cpu.stop();
      resolve({ exitCode, wallMs: performance.now() - started });
    }),
  );
  const screen = async () => {
    await painted;
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  const waitForScreen = async (done: (screen: string) => boolean, what: string, timeoutMs = 15_000) => {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const now = await screen();
      if (done(now)) return now;
      if (performance.now() > until) throw new Error(`timed out waiting for ${what}; the screen was:\n${now}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    pid: child.pid,
    raw: () => raw,
    bytes: () => bytes,
    frames: () => raw.split(FRAME_START).length - 1,
    screen,
    firstSeen: (text) => seenAt.get(text),
    waitForScreen,
    async pressUntil(keys, done, what) {
      for (let attempt = 1; ; attempt++) {
        child.write(keys);
        try {
          return await waitForScreen(done, what, 1500);
        } catch (error) {
          if (attempt >= 4) throw error;
        }
      }
    },
    write: (keys) => child.write(keys),
    cpu,
    exited,
    kill: () => child.kill(),
  };
}
