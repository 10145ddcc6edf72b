import { useInput } from 'ink';
import { useState } from 'react';
import type { Conversation } from '../../../core/engine/types.js';
import type { ReplayConversation, ReplayPace } from '../../../core/sessions/replay.js';
import type { ConversationControls } from '../../conversation/useConversation.js';
import type { ConversationState } from '../../conversation/state.js';
import { pressed } from '../../keys.js';

/** What each speed key (the key table's replay speed keys, 1 2 4 0) sets. */
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
      if (pressed('replay', 'next', input, key)) {
        controls.step();
        return;
      }
      const speedKey = pressed('replay', 'speed', input, key);
      const next = speedKey === undefined ? undefined : SPEED_KEYS[speedKey];
      if (next !== undefined) {
        replay.setSpeed(next);
        setSpeed(next);
      }
    },
    { isActive: replay !== undefined },
  );
  return replay ? speed : undefined;
}
