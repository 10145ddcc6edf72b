import type { Mode, EngineKind } from '../../core/domain.js';
import type { ReplayConversation, ReplayPace } from '../../core/sessions/replay.js';
import { applyComposerKey, insertText } from '../components/composerText.js';
import { pickerKey } from '../components/StrategyPicker.js';
import type { ConversationControls } from '../conversation/useConversation.js';
import type { ConversationState } from '../conversation/state.js';
import type { KeyPress } from '../input/keyPresses.js';
import { keysOf, pressed, type Command, type KeyName } from '../keys.js';
import type { StyledLine } from '../layout/styledLines.js';
import { scrolled, viewWindow } from '../layout/transcriptView.js';

export type ExitTarget = 'home' | 'quit';

/** What one frame drew, for keys that scroll it (read when the key comes, after the render). */
export interface DrawnLayout {
  /** The full-screen transcript's blocks and rows; none inline. */
  transcript?: { blocks: readonly (readonly StyledLine[])[]; height: number };
  /** How far the end summary or the help can scroll. */
  panelMaxScroll: number;
}

/** What the screen's key handler works with. */
export interface ConversationKeyContext {
  controls: ConversationControls;
  mode: Mode;
  engine: EngineKind | undefined;
  replay: ReplayConversation | undefined;
  drawn: { current: DrawnLayout };
  onExit(to: ExitTarget): void;
  /** Check the model with doctor (after it misbehaved); absent in a replay. */
  onCheckModel?: (() => void) | undefined;
  setReplaySpeed(speed: ReplayPace): void;
}

/** What each replay speed key sets. */
export const SPEED_KEYS: Readonly<Record<string, ReplayPace>> = { '1': 1, '2': 2, '4': 4, '0': 'instant' };

/** The composer takes keys when it is the user's turn and nothing is over it. */
export function composerActive(state: ConversationState): boolean {
  const { ui } = state;
  return state.status === 'awaiting-human' && !state.sent && !ui.picker && !ui.help && !ui.confirmStop;
}

function notice(c: ConversationKeyContext, message: string): void {
  c.controls.dispatch({ type: 'local-notice', notice: { level: 'info', message } });
}

/** PgUp/PgDn, ↑↓, Home/End on the full-screen transcript; false when the key is none of them (or inline). */
function scrollTranscript(press: KeyPress, c: ConversationKeyContext, lineKeys: boolean): boolean {
  const drawn = c.drawn.current.transcript;
  if (!drawn) return false;
  const { input, key } = press;
  const page = pressed('transcript', 'page', input, key);
  const line = lineKeys ? pressed('transcript', 'line', input, key) : undefined;
  const ends = lineKeys ? pressed('transcript', 'ends', input, key) : undefined;
  if (!page && !line && !ends) return false;
  const state = c.controls.latest.current;
  const view = viewWindow(drawn.blocks, drawn.height, state.ui.scroll);
  const step = Math.max(1, drawn.height - 2);
  const move: { delta: number } | { to: 'start' | 'end' } = ends
    ? { to: ends === 'home' ? 'start' : 'end' }
    : { delta: page ? (page === 'pageup' ? -step : step) : line === 'up' ? -1 : 1 };
  c.controls.dispatch({ type: 'scroll', to: scrolled(drawn.blocks, drawn.height, view, move) });
  return true;
}

function scrollPanel(which: KeyName | undefined, c: ConversationKeyContext): void {
  if (!which) return;
  const max = c.drawn.current.panelMaxScroll;
  const delta = which === 'up' ? -1 : which === 'down' ? 1 : which === 'pageup' ? -5 : 5;
  c.controls.dispatch({ type: 'panel-scroll', delta, max });
}

function composerKey(press: KeyPress, state: ConversationState, c: ConversationKeyContext): void {
  const { input, key } = press;
  const { controls } = c;
  if (pressed('composer', 'stop', input, key)) return controls.dispatch({ type: 'confirm-stop', open: true });
  if (state.ui.composer === '' && pressed('composer', 'help', input, key)) return controls.dispatch({ type: 'toggle-help' });
  if (scrollTranscript(press, c, false)) return;
  // Enter with more keys behind it in the same read is a paste without bracketed-paste: a new line, not "send".
  const edit = pressed('composer', 'send', input, key) && press.more
    ? applyComposerKey(state.ui.composer, state.ui.composerCursor, '\n', { ...key, return: false })
    : applyComposerKey(state.ui.composer, state.ui.composerCursor, input, key);
  if (edit.kind === 'submit') {
    const text = state.ui.composer.trim();
    if (state.awaiting?.speaker === 'supporter') controls.dispatch({ type: 'open-picker', purpose: 'human-strategy' });
    else controls.submitHuman('seeker', text);
  } else if (edit.kind === 'change') {
    controls.dispatch({ type: 'set-composer', text: edit.value, cursor: edit.cursor });
    if (edit.dropped > 0) controls.dispatch({ type: 'local-notice', notice: { level: 'warn', message: `Message capped: ${edit.dropped} characters left out.` } });
  } else if (edit.kind === 'move') {
    controls.dispatch({ type: 'set-composer', text: state.ui.composer, cursor: edit.cursor });
  }
}

