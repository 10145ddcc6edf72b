import type { Key } from 'ink';

/** A message longer than this is cut with a notice: a model turn does not need a novel. */
export const COMPOSER_MAX_CHARS = 4000;

// Whole escape sequences first (CSI, OSC, other two-byte escapes), so no "[31m" debris is left.
// eslint-disable-next-line no-control-regex
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// eslint-disable-next-line no-control-regex
const OTHER_ESC = /\u001b[@-_]?/g;
// Remaining C0 controls except \n, DEL, C1 controls, bidi overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Typed or pasted text as the composer stores it: newlines kept, tabs as spaces, controls gone. */
export function sanitizeTyped(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(CSI, '')
    .replace(OSC, '')
    .replace(OTHER_ESC, '')
    .replace(CONTROL, '');
}

export interface InsertResult {
  value: string;
  /** Characters that did not fit under the cap. */
  dropped: number;
}

export function insertText(value: string, text: string, max = COMPOSER_MAX_CHARS): InsertResult {
  const clean = sanitizeTyped(text);
  const room = Math.max(0, max - value.length);
  return { value: value + clean.slice(0, room), dropped: Math.max(0, clean.length - room) };
}

export type ComposerEdit =
  | { kind: 'submit' }
  | { kind: 'change'; value: string; dropped: number }
  | { kind: 'ignore' };

/**
 * What a key does to the composer's text. Enter sends; Ctrl+J (a bare line feed),
 * Alt+Enter, or Shift+Enter where the terminal reports it, insert a newline; a
 * multi-character chunk is a paste and goes in whole.
 */
export function applyComposerKey(value: string, input: string, key: Key, max = COMPOSER_MAX_CHARS): ComposerEdit {
  if (key.return) {
    if (key.meta || key.shift) return { kind: 'change', ...insertText(value, '\n', max) };
    return value.trim() === '' ? { kind: 'ignore' } : { kind: 'submit' };
  }
  if (input === '\n') return { kind: 'change', ...insertText(value, '\n', max) };
  if (key.backspace || key.delete) {
    if (value === '') return { kind: 'ignore' };
    // Drop one code point, not half of a surrogate pair.
    const chars = Array.from(value);
    chars.pop();
    return { kind: 'change', value: chars.join(''), dropped: 0 };
  }
  if (key.ctrl && input === 'u') return { kind: 'change', value: '', dropped: 0 };
  if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) {
    return { kind: 'ignore' };
  }
  if (key.pageUp || key.pageDown || key.home || key.end || input === '') return { kind: 'ignore' };
  return { kind: 'change', ...insertText(value, input, max) };
}
