import type { ConversationSummary, EndReason, MeasurementResult, MeterReading, PerceivedLabel, QualityResult, Refusal, SessionHeader, Turn } from '../domain.js';

// The domain words a record carries, so code that reads session logs needs this one import.
export type { Condition, EndpointRecord, EngineKind, ExtractedCard, MeasurementResult, Mode, QualityResult, SessionHeader } from '../domain.js';

/** Every session log is `<session id>.jsonl`. */
export const SESSION_EXTENSION = '.jsonl';

/** Bump when a record changes shape; readers refuse versions newer than they know. */
export const SESSION_FORMAT_VERSION = 1;

/** One line of a session log. The names are the file format: old logs must keep loading. */
export type SessionRecord =
  | SessionHeader
  | { type: 'turn'; v: number; at: string; turn: Turn }
  | { type: 'notice'; v: number; at: string; level: 'info' | 'warn'; message: string }
  | { type: 'error'; v: number; at: string; message: string }
  /** The conversation started again on this log (resumed after a crash or a kill). */
  | { type: 'resumed'; v: number; at: string }
  | { type: 'ended'; v: number; at: string; reason: EndReason; turns: number }
  /** A live trait-judge estimate. */
  | ({ type: 'meter'; v: number; at: string } & MeterReading)
  /** A perceived-strategy label for a supporter turn. */
  | ({ type: 'perceived'; v: number; at: string } & PerceivedLabel)
  /** A measurement by the measurement pipeline; may be appended after 'ended'. */
  | ({ type: 'measurement'; v: number; at: string } & MeasurementResult)
  /** A model declined its persona on an AI turn; the refused words are not a turn. */
  | ({ type: 'refusal'; v: number; at: string } & Refusal)
  /** The agents' running summary of the turns before their window (the latest one is current). */
  | ({ type: 'summary'; v: number; at: string } & ConversationSummary)
  /** A dialogue-quality rating of the finished conversation; appended after 'ended'. */
  | ({ type: 'quality'; v: number; at: string } & QualityResult);
