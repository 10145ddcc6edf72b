import type { Key } from 'ink';
import { pressed, typedText } from '../keys.js';

/** The edits every form screen (persona editor, settings) makes the same way. */
export type FormKeyAction =
  | { type: 'move'; delta: number }
  | { type: 'adjust'; delta: number }
  | { type: 'backspace' }
  | { type: 'input'; text: string };

/**
 * What a key does in a form, for the keys all forms share (each form's own
 * entries in the key table): ↑↓/Tab move between fields, ←→ adjust the focused
 * one, Backspace deletes, plain text is typed. Undefined for the rest (Enter,
 * Esc, Ctrl shortcuts), which each screen handles.
 */
export function formKeyAction(form: 'editor' | 'settings', input: string, key: Key): FormKeyAction | undefined {
  const move = pressed(form, 'move', input, key);
  if (move) return { type: 'move', delta: move === 'up' || move === 'shift+tab' ? -1 : 1 };
  const adjust = pressed(form, 'adjust', input, key);
  if (adjust) return { type: 'adjust', delta: adjust === 'left' ? -1 : 1 };
  if (pressed(form, 'erase', input, key)) return { type: 'backspace' };
  const text = typedText(input, key);
  return text === undefined ? undefined : { type: 'input', text };
}
