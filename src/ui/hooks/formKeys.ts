import type { Key } from 'ink';
import { useScreenKeys } from '../input/KeyInput.js';
import type { KeyPress } from '../input/keyPresses.js';
import { pressed, typedText, type Command } from '../keys.js';

/** The edits every form screen (persona editor, settings) makes the same way. */
export type FormKeyAction =
  | { type: 'move'; delta: number }
  | { type: 'adjust'; delta: number }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'input'; text: string };

/**
 * What a key does in a form, for the keys all forms share (each form's own
 * entries in the key table): ↑↓/Tab move between fields, ←→ adjust the focused
 * one, Backspace deletes, Ctrl+U clears the field, plain text is typed. Undefined
 * for the rest (Enter, Esc, Ctrl shortcuts), which each screen handles.
 */
export function formKeyAction(form: 'editor' | 'settings', input: string, key: Key): FormKeyAction | undefined {
  const move = pressed(form, 'move', input, key);
  if (move) return { type: 'move', delta: move === 'up' || move === 'shift+tab' ? -1 : 1 };
  const adjust = pressed(form, 'adjust', input, key);
  if (adjust) return { type: 'adjust', delta: adjust === 'left' ? -1 : 1 };
  if (pressed(form, 'erase', input, key)) return { type: 'backspace' };
  if (pressed(form, 'clear', input, key)) return { type: 'clear' };
  const text = typedText(input, key);
  return text === undefined ? undefined : { type: 'input', text };
}

export interface FormKeyHandlers<C extends 'editor' | 'settings', F extends string> {
  /** While true (a save, a test or a scoring is running) only `whileBusy` hears keys. */
  busy: () => boolean;
  whileBusy?: (press: KeyPress) => void;
  /** A screen in front of the form (a report, the help, "discard changes?") takes the keys first; true when it did. */
  overlay?: (press: KeyPress) => boolean;
  /** What the form's own commands (back, save, test…) do. */
  shortcuts: Partial<Record<Command<C>, () => void>>;
  /** What Enter does on each button; on any other field Enter moves to the next one. */
  buttons: Partial<Record<F, () => void>>;
  /** The focused field now: keys from the same burst are in the reducer's latest state, not yet in the render's. */
  focus: () => F;
  /** A text field has the focus: `?` is typed there rather than opening the help. */
  typing: () => boolean;
  dispatch: (action: FormKeyAction) => void;
}

/** A form screen's keys: its shortcuts, the edits every form shares, Enter, and pastes into the focused field. */
export function useFormKeys<C extends 'editor' | 'settings', F extends string>(form: C, handlers: FormKeyHandlers<C, F>): void {
  useScreenKeys(
    (press) => {
      const { input, key } = press;
      if (handlers.busy()) return handlers.whileBusy?.(press);
      if (handlers.overlay?.(press)) return;
      for (const [command, run] of Object.entries(handlers.shortcuts) as [Command<C>, () => void][]) {
        if (command === 'help' && handlers.typing()) continue;
        if (pressed(form, command, input, key)) return run();
      }
      const edit = formKeyAction(form, input, key);
      if (edit) return handlers.dispatch(edit);
      if (pressed(form, 'confirm' as Command<C>, input, key)) {
        const press = handlers.buttons[handlers.focus()];
        if (press) return press();
        handlers.dispatch({ type: 'move', delta: 1 });
      }
    },
    (text) => {
      if (!handlers.busy()) handlers.dispatch({ type: 'input', text });
    },
  );
}
