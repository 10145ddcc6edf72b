import type { EndReason, LabelSource, Mode, PerceivedLabel, SessionHeader, Speaker, Turn, Usage } from '../../core/domain.js';
import type { CrisisBannerKind } from '../../core/safety.js';
import type { Strategy } from '../../core/strategies.js';
import type { SpeakerMeter } from '../../core/traits/meter.js';
import type { ScrollAnchor } from '../layout/transcriptView.js';

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
  /** The model has been thinking this long before its words (shown as "thinking… Ns", never its reasoning). */
  thinkingMs?: number;
}

/** A message the user sent that the engine has not finished yet (a human supporter's turn waits for the classifier). */
export interface SentTurn {
  index: number;
  speaker: Speaker;
  text: string;
  /** The classifier is naming the strategy ("let the classifier name it"). */
  classifying: boolean;
  strategy?: Strategy;
  labelSource?: LabelSource;
}

export type RunStatus = 'starting' | 'running' | 'paused' | 'awaiting-human' | 'ended';

/**
 * A line under the transcript. `fault`: a retry or a failure on the way (cleared
 * once a turn succeeds); `progress`: what the engine is doing (cleared too);
 * `note`: something about a turn worth keeping a little longer; `refusal`: a
 * model declined its persona; `run`: about the whole conversation (such as the
 * judge's cadence chosen for it), kept while it lasts.
 */
export interface Notice {
  level: 'info' | 'warn';
  message: string;
  kind?: 'fault' | 'progress' | 'note' | 'refusal' | 'run';
  /** When the request is asked again (ms since the epoch), for the countdown. */
  retryAt?: number;
  /** Turns finished when it arrived: a note stays until the turn after. */
  turnsAtArrival?: number;
}

export type PickerPurpose = 'steer' | 'human-strategy';
export type TraitView = 'hexaco' | 'csi';

/** Purely presentational state: overlays, toggles, the composer's text. */
export interface UiState {
  help: boolean;
  picker: PickerPurpose | null;
  /** The picker's highlighted row (0–8). */
  pickerCursor: number;
  composer: string;
  /** The composer's cursor (a UTF-16 index at a code-point boundary). */
  composerCursor: number;
  traitView: TraitView;
  traitPanel: boolean;
  /** At narrow widths the trait panel shows one speaker at a time. */
  traitSpeaker: Speaker;
  confirmStop: boolean;
  /** Full-screen transcript: following the newest line, or scrolled back to an anchor. */
  scroll: ScrollAnchor;
  /** The notices shown in full (`!`), not one truncated line each. */
  noticesOpen: boolean;
  /** First row shown of a panel taller than its room (the end summary, the help). */
  panelScroll: number;
}

export interface ConversationState {
  /** Append-only; a new array only when a turn finishes, so a memoized <Static> re-renders only then. */
  turns: readonly Turn[];
  live: LiveTurn | undefined;
  /** What the user just sent, until the engine finishes it as a turn. */
  sent: SentTurn | undefined;
  status: RunStatus;
  /** How the user takes part; the crisis banners depend on it. */
  mode: Mode;
  paused: boolean;
  /** pause() asks the engine to hold after the current turn; shown until it does. */
  pauseRequested: boolean;
  awaiting: { index: number; speaker: Speaker } | undefined;
  ended: { reason: EndReason; turns: number } | undefined;
  /**
   * The engine has sent its last event. After 'ended' a finished conversation may still
   * deliver the judge's last labels and readings; until then the summary says so.
   */
  settled: boolean;
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
  /**
   * Crisis language was seen: help for a person typing as the seeker, or guidance
   * for a trainee supporter when the AI seeker's words show it. It stays up.
   */
  crisis: CrisisBannerKind | undefined;
  ui: UiState;
}

export const MAX_NOTICES = 3;

const zeroUsage = (): Usage => ({ promptTokens: 0, completionTokens: 0 });

export function initialConversationState(init: { turnCap?: number; mode?: Mode } = {}): ConversationState {
  return {
    turns: [],
    live: undefined,
    sent: undefined,
    status: 'starting',
    mode: init.mode ?? 'watch',
    paused: false,
    pauseRequested: false,
    awaiting: undefined,
    ended: undefined,
    settled: false,
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
    crisis: undefined,
    ui: {
      help: false,
      picker: null,
      pickerCursor: 0,
      composer: '',
      composerCursor: 0,
      traitView: 'hexaco',
      traitPanel: true,
      traitSpeaker: 'seeker',
      confirmStop: false,
      scroll: 'follow',
      noticesOpen: false,
      panelScroll: 0,
    },
  };
}
