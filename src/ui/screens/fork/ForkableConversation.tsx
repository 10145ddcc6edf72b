import { useMemo, useRef, useState } from 'react';
import type { ChangeRequest, ForkSource } from '../../../app/fork.js';
import type { Persona } from '../../../core/personas/schema.js';
import { composerActive } from '../conversationKeys.js';
import { ConversationScreen, type ConversationOverlay, type ConversationScreenProps } from '../ConversationScreen.js';
import type { ConversationState } from '../../conversation/state.js';
import { pressed, keysOf } from '../../keys.js';
import { checkForkForm, forkFormReducer, initialForkForm, type ForkFormContext, type ForkFormState } from './forkForm.js';
import { ForkForm } from './ForkForm.js';

/** What the form asks the app to start: a fork, or the parent continuing beside it. */
export interface ForkOrder {
  how: 'fork' | 'compare';
  source: ForkSource;
  at: number;
  changes: ChangeRequest[];
  /** The personas the fork runs with (for its screen's first frame). */
  personas: { seeker: Persona; supporter: Persona };
  turnCap: number;
}

export interface ForkableConversationProps extends ConversationScreenProps {
  library: readonly Persona[];
  /** Starts it; resolves to why it could not start (shown in the form), or undefined once it has. */
  onFork(order: ForkOrder): Promise<string | undefined>;
}

/** The parent as a fork sees it: its header and finished turns, and its log. */
export function forkSourceOf(state: ConversationState): ForkSource | undefined {
  if (!state.header) return undefined;
  return { header: state.header, turns: state.turns, ...(state.sessionPath ? { path: state.sessionPath } : {}) };
}

/**
 * The conversation screen with `f`: a paused or ended conversation opens the
 * fork form over it (the conversation stays mounted: its events have one reader).
 */
export function ForkableConversation({ library, onFork, ...props }: ForkableConversationProps) {
  const [form, setForm] = useState<{ state: ForkFormState; context: ForkFormContext } | undefined>(undefined);
  const latest = useRef(form);
  latest.current = form;
  const set = (next: typeof form) => {
    latest.current = next;
    setForm(next);
  };

  const overlay = useMemo<ConversationOverlay>(
    () => ({
      key(press, state, controls) {
        const open = latest.current;
        const { input, key } = press;
        if (!open) {
          if (!pressed('conversation', 'fork', input, key) || composerActive(state) || state.ui.picker || state.ui.help || state.ui.confirmStop) return false;
          const source = forkSourceOf(state);
          if (!source || !(state.paused || state.status === 'ended')) {
            controls.dispatch({ type: 'local-notice', notice: { level: 'info', message: `Pause first (${keysOf('conversation', 'pause')}), then ${keysOf('conversation', 'fork')} forks from the last finished turn.` } });
            return true;
          }
          const context = { source, library };
          set({ state: initialForkForm(source), context });
          return true;
        }
        if (open.state.busy) return true;
        const reduce = forkFormReducer(open.context);
        const apply = (action: Parameters<typeof reduce>[1]) => set({ ...open, state: reduce(open.state, action) });
        const move = pressed('forkForm', 'move', input, key);
        if (move) return (apply({ type: 'move', delta: move === 'up' || move === 'shift+tab' ? -1 : 1 }), true);
        const adjust = pressed('forkForm', 'adjust', input, key);
        if (adjust) return (apply({ type: 'adjust', delta: adjust === 'left' ? -1 : 1 }), true);
        if (pressed('forkForm', 'cancel', input, key)) return (set(undefined), true);
        if (!pressed('forkForm', 'confirm', input, key)) return true;
        const { focus } = open.state;
        if (focus === 'cancel') return (set(undefined), true);
        if (focus !== 'fork' && focus !== 'compare') return (apply({ type: 'move', delta: 1 }), true);
        const { checked, request } = checkForkForm(open.state, open.context);
        if (!checked.ok) return true;
        const busy = { ...open, state: { ...open.state, busy: true, failure: undefined } };
        set(busy);
        const { plan } = checked;
        void onFork({ how: focus, source: open.context.source, at: request.at, changes: request.changes, personas: { seeker: plan.seeker, supporter: plan.supporter }, turnCap: plan.turnCap }).then((failure) => {
          // Started: the app moves on to the new screen. Refused: the form stays, saying why.
          if (failure !== undefined && latest.current) set({ ...latest.current, state: { ...latest.current.state, busy: false, failure } });
        });
        return true;
      },
      view: (_state, { width }) => {
        const open = latest.current;
        return open ? <ForkForm state={open.state} context={open.context} width={Math.min(width, 100)} /> : null;
      },
    }),
    [library, onFork],
  );

  return <ConversationScreen {...props} overlay={overlay} />;
}
