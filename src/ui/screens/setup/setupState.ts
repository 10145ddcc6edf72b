import { CONDITIONS, ENGINE_KINDS, MODES, type Condition, type EngineKind, type Mode } from '../../../core/domain.js';
import { TURN_CAP } from '../../../core/config/settings.js';
import type { SetupChoice } from './types.js';

/** Focusable parts of the setup screen, in Tab order. */
export const SETUP_FIELDS = ['seeker', 'supporter', 'condition', 'engine', 'mode', 'turnCap'] as const;
export type SetupField = (typeof SETUP_FIELDS)[number];


export const CONDITION_LABEL: Readonly<Record<Condition, string>> = { aware: 'persona-aware', blind: 'blind' };
export const ENGINE_LABEL: Readonly<Record<EngineKind, string>> = { agents: 'two agents', script: 'one-call script' };
export const MODE_LABEL: Readonly<Record<Mode, string>> = {
  watch: 'watch (AI ↔ AI)',
  'join-seeker': 'join as seeker',
  'join-supporter': 'join as supporter',
};

export interface SetupState {
  focus: SetupField;
  /** Which list the preview follows while focus is on the option fields. */
  previewSide: 'seeker' | 'supporter';
  seekerIndex: number;
  supporterIndex: number;
  seekerCount: number;
  supporterCount: number;
  condition: Condition;
  engine: EngineKind;
  mode: Mode;
  turnCap: number;
  previewScroll: number;
  /** Why an option changed by itself (joining needs the two-agent engine). */
  note?: string;
}

export type SetupAction =
  | { type: 'tab'; back: boolean }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'scrollPreview'; delta: number; max: number }
  | { type: 'counts'; seekers: number; supporters: number };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function cycle<T>(options: readonly T[], current: T, delta: number): T {
  const i = options.indexOf(current);
  return options[(i + delta + options.length) % options.length]!;
}

export function initialSetupState(
  seekerIds: readonly string[],
  supporterIds: readonly string[],
  initial: Partial<SetupChoice> = {},
): SetupState {
  const state: SetupState = {
    focus: 'seeker',
    previewSide: 'seeker',
    seekerIndex: Math.max(0, initial.seekerId ? seekerIds.indexOf(initial.seekerId) : 0),
    supporterIndex: Math.max(0, initial.supporterId ? supporterIds.indexOf(initial.supporterId) : 0),
    seekerCount: seekerIds.length,
    supporterCount: supporterIds.length,
    condition: initial.condition ?? 'aware',
    engine: initial.engine ?? 'agents',
    // A remembered script engine with a join mode cannot run: joining wins, as it would on the screen.
    mode: initial.mode ?? 'watch',
    turnCap: clamp(Math.round(initial.turnCap ?? TURN_CAP.fallback), TURN_CAP.min, TURN_CAP.max),
    previewScroll: 0,
  };
  return state.engine === 'script' && state.mode !== 'watch' ? { ...state, engine: 'agents' } : state;
}

/** Joining needs two agents (the script engine writes both sides): changing one of the two changes the other, and says so. */
export const JOIN_NEEDS_AGENTS = 'Joining needs two agents: the one-call script writes both sides itself.';

function focusOn(state: SetupState, focus: SetupField): SetupState {
  const previewSide = focus === 'seeker' || focus === 'supporter' ? focus : state.previewSide;
  return { ...state, focus, previewSide, previewScroll: previewSide === state.previewSide ? state.previewScroll : 0 };
}

function moveFocus(state: SetupState, delta: number, wrap: boolean): SetupState {
  const i = SETUP_FIELDS.indexOf(state.focus) + delta;
  const n = SETUP_FIELDS.length;
  if (!wrap && (i < 0 || i >= n)) return state;
  return focusOn(state, SETUP_FIELDS[(i + n) % n]!);
}

function moveSelection(state: SetupState, delta: number): SetupState {
  if (state.focus === 'seeker') {
    const seekerIndex = clamp(state.seekerIndex + delta, 0, Math.max(0, state.seekerCount - 1));
    return seekerIndex === state.seekerIndex ? state : { ...state, seekerIndex, previewScroll: 0 };
  }
  const supporterIndex = clamp(state.supporterIndex + delta, 0, Math.max(0, state.supporterCount - 1));
  return supporterIndex === state.supporterIndex ? state : { ...state, supporterIndex, previewScroll: 0 };
}

/** ←/→ change an option's value; in the lists they hop between the seeker and supporter list. */
function adjust(state: SetupState, delta: number): SetupState {
  switch (state.focus) {
    case 'seeker':
    case 'supporter':
      return focusOn(state, state.focus === 'seeker' ? 'supporter' : 'seeker');
    case 'condition':
      return { ...state, condition: cycle(CONDITIONS, state.condition, delta) };
    case 'engine': {
      const engine = cycle(ENGINE_KINDS, state.engine, delta);
      if (engine === 'script' && state.mode !== 'watch') return { ...state, engine, mode: 'watch', note: `${JOIN_NEEDS_AGENTS} Mode set to watch.` };
      return { ...state, engine, note: undefined };
    }
    case 'mode': {
      const mode = cycle(MODES, state.mode, delta);
      if (mode !== 'watch' && state.engine === 'script') return { ...state, mode, engine: 'agents', note: `${JOIN_NEEDS_AGENTS} Engine set to two agents.` };
      // The note about the engine stays: it still says why the engine is what it is.
      return { ...state, mode };
    }
    case 'turnCap':
      return { ...state, turnCap: clamp(state.turnCap + delta, TURN_CAP.min, TURN_CAP.max) };
  }
}

/** The setup screen's state machine: pure, so every key's effect is testable without a terminal. */
export function setupReducer(state: SetupState, action: SetupAction): SetupState {
  const inList = state.focus === 'seeker' || state.focus === 'supporter';
  switch (action.type) {
    case 'tab':
      return moveFocus(state, action.back ? -1 : 1, true);
    case 'up':
      return inList ? moveSelection(state, -1) : moveFocus(state, -1, false);
    case 'down':
      return inList ? moveSelection(state, 1) : moveFocus(state, 1, false);
    case 'left':
      return adjust(state, -1);
    case 'right':
      return adjust(state, 1);
    case 'scrollPreview':
      return { ...state, previewScroll: clamp(state.previewScroll + action.delta, 0, Math.max(0, action.max)) };
    case 'counts':
      return {
        ...state,
        seekerCount: action.seekers,
        supporterCount: action.supporters,
        seekerIndex: clamp(state.seekerIndex, 0, Math.max(0, action.seekers - 1)),
        supporterIndex: clamp(state.supporterIndex, 0, Math.max(0, action.supporters - 1)),
      };
  }
}

/** The choice to start with, or undefined while either list is empty. */
export function choiceFrom(state: SetupState, seekerIds: readonly string[], supporterIds: readonly string[]): SetupChoice | undefined {
  const seekerId = seekerIds[state.seekerIndex];
  const supporterId = supporterIds[state.supporterIndex];
  if (seekerId === undefined || supporterId === undefined) return undefined;
  const { condition, engine, mode, turnCap } = state;
  return { seekerId, supporterId, condition, engine, mode, turnCap };
}
