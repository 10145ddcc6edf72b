import type { SideSetup } from '../../../app/compare.js';
import { CONDITIONS, ENGINE_KINDS, type Condition, type EngineKind } from '../../../core/domain.js';
import type { Persona } from '../../../core/personas/schema.js';

/**
 * The home screen's compare form as data: side A is the home choice, side B
 * starts as the next supporter in the list and differs in whatever the user
 * moves (supporter, condition, engine).
 */
export const COMPARE_SETUP_FIELDS = ['supporter', 'condition', 'engine', 'start', 'cancel'] as const;
export type CompareSetupField = (typeof COMPARE_SETUP_FIELDS)[number];

export interface CompareSetupState {
  focus: CompareSetupField;
  supporterId: string;
  condition: Condition;
  engine: EngineKind;
}

export type CompareSetupAction = { type: 'move'; delta: number } | { type: 'adjust'; delta: number };

export interface CompareSetupContext {
  A: { supporter: Persona; condition: Condition; engine: EngineKind };
  /** The supporters side B may have. */
  supporters: readonly Persona[];
}

function cycle<T>(items: readonly T[], current: T, delta: number): T {
  const at = Math.max(0, items.indexOf(current));
  return items[(at + delta + items.length) % items.length]!;
}

/** Side B starts with the supporter after A's: what a comparison most often asks. */
export function initialCompareSetup(context: CompareSetupContext): CompareSetupState {
  const ids = context.supporters.map((p) => p.id);
  const next = ids.length > 1 ? cycle(ids, context.A.supporter.id, 1) : context.A.supporter.id;
  return { focus: 'supporter', supporterId: next, condition: context.A.condition, engine: context.A.engine };
}

export function compareSetupReducer(context: CompareSetupContext) {
  return (state: CompareSetupState, action: CompareSetupAction): CompareSetupState => {
    if (action.type === 'move') return { ...state, focus: cycle(COMPARE_SETUP_FIELDS, state.focus, action.delta) };
    switch (state.focus) {
      case 'supporter':
        return { ...state, supporterId: cycle(context.supporters.map((p) => p.id), state.supporterId, action.delta) };
      case 'condition':
        return { ...state, condition: cycle(CONDITIONS, state.condition, action.delta) };
      case 'engine':
        return { ...state, engine: cycle(ENGINE_KINDS, state.engine, action.delta) };
      default:
        return state;
    }
  };
}

/** Side B as the app takes it, or why it cannot start yet (the same as side A). */
export function sideB(state: CompareSetupState, context: CompareSetupContext): { ok: true; B: SideSetup } | { ok: false; problem: string } {
  const supporter = context.supporters.find((p) => p.id === state.supporterId) ?? context.A.supporter;
  const B: SideSetup = { supporter, condition: state.condition, engine: state.engine };
  const same = supporter.id === context.A.supporter.id && state.condition === context.A.condition && state.engine === context.A.engine;
  return same ? { ok: false, problem: 'The two sides would be the same: give side B another supporter, condition or engine.' } : { ok: true, B };
}
