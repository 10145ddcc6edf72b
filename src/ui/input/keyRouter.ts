import type { KeyPress } from './keyPresses.js';

/** What a screen does with the keys and pastes sent its way. */
export interface ScreenInput {
  key(press: KeyPress): void;
  /** A bracketed paste, whole; a screen without one ignores pastes. */
  paste?(text: string): void;
}

type Queued = { kind: 'key'; press: KeyPress } | { kind: 'paste'; text: string };

/**
 * The one way keys reach the screens. The App reads the terminal once (one
 * `useInput`, one `usePaste`) and pushes here; the router hands each key to the
 * screen that owns the terminal now. When a key changes the screen, the keys
 * after it (from the same read, or typed before the new screen is up) wait in
 * the queue until the new screen has registered, instead of reaching the old
 * screen or nobody: no key is lost in the window after a screen change.
 *
 * Plain TypeScript (no React), so the queueing is tested without a terminal.
 */
export class KeyRouter {
  private queue: Queued[] = [];
  private expected: string | undefined;
  private readonly screens = new Map<string, ScreenInput>();
  private draining = false;

  /**
   * `global` sees every key first, as it arrives (Ctrl+C must work even while keys
   * wait for a screen); returning true means it took the key.
   */
  constructor(private readonly global: (press: KeyPress) => boolean = () => false) {}

  /** A new screen is coming: keys wait for it to register. */
  expect(owner: string): void {
    this.expected = owner;
  }

  /** The screen `owner` takes keys; returns the unregister function. */
  register(owner: string, input: ScreenInput): () => void {
    this.screens.set(owner, input);
    this.expected ??= owner;
    this.drain();
    return () => {
      if (this.screens.get(owner) === input) this.screens.delete(owner);
    };
  }

  push(press: KeyPress): void {
    if (this.global(press)) return;
    this.queue.push({ kind: 'key', press });
    this.drain();
  }

  paste(text: string): void {
    this.queue.push({ kind: 'paste', text });
    this.drain();
  }

  /** Keys still waiting for their screen (tests). */
  get waiting(): number {
    return this.queue.length;
  }

  private drain(): void {
    // A handler that pushes or registers while we drain is served by this loop, in order.
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        const screen = this.expected === undefined ? undefined : this.screens.get(this.expected);
        if (!screen) return;
        this.queue.shift();
        if (next.kind === 'key') screen.key(next.press);
        else screen.paste?.(next.text);
      }
    } finally {
      this.draining = false;
    }
  }
}
