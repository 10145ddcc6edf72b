import type { Role } from '../../../core/personas/schema.js';
import { TRAIT_MAX, TRAIT_MIN, type Csi, type CsiKey, type Hexaco, type HexacoKey } from '../../../core/traits/dimensions.js';
import { cleanInput, slugify, type Draft } from './draft.js';
import { fieldsFor, type FieldKey, type FieldSpec } from './fields.js';

export type EditorStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; path: string }
  | { kind: 'scoring'; startedAt: number }
  | { kind: 'scored' }
  | { kind: 'failed'; message: string };

export interface EditorState {
  draft: Draft;
  canScore: boolean;
  focus: FieldKey;
  /** Fields the user has changed: their problems show at once, the others after a save attempt. */
  touched: Partial<Record<string, true>>;
  showAllErrors: boolean;
  /** While false (a new persona whose id was never typed), the id follows the name. */
  idTyped: boolean;
  /** Cursor in the focused text field (a UTF-16 index); undefined means at the end. */
  cursor?: number;
  status: EditorStatus;
  /** The draft as it was opened or last saved: anything else is unsaved. */
  saved: Draft;
  /** Esc with unsaved changes asks once ("Esc again to discard") before leaving. */
  confirmDiscard: boolean;
  /** A value being typed into the focused trait ("3.", "3.8"). */
  traitTyped?: string;
}

export type EditorAction =
  | { type: 'move'; delta: number }
  | { type: 'input'; text: string }
  | { type: 'backspace' }
  | { type: 'adjust'; delta: number }
  | { type: 'clear' }
  | { type: 'attemptSave' }
  | { type: 'status'; status: EditorStatus }
  | { type: 'saved' }
  | { type: 'askDiscard' }
  | { type: 'scored'; hexaco: Hexaco; csi: Csi };

export const TRAIT_STEP = 0.5;

export function initialEditorState(draft: Draft, isNew: boolean, canScore: boolean): EditorState {
  return { draft, canScore, focus: 'name', touched: {}, showAllErrors: false, idTyped: !isNew, status: { kind: 'idle' }, saved: draft, confirmDiscard: false };
}

/** The draft differs from what was opened or last saved. */
export function isDirty(state: EditorState): boolean {
  return JSON.stringify(state.draft) !== JSON.stringify(state.saved);
}

export function currentFields(state: EditorState): FieldSpec[] {
  return fieldsFor(state.draft, state.canScore);
}

export function focusedField(state: EditorState): FieldSpec {
  const fields = currentFields(state);
  return fields.find((f) => f.key === state.focus) ?? fields[0]!;
}

/** A scorer's raw means are kept (not snapped to 0.5), only held inside 1–5. */
function clampAll<T extends Record<string, number>>(scores: T): T {
  return Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Math.min(TRAIT_MAX, Math.max(TRAIT_MIN, v))])) as T;
}

const clampTrait = (v: number) => Math.min(TRAIT_MAX, Math.max(TRAIT_MIN, Math.round(v * 2) / 2));

/** Step through options; from a value not in the list (free text), → starts at the first, ← at the last. */
function cycle<T>(options: readonly T[], current: T, delta: number): T {
  const found = options.indexOf(current);
  const i = found >= 0 ? found : delta > 0 ? -1 : options.length;
  return options[(i + delta + options.length) % options.length]!;
}

function edit(state: EditorState, key: FieldKey, draft: Draft): EditorState {
  // Any change clears "Saved to …": the screen must not claim an edit was saved.
  const status = state.status.kind === 'saved' || state.status.kind === 'scored' ? ({ kind: 'idle' } as const) : state.status;
  return { ...state, draft, touched: { ...state.touched, [key]: true }, status, confirmDiscard: false };
}

/** A typed value keeps one decimal (3.8); the arrows step by halves. Setting any trait makes the persona scored. */
function setTrait(draft: Draft, spec: Extract<FieldSpec, { kind: 'trait' }>, value: number, exact = false): Draft {
  const v = exact ? Math.min(TRAIT_MAX, Math.max(TRAIT_MIN, Math.round(value * 10) / 10)) : clampTrait(value);
  return spec.group === 'hexaco'
    ? { ...draft, unscored: false, hexaco: { ...draft.hexaco, [spec.dim as HexacoKey]: v } }
    : { ...draft, unscored: false, csi: { ...draft.csi, [spec.dim as CsiKey]: v } };
}

/** "3", "3.", "3.8": a trait value being typed, at most one decimal. */
const TRAIT_TYPING = /^[1-5](\.\d?)?$/;

function traitValue(draft: Draft, spec: Extract<FieldSpec, { kind: 'trait' }>): number {
  return spec.group === 'hexaco' ? draft.hexaco[spec.dim as HexacoKey] : draft.csi[spec.dim as CsiKey];
}

