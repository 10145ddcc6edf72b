import { cleanInput } from '../editor/draft.js';
import { adjustForm, fieldShown, FORM_FIELDS, TEXT_FIELDS, type FormField, type SettingsForm, type TextField } from './settingsForm.js';

export type SettingsStatus =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'tested'; ok: boolean; text: string }
  | { kind: 'saved' }
  | { kind: 'failed'; text: string };

export interface SettingsState {
  form: SettingsForm;
  /** Fields a flag or the environment sets this run: shown, not edited. */
  locked: readonly FormField[];
  focus: FormField;
  dirty: boolean;
  /** Escape with unsaved changes asks once before discarding them. */
  confirmDiscard: boolean;
  status: SettingsStatus;
}

export type SettingsAction =
  | { type: 'move'; delta: number }
  | { type: 'input'; text: string }
  | { type: 'backspace' }
  | { type: 'clear' }
  | { type: 'adjust'; delta: number }
  | { type: 'status'; status: SettingsStatus }
  | { type: 'saved' }
  | { type: 'askDiscard' };

export function initialSettingsState(form: SettingsForm, locked: readonly FormField[] = []): SettingsState {
  return { form, locked, focus: 'preset', dirty: false, confirmDiscard: false, status: { kind: 'idle' } };
}

const isText = (f: FormField): f is TextField => TEXT_FIELDS.includes(f);

function changed(state: SettingsState, form: SettingsForm): SettingsState {
  return { ...state, form, dirty: true, confirmDiscard: false, status: { kind: 'idle' } };
}

/** The settings form's state machine, pure like the other screens' reducers. */
export function settingsReducer(state: SettingsState, action: SettingsAction): SettingsState {
  const { focus, form } = state;
  // A value set by a flag or the environment is not the stored one: editing it here would change nothing.
  if ((action.type === 'input' || action.type === 'backspace' || action.type === 'clear' || action.type === 'adjust') && state.locked.includes(focus)) return state;
  switch (action.type) {
    case 'move': {
      const fields = FORM_FIELDS.filter((f) => fieldShown(form, f));
      const i = fields.indexOf(focus) + action.delta;
      return { ...state, focus: fields[Math.min(fields.length - 1, Math.max(0, i))]!, confirmDiscard: false };
    }
    case 'input': {
      if (!isText(focus)) return state;
      const text = cleanInput(action.text);
      return text ? changed(state, { ...form, [focus]: form[focus] + text }) : state;
    }
    case 'clear':
      return isText(focus) && form[focus] !== '' ? changed(state, { ...form, [focus]: '' }) : state;
    case 'backspace':
      if (!isText(focus)) return state;
      // The key is never shown, so deleting one hidden character would be guesswork: clear it all.
      if (focus === 'apiKey') return changed(state, { ...form, apiKey: '' });
      return changed(state, { ...form, [focus]: [...form[focus]].slice(0, -1).join('') });
    case 'adjust': {
      const next = adjustForm(form, focus, action.delta);
      return next === form ? state : changed(state, next);
    }
    case 'status':
      return { ...state, status: action.status };
    case 'saved':
      return { ...state, dirty: false, status: { kind: 'saved' } };
    case 'askDiscard':
      return { ...state, confirmDiscard: true };
  }
}
