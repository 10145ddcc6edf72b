import type { Key } from 'ink';
import { stripControls } from '../../core/sanitize.js';
import { pressed, typedText } from '../keys.js';

/** A message longer than this is cut with a notice: a model turn does not need a novel. */
export const COMPOSER_MAX_CHARS = 4000;

/** Typed or pasted text as the composer stores it: newlines kept, tabs as spaces, controls gone. */
export function sanitizeTyped(text: string): string {
  return stripControls(text.replace(/\r\n?/g, '\n').replace(/\t/g, '  '), { newline: true });
}

export interface InsertResult {
  value: string;
  /** Where the cursor is after the insert (a UTF-16 index at a code-point boundary). */
  cursor: number;
  /** Characters that did not fit under the cap. */
  dropped: number;
}

/** Inserts at `at` (default: the end), cut to the cap. */
export function insertText(value: string, text: string, max = COMPOSER_MAX_CHARS, at = value.length): InsertResult {
  const clean = sanitizeTyped(text);
  const room = Math.max(0, max - value.length);
  const kept = Array.from(clean).reduce((acc, ch) => (acc.length + ch.length <= room ? acc + ch : acc), '');
  const pos = clampCursor(value, at);
  return { value: value.slice(0, pos) + kept + value.slice(pos), cursor: pos + kept.length, dropped: clean.length - kept.length };
}

export function clampCursor(value: string, cursor: number): number {
  return Math.max(0, Math.min(value.length, cursor));
}

/** One code point left or right of the cursor (never inside a surrogate pair). */
function stepLeft(value: string, cursor: number): number {
  if (cursor <= 0) return 0;
  const low = value.charCodeAt(cursor - 1);
  return cursor >= 2 && low >= 0xdc00 && low <= 0xdfff ? cursor - 2 : cursor - 1;
}

function stepRight(value: string, cursor: number): number {
  if (cursor >= value.length) return value.length;
  const high = value.charCodeAt(cursor);
  return high >= 0xd800 && high <= 0xdbff && cursor + 1 < value.length ? cursor + 2 : cursor + 1;
}

/** Start and end of the line the cursor is on. */
function lineBounds(value: string, cursor: number): { start: number; end: number } {
  const start = value.lastIndexOf('\n', cursor - 1) + 1;
  const nl = value.indexOf('\n', cursor);
  return { start, end: nl < 0 ? value.length : nl };
}

export type ComposerEdit =
  | { kind: 'submit' }
  | { kind: 'change'; value: string; cursor: number; dropped: number }
  | { kind: 'move'; cursor: number }
  | { kind: 'ignore' };

/**
 * What a key does to the composer (the key table's composer commands): Enter
 * sends; a new-line key (Ctrl+J, a bare line feed; Alt+Enter, or Shift+Enter
 * where the terminal reports it) inserts a newline; ←/→ move by character,
 * Home/End (or Ctrl+A/Ctrl+E) to the start/end of the line; Backspace deletes
 * before the cursor; Ctrl+U clears; a multi-character chunk is a paste and goes
 * in whole at the cursor.
 */
export function applyComposerKey(value: string, cursorIn: number, input: string, key: Key, max = COMPOSER_MAX_CHARS): ComposerEdit {
  const cursor = clampCursor(value, cursorIn);
  // Before send: Alt+Enter and Shift+Enter are Enter too.
  if (pressed('composer', 'newLine', input, key)) return { kind: 'change', ...insertText(value, '\n', max, cursor) };
  if (pressed('composer', 'send', input, key)) return value.trim() === '' ? { kind: 'ignore' } : { kind: 'submit' };
  if (pressed('composer', 'erase', input, key)) {
    if (cursor === 0) return { kind: 'ignore' };
    const from = stepLeft(value, cursor);
    return { kind: 'change', value: value.slice(0, from) + value.slice(cursor), cursor: from, dropped: 0 };
  }
  const move = pressed('composer', 'move', input, key);
  if (move === 'left') return { kind: 'move', cursor: stepLeft(value, cursor) };
  if (move === 'right') return { kind: 'move', cursor: stepRight(value, cursor) };
  if (move === 'home' || move === 'ctrl+a') return { kind: 'move', cursor: lineBounds(value, cursor).start };
  if (move === 'end' || move === 'ctrl+e') return { kind: 'move', cursor: lineBounds(value, cursor).end };
  if (pressed('composer', 'clear', input, key)) return { kind: 'change', value: '', cursor: 0, dropped: 0 };
  const text = typedText(input, key);
  return text === undefined ? { kind: 'ignore' } : { kind: 'change', ...insertText(value, text, max, cursor) };
}

/** Marks the cursor inside the text so wrapping can find the line it is on. */
export const CURSOR_MARK = '\uE000';

/**
 * The lines of the composer to show: at most `maxLines`, always including the
 * cursor's line (the end of the text when the cursor is there), split around
 * the cursor so the component can draw it.
 */
export function composerWindow(
  value: string,
  cursor: number,
  width: number,
  maxLines: number,
  wrap: (text: string, width: number) => string[],
): { before: string; after: string; hiddenAbove: number; hiddenBelow: number } {
  const pos = clampCursor(value, cursor);
  const lines = wrap(value.slice(0, pos) + CURSOR_MARK + value.slice(pos), width);
  const at = Math.max(0, lines.findIndex((l) => l.includes(CURSOR_MARK)));
  const keep = Math.max(1, Math.floor(maxLines));
  // Show the tail while the cursor is in it; otherwise start the window at the cursor's line.
  const start = Math.max(0, Math.min(at, lines.length - keep));
  const shown = lines.slice(start, start + keep).join('\n');
  const [before = '', after = ''] = shown.split(CURSOR_MARK);
  return { before, after, hiddenAbove: start, hiddenBelow: Math.max(0, lines.length - start - keep) };
}
