import { useInput, type Key } from 'ink';
import { pressed, typedText, type Command } from '../keys.js';

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

export interface FormKeyHandlers<C extends 'editor' | 'settings', F extends string> {
  /** While true (a save or a test is running) keys do nothing. */
  busy: boolean;
  /** What the form's own commands (back, save, test…) do. */
  shortcuts: Partial<Record<Command<C>, () => void>>;
  /** What Enter does on each button; on any other field Enter moves to the next one. */
  buttons: Partial<Record<F, () => void>>;
  /** The focused field now: keys from the same burst are in the reducer's latest state, not yet in the render's. */
  focus: () => F;
  dispatch: (action: FormKeyAction) => void;
}

/** A form screen's keys: its shortcuts, the edits every form shares, and Enter. */
export function useFormKeys<C extends 'editor' | 'settings', F extends string>(form: C, handlers: FormKeyHandlers<C, F>): void {
  useInput((input, key) => {
    if (handlers.busy) return;
    for (const [command, run] of Object.entries(handlers.shortcuts) as [Command<C>, () => void][]) {
      if (pressed(form, command, input, key)) return run();
    }
    const edit = formKeyAction(form, input, key);
    if (edit) return handlers.dispatch(edit);
    if (pressed(form, 'confirm' as Command<C>, input, key)) {
      const press = handlers.buttons[handlers.focus()];
      if (press) return press();
      handlers.dispatch({ type: 'move', delta: 1 });
    }
  });
}
