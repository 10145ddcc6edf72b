import { useInput } from 'ink';
import type { Mode } from '../../core/domain.js';
import type { ConversationControls } from '../conversation/useConversation.js';
import type { ConversationState } from '../conversation/state.js';

export type ExitTarget = 'home' | 'quit';

/**
 * The conversation screen's keys. Pickers and the composer read their own keys;
 * this handler stands aside while they are in charge, except for Esc on the
 * composer (stop, after asking).
 */
export function useConversationKeys(state: ConversationState, controls: ConversationControls, mode: Mode, onExit: (to: ExitTarget) => void, replay = false) {
  const { ui } = state;
  const composerActive = state.status === 'awaiting-human' && !ui.picker && !ui.help && !ui.confirmStop;

  useInput((input, key) => {
    const { dispatch } = controls;
    if (ui.confirmStop) {
      if (input === 'y' || key.return) controls.stop();
      else if (input === 'n' || key.escape) dispatch({ type: 'confirm-stop', open: false });
      return;
    }
    if (ui.picker) return;
    if (state.status === 'ended') {
      if (key.return) onExit('home');
      else if (input === 'q' || key.escape) onExit('quit');
      return;
    }
    if (ui.help) {
      if (input === '?' || key.escape || input === 'q') dispatch({ type: 'toggle-help' });
      return;
    }
    if (composerActive) {
      if (key.escape) dispatch({ type: 'confirm-stop', open: true });
      return;
    }
    switch (input) {
      case ' ':
      case 'p':
        if (state.paused) controls.resume();
        else controls.pause();
        return;
      case 'n':
        if (replay) return; // the replay's own keys handle it (sessions/useReplayKeys.ts)
        if (state.paused) controls.step();
        else dispatch({ type: 'local-notice', notice: { level: 'info', message: 'Pause first (space), then n steps one turn.' } });
        return;
      case 's':
        if (replay) return; // a recording cannot be steered
        if (mode === 'join-supporter') {
          dispatch({ type: 'local-notice', notice: { level: 'info', message: 'You are the supporter: you pick each strategy yourself.' } });
        } else dispatch({ type: 'open-picker', purpose: 'steer' });
        return;
      case 't':
        dispatch({ type: 'toggle-trait-view' });
        return;
      case 'm':
        dispatch({ type: 'toggle-trait-panel' });
        return;
      case 'w':
        dispatch({ type: 'switch-trait-speaker' });
        return;
      case '?':
        dispatch({ type: 'toggle-help' });
        return;
      case 'q':
        dispatch({ type: 'confirm-stop', open: true });
        return;
    }
    if (key.escape) dispatch({ type: 'confirm-stop', open: true });
  });

  return { composerActive };
}
