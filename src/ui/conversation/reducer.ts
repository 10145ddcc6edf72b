import { crisisBannerFor, type CrisisBannerKind } from '../../core/safety.js';
import { applyReading } from '../../core/traits/meter.js';
import type { ConversationAction, DeltaItem, ReceivedNotice } from './actions.js';
import { refusalNotice } from './noticeText.js';
import { MAX_NOTICES, type ConversationState, type Notice, type RunStatus } from './state.js';

/** One place decides the headline status, from the flags the events set. */
function statusOf(state: ConversationState): RunStatus {
  if (state.ended) return 'ended';
  if (state.awaiting) return 'awaiting-human';
  if (state.paused) return 'paused';
  if (!state.header && state.turns.length === 0 && !state.live) return 'starting';
  return 'running';
}

function withNotice(state: ConversationState, notice: Notice): readonly Notice[] {
  return [...state.notices, { ...notice, turnsAtArrival: state.turns.length }].slice(-MAX_NOTICES);
}

/** How an engine notice is kept: one about the run stays, a retry is a fault, info is progress, any other warning a note. */
function fromEngine(action: ReceivedNotice): Notice {
  if (action.retryInMs !== undefined) {
    const countdown = action.retryInMs > 0 && action.receivedAt !== undefined ? { retryAt: action.receivedAt + action.retryInMs } : {};
    return { level: action.level, message: action.message, kind: 'fault', ...countdown };
  }
  if (action.about === 'run') return { level: action.level, message: action.message, kind: 'run' };
  return { level: action.level, message: action.message, kind: action.level === 'info' ? 'progress' : 'note' };
}

/**
 * A finished turn clears what was only about getting it: retries, faults,
 * progress and refusals that were asked again. A note about a turn stays until
 * the turn after it, so there is time to read it; one about the run stays.
 */
function afterTurn(notices: readonly Notice[], turnsNow: number): readonly Notice[] {
  const kept = notices.filter((n) => n.kind === 'run' || ((n.kind ?? 'note') === 'note' && (n.turnsAtArrival ?? 0) >= turnsNow - 1));
  return kept.length === notices.length ? notices : kept;
}

/** The help banner outranks the trainee's guidance; once up, a banner stays. */
function strongerCrisis(current: CrisisBannerKind | undefined, next: CrisisBannerKind | undefined): CrisisBannerKind | undefined {
  if (current === 'seeker-help' || next === undefined) return current;
  return next;
}

function appendDeltas(state: ConversationState, items: readonly DeltaItem[]): ConversationState {
  const live = state.live;
  if (!live) return state;
  let text = live.text;
  for (const item of items) if (item.index === live.index) text += item.text;
  return text === live.text ? state : { ...state, live: { ...live, text } };
}

