import type { Strategy } from '../strategies.js';
import type { Usage } from '../llm/types.js';
import type { SessionHeader } from '../sessions/format.js';
import type { CsiKey, HexacoKey } from '../traits/dimensions.js';

export type Speaker = 'seeker' | 'supporter';

/**
 * How a supporter turn's label was obtained: declared by the model in structured
 * output, parsed from free text, chosen by a human, steered by the user, a
 * fallback when the model gave none we could read (then "Others"), or perceived:
 * a human supporter skipped picking and the strategy classifier labelled the turn.
 */
export type LabelSource = 'declared' | 'parsed' | 'human' | 'steered' | 'fallback' | 'imported' | 'perceived';

export interface Turn {
  index: number;
  speaker: Speaker;
  text: string;
  /** Only supporter turns carry a strategy. */
  strategy?: Strategy;
  labelSource?: LabelSource;
  by: 'ai' | 'human';
  startedAt: string;
  finishedAt: string;
  latencyMs?: number;
  usage?: Usage;
  /** The seeker said goodbye with this turn. */
  closes?: boolean;
  /** The model's reasoning before its words (never part of `text`); saved only when the keepReasoning setting is on. */
  reasoning?: string;
}

/**
 * An AI turn whose reply declined the persona or answered from outside it. The
 * first is asked again with a reminder ('asked-again'); a second ends the turn
 * and pauses the conversation ('turn-paused'). Never part of the dialogue.
 */
export interface Refusal {
  index: number;
  role: Speaker;
  /** The model that refused (never the endpoint's key). */
  model: string;
  /** The reply, neutralised and shortened. */
  text: string;
  kind: 'refusal' | 'out-of-persona';
  /** What gave it away, in a few words. */
  reason: string;
  attempt: number;
  outcome: 'asked-again' | 'turn-paused';
}

/** One dimension as the trait judge estimated it: a 1–5 score and its 0–1 confidence. */
export interface JudgedScore {
  score: number;
  confidence: number;
}

/**
 * The trait judge's estimate of what one speaker's turns so far express. A
 * dimension the judge could not see any evidence for is absent, never a made-up number.
 */
export interface MeterReading {
  speaker: Speaker;
  /** Index of the last turn the judge had read. */
  afterTurn: number;
  hexaco: Partial<Record<HexacoKey, JudgedScore>>;
  csi: Partial<Record<CsiKey, JudgedScore>>;
}

/** An independent classifier's label for supporter turn `index`, beside the declared one. */
export interface PerceivedLabel {
  index: number;
  strategy: Strategy;
  declared?: Strategy;
  /** perceived === declared (false when there is no declared label). */
  agrees: boolean;
}

export type EndReason = 'turn-cap' | 'seeker-closed' | 'stopped' | 'error';

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
  | { type: 'notice'; level: 'info' | 'warn'; message: string }
  /** A failure the conversation cannot get past by itself: it is paused; resume() tries again. */
  | { type: 'error'; message: string; recoverable: boolean }
  | { type: 'paused' }
  | { type: 'resumed' }
  /**
   * The conversation is over. When the judge is on, its last 'meter'/'perceived'
   * (and their 'usage'/'notice') events may still follow before the stream ends.
   */
  | { type: 'ended'; reason: EndReason; turns: number }
  /** The trait judge's latest estimate for one speaker (issue 4). */
  | ({ type: 'meter' } & MeterReading)
  /** The strategy classifier's label for a supporter turn (issue 4). */
  | ({ type: 'perceived' } & PerceivedLabel);
