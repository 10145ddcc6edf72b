import { GROUP_BY, type GroupBy } from '../../../core/analysis/report.js';

/**
 * The session browser's state, one reducer: which view is open, the filter, the
 * cursor (kept on a session path so it survives filtering), the marked sessions
 * and the scroll position of a text view.
 */
export type BrowserView =
  | { name: 'list' }
  | { name: 'detail'; path: string }
  | { name: 'confirm-delete'; path: string }
  | { name: 'speed'; path: string }
  | { name: 'stats'; paths: string[]; by: GroupBy };

export interface BrowserState {
  view: BrowserView;
  query: string;
  /** Index into the filtered list. */
  cursor: number;
  marked: readonly string[];
  scroll: number;
  message: { level: 'info' | 'warn'; text: string } | undefined;
}

export type BrowserAction =
  | { type: 'type'; text: string }
  | { type: 'backspace' }
  | { type: 'clear-query' }
  | { type: 'move'; delta: number; count: number }
  | { type: 'toggle-mark'; path: string }
  | { type: 'open'; view: BrowserView }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'next-group' }
  | { type: 'message'; level: 'info' | 'warn'; text: string }
  | { type: 'deleted'; path: string; count: number };

export function initialBrowserState(cursor = 0): BrowserState {
  return { view: { name: 'list' }, query: '', cursor, marked: [], scroll: 0, message: undefined };
}

export function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
  switch (action.type) {
    case 'type':
      return { ...state, query: state.query + action.text, cursor: 0, message: undefined };
    case 'backspace':
      return { ...state, query: [...state.query].slice(0, -1).join(''), cursor: 0 };
    case 'clear-query':
      return { ...state, query: '', cursor: 0 };
    case 'move': {
      if (action.count === 0) return { ...state, cursor: 0 };
      const cursor = Math.min(action.count - 1, Math.max(0, state.cursor + action.delta));
      return { ...state, cursor, message: undefined };
    }
    case 'toggle-mark': {
      const marked = state.marked.includes(action.path) ? state.marked.filter((p) => p !== action.path) : [...state.marked, action.path];
      return { ...state, marked };
    }
    case 'open':
      return { ...state, view: action.view, scroll: 0, message: undefined };
    case 'scroll':
      return { ...state, scroll: Math.min(Math.max(0, action.max), Math.max(0, state.scroll + action.delta)) };
    case 'next-group': {
      if (state.view.name !== 'stats') return state;
      const by = GROUP_BY[(GROUP_BY.indexOf(state.view.by) + 1) % GROUP_BY.length] as GroupBy;
      return { ...state, view: { ...state.view, by }, scroll: 0 };
    }
    case 'message':
      return { ...state, message: { level: action.level, text: action.text } };
    case 'deleted':
      return {
        ...state,
        view: { name: 'list' },
        marked: state.marked.filter((p) => p !== action.path),
        cursor: Math.max(0, Math.min(state.cursor, action.count - 1)),
        message: { level: 'info', text: 'Session deleted.' },
      };
  }
}
