import type { ExperimentEvent } from '../../app/experiment-events.js';

/**
 * What the experiment progress view shows, folded from the run's events by one
 * pure reducer (tested without Ink). Rates count this run only: conversations
 * finished by an earlier run took no time now.
 */

export interface CellProgress {
  cell: string;
  total: number;
  done: number;
  failed: number;
  running: number;
}

export interface ProgressState {
  experimentId: string;
  dir: string;
  total: number;
  concurrency: number;
  /** Finished and measured, this run's and earlier runs'. */
  done: number;
  failed: number;
  stopped: number;
  /** Conversation id → its cell and turns so far. */
  running: ReadonlyMap<string, { cell: string; turns: number; tokens: number }>;
  cells: CellProgress[];
  /** This run's turns, tokens and finished conversations, since `startedAt`. */
  turns: number;
  tokens: number;
  doneThisRun: number;
  startedAt: number;
  now: number;
  /** The last few errors, newest last. */
  errors: string[];
  notices: string[];
  ended: boolean;
  stopping: boolean;
}

export type ProgressAction = { type: 'event'; event: ExperimentEvent; at: number } | { type: 'tick'; at: number } | { type: 'stopping' };

export const KEPT_ERRORS = 3;

export function initialProgress(at: number): ProgressState {
  return {
    experimentId: '',
    dir: '',
    total: 0,
    concurrency: 0,
    done: 0,
    failed: 0,
    stopped: 0,
    running: new Map(),
    cells: [],
    turns: 0,
    tokens: 0,
    doneThisRun: 0,
    startedAt: at,
    now: at,
    errors: [],
    notices: [],
    ended: false,
    stopping: false,
  };
}

function updateCell(cells: CellProgress[], cell: string, change: Partial<Record<'done' | 'failed' | 'running', number>>): CellProgress[] {
  return cells.map((c) => (c.cell === cell ? { ...c, done: c.done + (change.done ?? 0), failed: c.failed + (change.failed ?? 0), running: Math.max(0, c.running + (change.running ?? 0)) } : c));
}

export function progressReducer(state: ProgressState, action: ProgressAction): ProgressState {
  if (action.type === 'tick') return { ...state, now: action.at };
  if (action.type === 'stopping') return { ...state, stopping: true };
  const e = action.event;
  const now = action.at;
  switch (e.type) {
    case 'experiment-started':
      return {
        ...state,
        experimentId: e.experimentId,
        dir: e.dir,
        total: e.total,
        concurrency: e.concurrency,
        done: e.already.finished,
        failed: e.already.failed,
        cells: e.cells.map((c) => ({ ...c, failed: 0, running: 0 })),
        startedAt: now,
        now,
      };
    case 'conversation-started': {
      const running = new Map(state.running);
      running.set(e.id, { cell: e.cell, turns: 0, tokens: 0 });
      return { ...state, running, cells: updateCell(state.cells, e.cell, { running: 1 }), now };
    }
    case 'turn': {
      const running = new Map(state.running);
      const current = running.get(e.id);
      // A turn event carries the conversation's tokens so far: the view adds what is new.
      running.set(e.id, { cell: e.cell, turns: (current?.turns ?? 0) + 1, tokens: e.tokens });
      return { ...state, running, turns: state.turns + 1, tokens: state.tokens + Math.max(0, e.tokens - (current?.tokens ?? 0)), now };
    }
    case 'conversation-finished':
    case 'conversation-failed':
    case 'conversation-stopped': {
      const running = new Map(state.running);
      const counted = running.get(e.id)?.tokens ?? 0;
      running.delete(e.id);
      const finished = e.type === 'conversation-finished';
      const failed = e.type === 'conversation-failed';
      return {
        ...state,
        running,
        done: state.done + (finished ? 1 : 0),
        doneThisRun: state.doneThisRun + (finished ? 1 : 0),
        failed: state.failed + (failed ? 1 : 0),
        stopped: state.stopped + (e.type === 'conversation-stopped' ? 1 : 0),
        tokens: finished ? state.tokens + Math.max(0, e.tokens - counted) : state.tokens,
        cells: updateCell(state.cells, e.cell, { running: -1, ...(finished ? { done: 1 } : failed ? { failed: 1 } : {}) }),
        errors: failed ? [...state.errors, `${e.id}: ${e.error}`].slice(-KEPT_ERRORS) : state.errors,
        now,
      };
    }
    case 'notice':
      return { ...state, notices: [...state.notices, e.message].slice(-KEPT_ERRORS), now };
    case 'experiment-ended':
      return { ...state, ended: true, done: e.finished, failed: e.failed, stopped: e.stopped, tokens: e.tokens, turns: e.turns, now };
  }
}

export interface Rates {
  turnsPerSecond: number;
  tokensPerSecond: number;
  /** Seconds until every remaining conversation is done at this run's pace; undefined before one has finished. */
  etaSeconds: number | undefined;
}

export function rates(state: ProgressState): Rates {
  const seconds = Math.max(0.001, (state.now - state.startedAt) / 1000);
  const remaining = Math.max(0, state.total - state.done - state.failed);
  return {
    turnsPerSecond: state.turns / seconds,
    tokensPerSecond: state.tokens / seconds,
    etaSeconds: state.doneThisRun > 0 ? (remaining * seconds) / state.doneThisRun : undefined,
  };
}