function reduceEvent(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'session-started':
      return { ...state, header: action.header, mode: action.header.mode, sessionPath: action.path ?? state.sessionPath, turnCap: action.header.turnCap };
    case 'turn-started':
      return {
        ...state,
        live: { index: action.index, speaker: action.speaker, by: action.by, text: '' },
        error: undefined,
      };
    case 'strategy': {
      if (state.sent?.index === action.index) {
        // A human supporter's turn: the classifier (or their pick) has named it.
        return { ...state, sent: { ...state.sent, classifying: false, strategy: action.strategy, labelSource: action.labelSource } };
      }
      const live = state.live?.index === action.index
        ? { ...state.live, strategy: action.strategy, labelSource: action.labelSource }
        : { index: action.index, speaker: 'supporter' as const, by: 'ai' as const, text: '', strategy: action.strategy, labelSource: action.labelSource };
      // A supporter turn has declared its strategy: any steer was consumed by it.
      return { ...state, live, steer: live.by === 'ai' ? undefined : state.steer };
    }
    case 'text-delta':
      return appendDeltas(state, [action]);
    case 'deltas':
      return appendDeltas(state, action.items);
    case 'thinking': {
      if (state.live?.index !== action.index) return state;
      const { thinkingMs: _was, ...live } = state.live;
      return { ...state, live: action.done ? live : { ...live, thinkingMs: action.elapsedMs } };
    }
    case 'turn-reset':
      if (state.live?.index !== action.index) return state;
      return {
        ...state,
        live: { ...state.live, text: '' },
        notices: withNotice(state, { level: 'warn', message: `Turn ${action.index + 1} restarted: ${action.reason}`, kind: 'fault' }),
      };
    case 'turn-finished': {
      const { turn } = action;
      const turns = [...state.turns, turn];
      return {
        ...state,
        turns,
        live: state.live?.index === turn.index ? undefined : state.live,
        sent: state.sent?.index === turn.index ? undefined : state.sent,
        awaiting: state.awaiting?.index === turn.index ? undefined : state.awaiting,
        lastLatencyMs: turn.latencyMs ?? state.lastLatencyMs,
        crisis: strongerCrisis(state.crisis, crisisBannerFor(state.mode, turn)),
        notices: afterTurn(state.notices, turns.length),
      };
    }
    case 'awaiting-human':
      return { ...state, awaiting: { index: action.index, speaker: action.speaker }, live: undefined };
    case 'usage': {
      const prev = state.usage[action.role];
      const next = {
        promptTokens: prev.promptTokens + action.usage.promptTokens,
        completionTokens: prev.completionTokens + action.usage.completionTokens,
      };
      return { ...state, usage: { ...state.usage, [action.role]: next } };
    }
    case 'notice':
      return { ...state, notices: withNotice(state, fromEngine(action)) };
    case 'refusal':
      return { ...state, notices: withNotice(state, refusalNotice(action)) };
    case 'local-notice':
      return { ...state, notices: withNotice(state, action.notice) };
    case 'toggle-notices':
      return { ...state, ui: { ...state.ui, noticesOpen: !state.ui.noticesOpen } };
    case 'error':
      // The engine holds after an error it cannot get past; resume() retries.
      return { ...state, error: { message: action.message, recoverable: action.recoverable }, paused: true, pauseRequested: false };
    case 'events-done':
      return { ...state, settled: true };
    case 'paused':
      return { ...state, paused: true, pauseRequested: false };
    case 'resumed':
      return { ...state, paused: false, pauseRequested: false, error: undefined };
    case 'ended':
      return {
        ...state,
        ended: { reason: action.reason, turns: action.turns },
        live: undefined,
        sent: undefined,
        awaiting: undefined,
        pauseRequested: false,
        ui: { ...state.ui, picker: null, confirmStop: false, composer: '', composerCursor: 0, help: false, panelScroll: 0 },
      };
    case 'pause-requested':
      return state.paused ? state : { ...state, pauseRequested: true };
    case 'set-steer':
      return { ...state, steer: action.strategy, ui: { ...state.ui, picker: null } };
    case 'human-submitted': {
      const index = state.awaiting?.index ?? state.turns.length;
      const classifying = action.speaker === 'supporter' && action.strategy === undefined;
      const crisis = strongerCrisis(state.crisis, crisisBannerFor(state.mode, { speaker: action.speaker, by: 'human', text: action.text }));
      return {
        ...state,
        crisis,
        // Until the engine finishes the turn, nothing more can be typed: it shows as sent.
        sent: { index, speaker: action.speaker, text: action.text, classifying },
        awaiting: undefined,
        ui: { ...state.ui, composer: '', composerCursor: 0, picker: null },
      };
    }
    case 'meter': {
      // Folded, not replaced: the panel draws each dimension's trajectory from the history.
      const prev = state.measured[action.speaker];
      const next = applyReading(prev, action);
      // A reading older than what is folded (it arrived late) changes nothing.
      return next === prev ? state : { ...state, measured: { ...state.measured, [action.speaker]: next } };
    }
    case 'perceived': {
      const { type: _type, ...label } = action;
      return { ...state, perceived: { ...state.perceived, [action.index]: label } };
    }
    case 'summary':
      // The agents' running summary of the turns before their window: for them, not the transcript (it is recorded).
      return state;
    case 'toggle-help':
      return { ...state, ui: { ...state.ui, help: !state.ui.help, panelScroll: 0 } };
    case 'open-picker':
      return { ...state, ui: { ...state.ui, picker: action.purpose, pickerCursor: 0, help: false } };
    case 'close-picker':
      return { ...state, ui: { ...state.ui, picker: null } };
    case 'picker-cursor':
      return { ...state, ui: { ...state.ui, pickerCursor: action.cursor } };
    case 'set-composer':
      return { ...state, ui: { ...state.ui, composer: action.text, composerCursor: action.cursor ?? action.text.length } };
    case 'toggle-trait-view':
      return { ...state, ui: { ...state.ui, traitView: state.ui.traitView === 'hexaco' ? 'csi' : 'hexaco' } };
    case 'toggle-trait-panel':
      return { ...state, ui: { ...state.ui, traitPanel: !state.ui.traitPanel } };
    case 'switch-trait-speaker':
      return { ...state, ui: { ...state.ui, traitSpeaker: state.ui.traitSpeaker === 'seeker' ? 'supporter' : 'seeker' } };
    case 'confirm-stop':
      return { ...state, ui: { ...state.ui, confirmStop: action.open && !state.ended, help: false } };
    case 'scroll':
      return state.ui.scroll === action.to ? state : { ...state, ui: { ...state.ui, scroll: action.to } };
    case 'panel-scroll': {
      const panelScroll = Math.min(Math.max(0, state.ui.panelScroll + action.delta), Math.max(0, action.max));
      return panelScroll === state.ui.panelScroll ? state : { ...state, ui: { ...state.ui, panelScroll } };
    }
  }
}

/**
 * The one owner of conversation-screen state. Engine events and UI actions both
 * come through here, so the screen is a function of this state alone.
 */
export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  const next = reduceEvent(state, action);
  if (next === state) return state;
  const status = statusOf(next);
  return status === next.status ? next : { ...next, status };
}
