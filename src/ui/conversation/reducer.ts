import { showsCrisisLanguage } from '../../core/safety.js';
import { applyReading } from '../../core/traits/meter.js';
import type { ConversationAction, DeltaItem } from './actions.js';
import { MAX_NOTICES, type ConversationState, type Notice, type RunStatus } from './state.js';

/** One place decides the headline status, from the flags the events set. */
function statusOf(state: ConversationState): RunStatus {
  if (state.ended) return 'ended';
  if (state.awaiting) return 'awaiting-human';
  if (state.paused) return 'paused';
  if (!state.header && state.turns.length === 0 && !state.live) return 'starting';
  return 'running';
}

function withNotice(notices: readonly Notice[], notice: Notice): readonly Notice[] {
  return [...notices, notice].slice(-MAX_NOTICES);
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
      return { ...state, header: action.header, sessionPath: action.path ?? state.sessionPath, turnCap: action.header.turnCap };
    case 'turn-started':
      return {
        ...state,
        live: { index: action.index, speaker: action.speaker, by: action.by, text: '' },
        error: undefined,
      };
    case 'strategy': {
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
    case 'turn-reset':
      if (state.live?.index !== action.index) return state;
      return {
        ...state,
        live: { ...state.live, text: '' },
        notices: withNotice(state.notices, { level: 'warn', message: `Turn ${action.index + 1} restarted: ${action.reason}` }),
      };
    case 'turn-finished': {
      const { turn } = action;
      const crisis = state.crisis || (turn.by === 'human' && turn.speaker === 'seeker' && showsCrisisLanguage(turn.text));
      return {
        ...state,
        turns: [...state.turns, turn],
        live: state.live?.index === turn.index ? undefined : state.live,
        awaiting: state.awaiting?.index === turn.index ? undefined : state.awaiting,
        lastLatencyMs: turn.latencyMs ?? state.lastLatencyMs,
        crisis,
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
      return { ...state, notices: withNotice(state.notices, { level: action.level, message: action.message }) };
    case 'local-notice':
      return { ...state, notices: withNotice(state.notices, action.notice) };
    case 'error':
      // The engine holds after an error it cannot get past; resume() retries.
      return { ...state, error: { message: action.message, recoverable: action.recoverable }, paused: true, pauseRequested: false };
    case 'paused':
      return { ...state, paused: true, pauseRequested: false };
    case 'resumed':
      return { ...state, paused: false, pauseRequested: false, error: undefined };
    case 'ended':
      return {
        ...state,
        ended: { reason: action.reason, turns: action.turns },
        live: undefined,
        awaiting: undefined,
        pauseRequested: false,
        ui: { ...state.ui, picker: null, confirmStop: false, composer: '' },
      };
    case 'pause-requested':
      return state.paused ? state : { ...state, pauseRequested: true };
    case 'set-steer':
      return { ...state, steer: action.strategy, ui: { ...state.ui, picker: null } };
    case 'human-submitted': {
      const crisis = state.crisis || (action.speaker === 'seeker' && showsCrisisLanguage(action.text));
      return { ...state, crisis, ui: { ...state.ui, composer: '', picker: null } };
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
    case 'thinking':
    case 'refusal':
    case 'summary':
      // Not shown by the TUI yet: a refusal also arrives as the 'error' that pauses the turn.
      return state;
    case 'toggle-help':
      return { ...state, ui: { ...state.ui, help: !state.ui.help } };
    case 'open-picker':
      return { ...state, ui: { ...state.ui, picker: action.purpose, help: false } };
    case 'close-picker':
      return { ...state, ui: { ...state.ui, picker: null } };
    case 'set-composer':
      return { ...state, ui: { ...state.ui, composer: action.text } };
    case 'toggle-trait-view':
      return { ...state, ui: { ...state.ui, traitView: state.ui.traitView === 'hexaco' ? 'csi' : 'hexaco' } };
    case 'toggle-trait-panel':
      return { ...state, ui: { ...state.ui, traitPanel: !state.ui.traitPanel } };
    case 'switch-trait-speaker':
      return { ...state, ui: { ...state.ui, traitSpeaker: state.ui.traitSpeaker === 'seeker' ? 'supporter' : 'seeker' } };
    case 'confirm-stop':
      return { ...state, ui: { ...state.ui, confirmStop: action.open && !state.ended, help: false } };
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
