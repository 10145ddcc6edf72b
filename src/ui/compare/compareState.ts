import type { ComparisonEvent, Divergence } from '../../app/compare.js';
import type { ComparisonSide } from '../../core/domain.js';
import type { DeltaItem } from '../conversation/actions.js';
import { conversationReducer } from '../conversation/reducer.js';
import { initialConversationState, type ConversationState } from '../conversation/state.js';

/** Below 100 columns the sides share the screen: both stacked, or one at a time (Tab). */
export type CompareView = 'both' | ComparisonSide;
export const COMPARE_VIEWS: readonly CompareView[] = ['both', 'A', 'B'];

export interface CompareState {
  sides: Record<ComparisonSide, ConversationState>;
  /** Where the two sessions and their link were saved, once both have started. */
  linkPath: string | undefined;
  divergence: Divergence | undefined;
  view: CompareView;
  /** Pause asked for (both sides hold after their current turn). */
  paused: boolean;
}

export type CompareAction =
  | { type: 'comparison'; event: ComparisonEvent; receivedAt?: number }
  | { type: 'deltas'; side: ComparisonSide; items: DeltaItem[] }
  | { type: 'switch-view' }
  | { type: 'paused'; paused: boolean };

export function initialCompareState(init: { turnCap?: number; paused?: boolean } = {}): CompareState {
  const side = () => initialConversationState({ mode: 'watch', ...(init.turnCap !== undefined ? { turnCap: init.turnCap } : {}) });
  return { sides: { A: side(), B: side() }, linkPath: undefined, divergence: undefined, view: 'both', paused: init.paused ?? false };
}

/** Both sides have ended (each said so). */
export function bothEnded(state: CompareState): boolean {
  return state.sides.A.status === 'ended' && state.sides.B.status === 'ended';
}

/**
 * One reducer for the pair: each side's events go through the conversation
 * screen's own reducer (a side is a conversation), the rest is the pair's.
 */
export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  switch (action.type) {
    case 'deltas':
      return withSide(state, action.side, conversationReducer(state.sides[action.side], { type: 'deltas', items: action.items }));
    case 'switch-view':
      return { ...state, view: COMPARE_VIEWS[(COMPARE_VIEWS.indexOf(state.view) + 1) % COMPARE_VIEWS.length]! };
    case 'paused':
      return { ...state, paused: action.paused };
    case 'comparison': {
      const { event } = action;
      if (event.type === 'linked') return { ...state, linkPath: event.path };
      if (event.type === 'compared') return { ...state, divergence: event.divergence };
      const inner = event.event.type === 'notice' ? { ...event.event, ...(action.receivedAt !== undefined ? { receivedAt: action.receivedAt } : {}) } : event.event;
      return withSide(state, event.side, conversationReducer(state.sides[event.side], inner));
    }
  }
}

function withSide(state: CompareState, side: ComparisonSide, next: ConversationState): CompareState {
  return next === state.sides[side] ? state : { ...state, sides: { ...state.sides, [side]: next } };
}