function typeInto(state: EditorState, spec: FieldSpec, text: string): EditorState {
  const { draft } = state;
  switch (spec.kind) {
    case 'text': {
      const clean = cleanInput(text);
      if (!clean) return state;
      const old = draft[spec.key];
      const at = state.cursor ?? old.length;
      const value = old.slice(0, at) + clean + old.slice(at);
      const next = { ...draft, [spec.key]: value };
      if (spec.key === 'name' && !state.idTyped) next.id = slugify(value);
      const cursor = state.cursor === undefined ? undefined : at + clean.length;
      return { ...edit(state, spec.key, next), idTyped: state.idTyped || spec.key === 'id', cursor };
    }
    case 'trait': {
      // Digits and a point build a value ("3", "3.", "3.8"); each step that reads as a number sets it.
      // A digit that does not continue the value starts a new one ("3" then "4" is 4).
      const continued = (state.traitTyped ?? '') + text;
      const typed = TRAIT_TYPING.test(continued) ? continued : /^[1-5]$/.test(text) ? text : undefined;
      if (typed === undefined) return state;
      const value = Number(typed.endsWith('.') ? typed.slice(0, -1) : typed);
      return { ...edit(state, spec.key, setTrait(draft, spec, value, true)), traitTyped: typed };
    }
    case 'intensity':
      return /^[1-5]$/.test(text) ? edit(state, spec.key, { ...draft, initial_intensity: Number(text) }) : state;
    case 'toggle':
      return text === ' ' ? edit(state, spec.key, { ...draft, baseline: !draft.baseline }) : state;
    default:
      return state;
  }
}

function adjust(state: EditorState, spec: FieldSpec, delta: number): EditorState {
  const { draft } = state;
  switch (spec.kind) {
    case 'trait':
      return edit(state, spec.key, setTrait(draft, spec, traitValue(draft, spec) + delta * TRAIT_STEP));
    case 'intensity': {
      // From "not set", either arrow lands on the midpoint.
      const v = draft.initial_intensity === undefined ? 3 : Math.min(5, Math.max(1, draft.initial_intensity + delta));
      return edit(state, spec.key, { ...draft, initial_intensity: v });
    }
    case 'choice':
      return spec.key === 'role'
        ? edit(state, 'role', { ...draft, role: cycle(spec.options, draft.role, delta) as Role })
        : edit(state, 'age_band', { ...draft, age_band: cycle(spec.options, draft.age_band, delta) });
    case 'toggle':
      return edit(state, 'baseline', { ...draft, baseline: !draft.baseline });
    case 'text': {
      if (spec.suggestions) return { ...edit(state, spec.key, { ...draft, [spec.key]: cycle(spec.suggestions, draft[spec.key], delta) }), cursor: undefined };
      // Plain text: ←/→ move the cursor by one character (never into a surrogate pair).
      const value = draft[spec.key];
      const at = state.cursor ?? value.length;
      const moved = delta < 0 ? at - codeUnitsBefore(value, at) : at + codeUnitsAfter(value, at);
      const cursor = Math.max(0, Math.min(value.length, moved));
      return { ...state, cursor: cursor === value.length ? undefined : cursor };
    }
    default:
      return state;
  }
}

/** Code units of the character before / after `at` (2 for an astral character). */
function codeUnitsBefore(value: string, at: number): number {
  const low = value.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

function codeUnitsAfter(value: string, at: number): number {
  const high = value.charCodeAt(at);
  return high >= 0xd800 && high <= 0xdbff && at + 1 < value.length ? 2 : 1;
}

/** The persona editor's state machine: pure, so every key's effect is testable without a terminal. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const spec = focusedField(state);
  switch (action.type) {
    case 'move': {
      const fields = currentFields(state);
      const i = fields.findIndex((f) => f.key === spec.key);
      const next = fields[Math.min(fields.length - 1, Math.max(0, i + action.delta))]!;
      return { ...state, focus: next.key, cursor: undefined, traitTyped: undefined, confirmDiscard: false };
    }
    case 'input':
      return typeInto(state, spec, action.text);
    case 'clear':
      if (spec.kind !== 'text' || state.draft[spec.key] === '') return state;
      return { ...edit(state, spec.key, { ...state.draft, [spec.key]: '' }), idTyped: state.idTyped || spec.key === 'id', cursor: undefined };
    case 'backspace':
      if (spec.kind === 'text') {
        const old = state.draft[spec.key];
        const at = state.cursor ?? old.length;
        if (at === 0) return state;
        const from = at - codeUnitsBefore(old, at);
        const value = old.slice(0, from) + old.slice(at);
        const cursor = state.cursor === undefined ? undefined : from;
        return { ...edit(state, spec.key, { ...state.draft, [spec.key]: value }), idTyped: state.idTyped || spec.key === 'id', cursor };
      }
      if (spec.kind === 'intensity') return edit(state, spec.key, { ...state.draft, initial_intensity: undefined });
      return state;
    case 'adjust':
      return { ...adjust(state, spec, action.delta), traitTyped: undefined };
    case 'attemptSave':
      return { ...state, showAllErrors: true };
    case 'status':
      return { ...state, status: action.status };
    case 'saved':
      return { ...state, saved: state.draft, confirmDiscard: false };
    case 'askDiscard':
      return { ...state, confirmDiscard: true };
    case 'scored':
      return {
        ...state,
        draft: { ...state.draft, unscored: false, hexaco: clampAll(action.hexaco), csi: clampAll(action.csi) },
        status: { kind: 'scored' },
      };
  }
}
