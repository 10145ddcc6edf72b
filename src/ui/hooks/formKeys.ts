import type { Key } from 'ink';

/** The edits every form screen (persona editor, settings) makes the same way. */
export type FormKeyAction =
  | { type: 'move'; delta: number }
  | { type: 'adjust'; delta: number }
  | { type: 'backspace' }
  | { type: 'input'; text: string };

/**
 * What a key does in a form, for the keys all forms share: ↑↓/Tab move between
 * fields, ←→ adjust the focused one, Backspace deletes, plain text is typed.
 * Undefined for the rest (Enter, Esc, Ctrl shortcuts), which each screen handles.
 */
export function formKeyAction(input: string, key: Key): FormKeyAction | undefined {
  if (key.upArrow || (key.tab && key.shift)) return { type: 'move', delta: -1 };
  if (key.downArrow || key.tab) return { type: 'move', delta: 1 };
  if (key.leftArrow) return { type: 'adjust', delta: -1 };
  if (key.rightArrow) return { type: 'adjust', delta: 1 };
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.return || key.escape || key.ctrl || key.meta || !input) return undefined;
  return { type: 'input', text: input };
}
