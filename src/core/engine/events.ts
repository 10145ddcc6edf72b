import type { Strategy } from '../strategies.js';
import type { ConversationSummary, EndReason, LabelSource, MeterReading, PerceivedLabel, Refusal, SessionHeader, Speaker, Turn, Usage } from '../domain.js';

// The domain words an event carries, so code that reads events needs this one import.
export type { ConversationSummary, EndReason, JudgedScore, LabelSource, MeterReading, PerceivedLabel, Refusal, Speaker, Turn } from '../domain.js';

export type EngineEvent =
  | { type: 'session-started'; header: SessionHeader; path?: string }
  | { type: 'turn-started'; index: number; speaker: Speaker; by: 'ai' | 'human' }
  /** Emitted before the first text delta of a supporter turn. */
  | { type: 'strategy'; index: number; strategy: Strategy; labelSource: LabelSource }
  | { type: 'text-delta'; index: number; speaker: Speaker; text: string }
  /**
   * The model is reasoning before turn `index`'s words: nothing of it is shown. Sent when
   * reasoning starts (elapsedMs 0), about once a second while it goes on, and with
   * `done: true` when it stops, so a front end can show "thinking… 3 s".
   */
  | { type: 'thinking'; index: number; speaker: Speaker; elapsedMs: number; done?: boolean }
  /** A model declined its persona on turn `index` (see Refusal). */
  | ({ type: 'refusal' } & Refusal)
  /** The partial text of turn `index` is void (a retry after a cut stream starts it over). */
  | { type: 'turn-reset'; index: number; speaker: Speaker; reason: string }
  | { type: 'turn-finished'; turn: Turn }
  | { type: 'awaiting-human'; index: number; speaker: Speaker }
  | { type: 'usage'; role: 'seeker' | 'supporter' | 'judge'; usage: Usage }
  /** `retryInMs`: the notice says a request is asked again after this long (0: at once); a front end may count it down and drop the notice once the turn succeeds. */
  | {
      type: 'notice';
      level: 'info' | 'warn';
      message: string;
      retryInMs?: number;
      /** 'run': about the whole conversation (what was decided for this run), not one step of it: a front end keeps it in view. */
      about?: 'run';
    }
  /** A failure the conversation cannot get past by itself: it is paused; resume() tries again. */
  | { type: 'error'; message: string; recoverable: boolean }
  | { type: 'paused' }
  | { type: 'resumed' }
  /**
   * The conversation is over. When the judge is on, its last 'meter'/'perceived'
   * (and their 'usage'/'notice') events may still follow before the stream ends.
   */
  | { type: 'ended'; reason: EndReason; turns: number }
  /** The trait judge's latest estimate for one speaker. */
  | ({ type: 'meter' } & MeterReading)
  /** The strategy classifier's label for a supporter turn. */
  | ({ type: 'perceived' } & PerceivedLabel)
  /**
   * From the next turn on, the agents read turns 0 … `throughTurn` as this summary
   * (they have left the window). Sent between turns; a quiet marker in a transcript.
   */
  | ({ type: 'summary' } & ConversationSummary);
