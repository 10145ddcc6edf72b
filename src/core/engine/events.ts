import type { Strategy } from '../strategies.js';
import type { Usage } from '../llm/types.js';
import type { SessionHeader } from '../sessions/format.js';

export type Speaker = 'seeker' | 'supporter';

/**
 * How a supporter turn's label was obtained: declared by the model in structured
 * output, parsed from free text, chosen by a human, steered by the user, or a
 * fallback when the model gave none we could read (then "Others").
 */
export type LabelSource = 'declared' | 'parsed' | 'human' | 'steered' | 'fallback' | 'imported';

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
}

export type EndReason = 'turn-cap' | 'seeker-closed' | 'stopped' | 'error';

export type EngineEvent =
  | { type: 'session-started'; header: SessionHeader; path?: string }
  | { type: 'turn-started'; index: number; speaker: Speaker; by: 'ai' | 'human' }
  /** Emitted before the first text delta of a supporter turn. */
  | { type: 'strategy'; index: number; strategy: Strategy; labelSource: LabelSource }
  | { type: 'text-delta'; index: number; speaker: Speaker; text: string }
  /** The partial text of turn `index` is void (a retry after a cut stream starts it over). */
  | { type: 'turn-reset'; index: number; reason: string }
  | { type: 'turn-finished'; turn: Turn }
  | { type: 'awaiting-human'; index: number; speaker: Speaker }
  | { type: 'usage'; role: 'seeker' | 'supporter' | 'judge'; usage: Usage }
  | { type: 'notice'; level: 'info' | 'warn'; message: string }
  /** A failure the conversation cannot get past by itself: it is paused; resume() tries again. */
  | { type: 'error'; message: string; recoverable: boolean }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'ended'; reason: EndReason; turns: number };