/**
 * The conversation screen's one key handler (a replay's too: the same screen,
 * its own keys). It reads the state after every earlier key of the same burst
 * (`controls.latest`), so "s 3" steers and "n n" steps twice, and decides which
 * part a key is for: the stop question, the picker, the end summary, the help,
 * the composer, or the conversation.
 */
export function conversationKey(press: KeyPress, c: ConversationKeyContext): void {
  const { input, key } = press;
  const { controls } = c;
  const state = controls.latest.current;
  const { ui } = state;
  if (ui.confirmStop) {
    if (pressed('confirmStop', 'yes', input, key)) controls.stop();
    else if (pressed('confirmStop', 'no', input, key)) controls.dispatch({ type: 'confirm-stop', open: false });
    return;
  }
  if (ui.picker) {
    const picked = pickerKey(press, ui.pickerCursor);
    if (!picked) return;
    if (picked.kind === 'cancel') return controls.dispatch({ type: 'close-picker' });
    if (picked.kind === 'cursor') return controls.dispatch({ type: 'picker-cursor', cursor: picked.cursor });
    if (ui.picker === 'steer') return controls.steer(picked.strategy);
    return controls.submitHuman('supporter', ui.composer.trim(), picked.strategy);
  }
  if (state.status === 'ended') {
    const leave = c.replay ? pressed('replayEnded', 'back', input, key) : pressed('ended', 'home', input, key);
    if (leave) return c.onExit('home');
    if (scrollTranscript(press, c, false)) return;
    return scrollPanel(pressed(c.replay ? 'replayEnded' : 'ended', 'scroll', input, key), c);
  }
  if (ui.help) {
    if (pressed('helpOverlay', 'close', input, key)) return controls.dispatch({ type: 'toggle-help' });
    return scrollPanel(pressed('helpOverlay', 'scroll', input, key), c);
  }
  if (composerActive(state)) return composerKey(press, state, c);
  if (scrollTranscript(press, c, true)) return;

  // The commands a conversation and a replay share; each has its own entry in the key table.
  const context = c.replay ? 'replay' : 'conversation';
  const is = (command: Command<'conversation'> & Command<'replay'>) => pressed(context, command, input, key);
  if (is('pause')) {
    if (state.paused) controls.resume();
    else controls.pause();
  } else if (is('traitView')) controls.dispatch({ type: 'toggle-trait-view' });
  else if (is('traitPanel')) controls.dispatch({ type: 'toggle-trait-panel' });
  else if (is('traitSpeaker')) controls.dispatch({ type: 'switch-trait-speaker' });
  else if (is('help')) controls.dispatch({ type: 'toggle-help' });
  else if (is('stop')) controls.dispatch({ type: 'confirm-stop', open: true });
  else if (is('notices')) {
    if (state.notices.length > 0 || state.error) controls.dispatch({ type: 'toggle-notices' });
  } else if (c.replay) replayKey(press, c.replay, c);
  else if (pressed('conversation', 'step', input, key)) {
    if (c.engine === 'script') notice(c, 'The script engine writes the whole dialogue at once: there is no turn to step.');
    else if (state.paused) controls.step();
    else notice(c, `Pause first (${keysOf('conversation', 'pause')}), then ${keysOf('conversation', 'step')} steps one turn.`);
  } else if (pressed('conversation', 'steer', input, key)) {
    if (c.mode === 'join-supporter') notice(c, 'You are the supporter: you pick each strategy yourself.');
    else if (c.engine === 'script') notice(c, 'The script engine writes the whole dialogue at once: there is no next turn to steer.');
    else controls.dispatch({ type: 'open-picker', purpose: 'steer' });
  } else if (pressed('conversation', 'check', input, key) && state.error && c.onCheckModel) c.onCheckModel();
}

/** n or → plays the next turn (presenter mode); 1/2/4/0 change the speed. */
function replayKey({ input, key }: KeyPress, replay: ReplayConversation, c: ConversationKeyContext): void {
  if (pressed('replay', 'next', input, key)) return c.controls.step();
  const speedKey = pressed('replay', 'speed', input, key);
  const next = speedKey === undefined ? undefined : SPEED_KEYS[speedKey];
  if (next === undefined) return;
  replay.setSpeed(next);
  c.setReplaySpeed(next);
}

/** A bracketed paste goes into the composer at its cursor, whole, newlines and all. */
export function conversationPaste(text: string, c: ConversationKeyContext): void {
  const state = c.controls.latest.current;
  if (!composerActive(state)) return;
  const result = insertText(state.ui.composer, text, undefined, state.ui.composerCursor);
  c.controls.dispatch({ type: 'set-composer', text: result.value, cursor: result.cursor });
  if (result.dropped > 0) c.controls.dispatch({ type: 'local-notice', notice: { level: 'warn', message: `Message capped: ${result.dropped} characters left out.` } });
}
