/**
 * Shared UI test helpers: render at a chosen terminal size, send keys, and wait
 * for the frame to show something (polling lastFrame — never a fixed sleep as the
 * assertion). Frames are compared with colour codes stripped.
 * UI helpers may add functions at the end of this file.
 */
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { installInkOutputCache } from '../../src/ui/inkOutputCache.js';

// UI tests render through the same frame cache as the app.
await installInkOutputCache();

export type Rendered = ReturnType<typeof render>;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The last frame without colour codes ('' before the first render). */
export function frame(r: Rendered): string {
  return stripAnsi(r.lastFrame() ?? '');
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export type FrameMatcher = string | RegExp | ((frame: string) => boolean);

function matches(text: string, m: FrameMatcher): boolean {
  if (typeof m === 'string') return text.includes(m);
  if (m instanceof RegExp) return m.test(text);
  return m(text);
}

/** Poll until the (colour-stripped) last frame matches; fails with the frame it last saw. */
export async function waitForFrame(r: Rendered, matcher: FrameMatcher, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = frame(r);
    if (matches(text, matcher)) {
      // Let effects of the render that produced this frame run (input handlers attach in effects).
      await macrotask();
      return text;
    }
    if (Date.now() > deadline) throw new Error(`frame never matched ${String(matcher)}; last frame:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const KEYS = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  backspace: '\u007f',
  tab: '\t',
  space: ' ',
  ctrlC: '\u0003',
  /** Line feed: Ctrl+J, the composer's newline key. */
  ctrlJ: '\n',
  altEnter: '\u001b\r',
} as const;

export type KeyName = keyof typeof KEYS;

/**
 * Press a named key (or write a raw string). A lone Escape is held by Ink's input
 * parser for ~20 ms in case more of a sequence follows, so that one waits longer.
 */
export async function press(r: Rendered, key: KeyName | (string & {}), times = 1): Promise<void> {
  const data = key in KEYS ? KEYS[key as KeyName] : key;
  for (let i = 0; i < times; i++) {
    r.stdin.write(data);
    if (data === KEYS.escape) await new Promise((resolve) => setTimeout(resolve, 40));
    else await macrotask();
  }
}

/** Type text one character at a time, as a person would. */
export async function typeText(r: Rendered, text: string): Promise<void> {
  for (const ch of text) {
    r.stdin.write(ch);
    await macrotask();
  }
}

/** A bracketed paste: arrives as one chunk framed by ESC[200~ … ESC[201~. */
export async function paste(r: Rendered, text: string): Promise<void> {
  r.stdin.write(`\u001b[200~${text}\u001b[201~`);
  await macrotask();
}

/** Resize the fake terminal and tell Ink, as a real terminal's SIGWINCH would. */
export function setSize(r: Rendered, columns: number, rows: number): void {
  Object.defineProperty(r.stdout, 'columns', { configurable: true, get: () => columns });
  Object.defineProperty(r.stdout, 'rows', { configurable: true, get: () => rows });
  r.stdout.emit('resize');
}

/** ink-testing-library's render at a given size (it starts at 100 columns; we resize at once). */
export function renderSized(tree: ReactElement, columns: number, rows: number): Rendered {
  const r = render(tree);
  setSize(r, columns, rows);
  return r;
}

/** The longest line of a frame, in characters. */
export function widestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map((l) => Array.from(l).length));
}

// ---- Added by UI-setup (setup, editor, settings and no-server screens) ----
// Imports kept with the code that needs them so this section stays a pure append.
import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';

/** Keys the form screens use beyond KEYS. */
export const FORM_KEYS = {
  shiftTab: '\u001b[Z',
  ctrlS: '\u0013',
  ctrlT: '\u0014',
  pageDown: '\u001b[6~',
} as const;

/** Several keys in order (names from KEYS or raw sequences), each processed before the next. */
export async function pressKeys(r: Rendered, ...keys: (KeyName | (string & {}))[]): Promise<void> {
  for (const key of keys) await press(r, key);
}

/**
 * Like renderSized, but the fake terminal has its size from the very first
 * frame, so no 100-column frame exists for a predicate to match by accident.
 * Returns the same shape as ink-testing-library's render.
 */
export function renderAtSize(tree: ReactElement, columns: number, rows: number): Rendered {
  class SizedStream extends EventEmitter {
    readonly frames: string[] = [];
    readonly columns = columns;
    readonly rows = rows;
    isTTY = true;
    write = (data: string) => {
      this.frames.push(data);
      return true;
    };
    lastFrame = () => this.frames.at(-1);
  }
  class FakeStdin extends EventEmitter {
    isTTY = true;
    data: string | null = null;
    write = (data: string) => {
      this.data = data;
      this.emit('readable');
      this.emit('data', data);
    };
    read = () => {
      const { data } = this;
      this.data = null;
      return data;
    };
    setEncoding() {}
    setRawMode() {}
    resume() {}
    pause() {}
    ref() {}
    unref() {}
  }
  const stdout = new SizedStream();
  const stderr = new SizedStream();
  const stdin = new FakeStdin();
  const instance = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    rerender: instance.rerender,
    unmount: instance.unmount,
    cleanup: instance.cleanup,
    stdout,
    stderr,
    stdin,
    frames: stdout.frames,
    lastFrame: stdout.lastFrame,
  } as unknown as Rendered;
}

// ---- Added by the TUI work (one key handler at the root) ----
import { KeyInput, ScreenSlot } from '../../src/ui/input/KeyInput.js';
import { KeyRouter } from '../../src/ui/input/keyRouter.js';
import { DisplayProvider } from '../../src/ui/display.js';

/**
 * A screen rendered on its own, as the App would hold it: the one key reader and
 * the router above it (and, with `fullScreen`, the full-screen display).
 */
export function withKeys(tree: ReactElement, options: { fullScreen?: boolean } = {}): ReactElement {
  const router = new KeyRouter();
  router.expect('test');
  return (
    <DisplayProvider display={{ fullScreen: options.fullScreen ?? false }}>
      <KeyInput router={router}>
        <ScreenSlot router={router} owner="test">
          {tree}
        </ScreenSlot>
      </KeyInput>
    </DisplayProvider>
  );
}
