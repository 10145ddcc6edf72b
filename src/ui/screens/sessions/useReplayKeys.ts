import { useInput } from 'ink';
import { useState } from 'react';
import type { Conversation } from '../../../core/engine/types.js';
import type { ReplayConversation, ReplayPace } from '../../../core/sessions/replay.js';
import type { ConversationControls } from '../../conversation/useConversation.js';
import type { ConversationState } from '../../conversation/state.js';

/** Keys 1, 2, 4 and 0 (instant) set the replay speed. */
export const SPEED_KEYS: Readonly<Record<string, ReplayPace>> = { '1': 1, '2': 2, '4': 4, '0': 'instant' };

export function isReplay(conversation: Conversation): conversation is ReplayConversation {
  return typeof (conversation as Partial<ReplayConversation>).setSpeed === 'function';
}

/**
 * The replay's own keys beside the conversation keys: n or → plays the next turn
 * (presenter mode), 1/2/4/0 change the speed. Returns the speed to show, or
 * undefined when this is not a replay.
 */
export function useReplayKeys(conversation: Conversation, state: ConversationState, controls: ConversationControls): ReplayPace | undefined {
  const replay = isReplay(conversation) ? conversation : undefined;
  const [speed, setSpeed] = useState<ReplayPace>(() => replay?.speed ?? 1);
  const { ui } = state;
  useInput(
    (input, key) => {
      if (!replay || ui.confirmStop || ui.picker || ui.help || state.status === 'ended') return;
      if (input === 'n' || key.rightArrow) {
        controls.step();
        return;
      }
      const next = SPEED_KEYS[input];
      if (next !== undefined) {
        replay.setSpeed(next);
        setSpeed(next);
      }
    },
    { isActive: replay !== undefined },
  );
  return replay ? speed : undefined;
}
