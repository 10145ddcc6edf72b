import { useMemo, useRef, useState } from 'react';
import type { ForkSource } from '../../../app/fork.js';
import type { Persona } from '../../../core/personas/schema.js';
import { composerActive } from '../conversationKeys.js';
import { ConversationScreen, type ConversationOverlay, type ConversationScreenProps } from '../ConversationScreen.js';
import type { ConversationState } from '../../conversation/state.js';
import { pressed, keysOf } from '../../keys.js';
import { initialForkForm, type ForkFormContext, type ForkFormState } from './forkForm.js';
import { forkFormKey, type ForkOrder } from './forkFormKeys.js';

export type { ForkOrder } from './forkFormKeys.js';
import { ForkForm } from './ForkForm.js';

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
        forkFormKey(press, open, set, () => latest.current, onFork);
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
