import type { Key } from 'ink';

/**
 * One key press as the screens see it: Ink's input string and key flags, one key
 * at a time. Ink hands over a whole read from the terminal as one event when it
 * holds no escape sequence: "\t\t" (Tab Tab), "\rhello" (Enter, then typing), a
 * fast typist's "ne", or a paste without bracketed-paste mode. Read as one key,
 * such a chunk is nothing (its flags are all off) and every key in it is lost;
 * split here, each takes effect in order.
 */
export interface KeyPress {
  input: string;
  key: Key;
  /** Another key from the same read follows this one (a paste, not a typist, when it holds Enter). */
  more: boolean;
}

export const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const NAMED: readonly (keyof Key)[] = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageDown', 'pageUp', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'];

function isNamed(key: Key): boolean {
  return NAMED.some((name) => key[name] === true);
}

/** One character of a chunk as Ink would have reported it had it come alone. */
export function pressOf(ch: string): Omit<KeyPress, 'more'> {
  const code = ch.codePointAt(0)!;
  if (ch === '\r') return { input: '\r', key: { ...NO_KEY, return: true } };
  if (ch === '\t') return { input: '', key: { ...NO_KEY, tab: true } };
  // A line feed is Ctrl+J: Ink names it "enter", not "return", and keeps the "\n".
  if (ch === '\n') return { input: '\n', key: { ...NO_KEY } };
  if (ch === '\u007f' || ch === '\b') return { input: '', key: { ...NO_KEY, backspace: true } };
  if (code === 0) return { input: ' ', key: { ...NO_KEY, ctrl: true } };
  if (code < 0x20) return { input: String.fromCharCode(code + 96), key: { ...NO_KEY, ctrl: true } };
  return { input: ch, key: { ...NO_KEY, shift: /^[A-Z]$/.test(ch) } };
}

/**
 * The key presses in one Ink input event, in order. A single key passes through
 * as it is. Escape followed quickly by a letter arrives as Alt+letter
 * ("\u001bq"); no key of ours is an Alt+letter and Escape means "back" or "stop"
 * wherever it is bound, so it is read as the Escape and then the letter.
 */
export function splitKeyPresses(input: string, key: Key): KeyPress[] {
  const chars = Array.from(input);
  if (key.meta && !key.ctrl && chars.length === 1 && !isNamed(key) && code(chars[0]!) >= 0x20) {
    return [
      { input: '', key: { ...NO_KEY, escape: true }, more: true },
      { ...pressOf(chars[0]!), more: false },
    ];
  }
  if (chars.length <= 1 || isNamed(key) || key.ctrl || key.meta) return [{ input, key, more: false }];
  return chars.map((ch, i) => ({ ...pressOf(ch), more: i < chars.length - 1 }));
}

function code(ch: string): number {
  return ch.codePointAt(0) ?? 0;
}
