import { useInput } from 'ink';
import type { Mode } from '../../core/domain.js';
import type { ConversationControls } from '../conversation/useConversation.js';
import type { ConversationState } from '../conversation/state.js';
import { keysOf, pressed, type Command } from '../keys.js';

export type ExitTarget = 'home' | 'quit';

/**
 * The conversation screen's keys (a replay's too: the same screen, its own key
 * table). Pickers and the composer read their own keys; this handler stands aside
 * while they are in charge, except for Esc on the composer (stop, after asking).
 */
export function useConversationKeys(state: ConversationState, controls: ConversationControls, mode: Mode, onExit: (to: ExitTarget) => void, replay = false) {
  const { ui } = state;
  const composerActive = state.status === 'awaiting-human' && !ui.picker && !ui.help && !ui.confirmStop;

  useInput((input, key) => {
    const { dispatch } = controls;
    if (ui.confirmStop) {
      if (pressed('confirmStop', 'yes', input, key)) controls.stop();
      else if (pressed('confirmStop', 'no', input, key)) dispatch({ type: 'confirm-stop', open: false });
      return;
    }
    if (ui.picker) return;
    if (state.status === 'ended') {
      const leave = replay ? pressed('replayEnded', 'back', input, key) : pressed('ended', 'home', input, key);
      if (leave) onExit('home');
      else if (pressed(replay ? 'replayEnded' : 'ended', 'quit', input, key)) onExit('quit');
      return;
    }
    if (ui.help) {
      if (pressed('helpOverlay', 'close', input, key)) dispatch({ type: 'toggle-help' });
      return;
    }
    if (composerActive) {
      if (pressed('composer', 'stop', input, key)) dispatch({ type: 'confirm-stop', open: true });
      return;
    }
    // The commands a conversation and a replay share; each has its own entry in the key table.
    const context = replay ? 'replay' : 'conversation';
    const is = (command: Command<'conversation'> & Command<'replay'>) => pressed(context, command, input, key);
    if (is('pause')) {
      if (state.paused) controls.resume();
      else controls.pause();
    } else if (is('traitView')) dispatch({ type: 'toggle-trait-view' });
    else if (is('traitPanel')) dispatch({ type: 'toggle-trait-panel' });
    else if (is('traitSpeaker')) dispatch({ type: 'switch-trait-speaker' });
    else if (is('help')) dispatch({ type: 'toggle-help' });
    else if (is('stop')) dispatch({ type: 'confirm-stop', open: true });
    // A replay's own keys (next turn, speed) are read by useReplayKeys; a recording cannot be stepped or steered.
    else if (replay) return;
    else if (pressed('conversation', 'step', input, key)) {
      if (state.paused) controls.step();
      else notice(dispatch, `Pause first (${keysOf('conversation', 'pause')}), then ${keysOf('conversation', 'step')} steps one turn.`);
    } else if (pressed('conversation', 'steer', input, key)) {
      if (mode === 'join-supporter') notice(dispatch, 'You are the supporter: you pick each strategy yourself.');
      else dispatch({ type: 'open-picker', purpose: 'steer' });
    }
  });

  return { composerActive };
}

function notice(dispatch: ConversationControls['dispatch'], message: string): void {
  dispatch({ type: 'local-notice', notice: { level: 'info', message } });
}
