import type { EngineEvent } from '../../core/engine/events.js';
import type { Speaker } from '../../core/domain.js';
import type { Strategy } from '../../core/strategies.js';
import type { ScrollAnchor } from '../layout/transcriptView.js';
import type { Notice, PickerPurpose } from './state.js';

/** Text deltas gathered over one batching window, in arrival order. */
export interface DeltaItem {
  index: number;
  text: string;
}

/** Actions that come from the user or from the screen rather than from the engine. */
export type UiAction =
  | { type: 'deltas'; items: DeltaItem[] }
  /** The conversation's events have run out: nothing more will arrive. */
  | { type: 'events-done' }
  | { type: 'toggle-help' }
  | { type: 'open-picker'; purpose: PickerPurpose }
  | { type: 'close-picker' }
  | { type: 'picker-cursor'; cursor: number }
  | { type: 'set-steer'; strategy: Strategy | undefined }
  | { type: 'pause-requested' }
  | { type: 'set-composer'; text: string; cursor?: number }
  | { type: 'human-submitted'; speaker: Speaker; text: string; strategy?: Strategy }
  | { type: 'toggle-trait-view' }
  | { type: 'toggle-trait-panel' }
  | { type: 'switch-trait-speaker' }
  | { type: 'confirm-stop'; open: boolean }
  | { type: 'local-notice'; notice: Notice }
  | { type: 'toggle-notices' }
  | { type: 'scroll'; to: ScrollAnchor }
  | { type: 'panel-scroll'; delta: number; max: number };

/** An engine notice with the time it reached the screen (retry countdowns count from it). */
export type ReceivedNotice = Extract<EngineEvent, { type: 'notice' }> & { receivedAt?: number };

export type ConversationAction = Exclude<EngineEvent, { type: 'notice' }> | ReceivedNotice | UiAction;
