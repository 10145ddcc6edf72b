import type { EndReason, LabelSource, PerceivedLabel, SessionHeader, Speaker, Turn, Usage } from '../../core/domain.js';
import type { Strategy } from '../../core/strategies.js';
import type { SpeakerMeter } from '../../core/traits/meter.js';

/**
 * What the trait judge says each speaker's turns so far express, folded reading
 * by reading (smoothed value, confidence and the recent trajectory per
 * dimension; see core/traits/meter.ts). Replaced only on a 'meter' event, so the
 * memoized trait panel re-renders on readings, not on streamed tokens.
 */
export type MeasuredTraits = Readonly<Partial<Record<Speaker, SpeakerMeter>>>;

export interface LiveTurn {
  index: number;
  speaker: Speaker;
  by: 'ai' | 'human';
  strategy?: Strategy;
  labelSource?: LabelSource;
  text: string;
}

export type RunStatus = 'starting' | 'running' | 'paused' | 'awaiting-human' | 'ended';

export interface Notice {
  level: 'info' | 'warn';
  message: string;
}

export type PickerPurpose = 'steer' | 'human-strategy';
export type TraitView = 'hexaco' | 'csi';

/** Purely presentational state: overlays, toggles, the composer's text. */
export interface UiState {
  help: boolean;
  picker: PickerPurpose | null;
  composer: string;
  traitView: TraitView;
  traitPanel: boolean;
  /** At narrow widths the trait panel shows one speaker at a time. */
  traitSpeaker: Speaker;
  confirmStop: boolean;
}

export interface ConversationState {
  /** Append-only; a new array only when a turn finishes, so a memoized <Static> re-renders only then. */
  turns: readonly Turn[];
  live: LiveTurn | undefined;
  status: RunStatus;
  paused: boolean;
  /** pause() asks the engine to hold after the current turn; shown until it does. */
  pauseRequested: boolean;
  awaiting: { index: number; speaker: Speaker } | undefined;
  ended: { reason: EndReason; turns: number } | undefined;
  error: { message: string; recoverable: boolean } | undefined;
  header: SessionHeader | undefined;
  sessionPath: string | undefined;
  turnCap: number | undefined;
  usage: Record<'seeker' | 'supporter' | 'judge', Usage>;
  lastLatencyMs: number | undefined;
  /** The most recent few notices, oldest first. */
  notices: readonly Notice[];
  measured: MeasuredTraits;
  /** The classifier's label per supporter turn index, beside the declared one. */
  perceived: Readonly<Record<number, PerceivedLabel>>;
  /** Strategy asked for the next AI supporter turn; cleared once that turn declares it. */
  steer: Strategy | undefined;
  /** A human-typed seeker message showed crisis language: keep the help banner up. */
  crisis: boolean;
  ui: UiState;
}

export const MAX_NOTICES = 3;

const zeroUsage = (): Usage => ({ promptTokens: 0, completionTokens: 0 });

export function initialConversationState(init: { turnCap?: number } = {}): ConversationState {
  return {
    turns: [],
    live: undefined,
    status: 'starting',
    paused: false,
    pauseRequested: false,
    awaiting: undefined,
    ended: undefined,
    error: undefined,
    header: undefined,
    sessionPath: undefined,
    turnCap: init.turnCap,
    usage: { seeker: zeroUsage(), supporter: zeroUsage(), judge: zeroUsage() },
    lastLatencyMs: undefined,
    notices: [],
    measured: {},
    perceived: {},
    steer: undefined,
    crisis: false,
    ui: {
      help: false,
      picker: null,
      composer: '',
      traitView: 'hexaco',
      traitPanel: true,
      traitSpeaker: 'seeker',
      confirmStop: false,
    },
  };
}
