import type { MeasurementResult, QualityResult, SessionHeader } from '../domain.js';
import type { EngineEvent } from '../engine/events.js';
import type { SessionRecord } from './format.js';

/**
 * The one mapping between what happens to a session and what its log keeps, in
 * both directions: recordFor (events → records, used by the recorder) and eventFor
 * (records → events, used by replay). A test runs every kind of event through both.
 */

/** What happens to a session: the engine's events, and a measurement or a quality rating added later. */
export type SessionEvent = EngineEvent | ({ type: 'measurement' } & MeasurementResult) | ({ type: 'quality' } & QualityResult);

type Body<R> = R extends { v: number; at: string } ? Omit<R, 'v' | 'at'> : never;
/** A record before the recorder stamps it with the format version and the time. */
export type SessionEntry = Body<Exclude<SessionRecord, SessionHeader>>;

/** A line to write, and whether it must be on disk (fsync) before the event is shown. */
export interface PlannedRecord {
  line: SessionHeader | SessionEntry;
  sync: boolean;
}

/**
 * What the log keeps of an event; undefined when it keeps nothing. It keeps what
 * a replay, a resume or a report needs: where a conversation started (the
 * header), started again (a resumed mark) and ended, every finished turn (never
 * the streamed pieces), warnings and errors, refusals, meter readings, perceived
 * labels, the agents' running summaries, measurements and quality ratings. Info notices and a model's thinking are progress
 * ("script: 400 characters written…", "thinking… 3 s"): shown, not kept. Turns,
 * errors, refusals, resumes, ends, measurements and ratings are synced, so what the screen
 * shows as finished is on disk first.
 */
export function recordFor(event: SessionEvent, log: { empty: boolean }): PlannedRecord | undefined {
  switch (event.type) {
    case 'session-started':
      return log.empty ? { line: event.header, sync: false } : { line: { type: 'resumed' }, sync: true };
    case 'turn-finished':
      return { line: { type: 'turn', turn: event.turn }, sync: true };
    case 'notice':
      return event.level === 'warn' ? { line: { type: 'notice', level: event.level, message: event.message }, sync: false } : undefined;
    case 'error':
      return { line: { type: 'error', message: event.message }, sync: true };
    case 'ended':
      return { line: { type: 'ended', reason: event.reason, turns: event.turns }, sync: true };
    // These events are their records, field for field.
    case 'meter':
    case 'perceived':
      return { line: event, sync: false };
    // A refusal pauses the conversation, and a resume reads it to know why: on disk first.
    case 'refusal':
    case 'measurement':
    case 'quality':
      return { line: event, sync: true };
    // A resume restores the agents' memory from it: on disk before they are asked with it.
    case 'summary':
      return { line: event, sync: true };
    // How long a model reasoned is progress on screen; what it reasoned is kept on the
    // finished turn (Turn.reasoning, when keepReasoning is on), never as its own record.
    case 'thinking':
    case 'turn-started':
    case 'strategy':
    case 'text-delta':
    case 'turn-reset':
    case 'awaiting-human':
    case 'usage':
    case 'paused':
    case 'resumed':
      return undefined;
    default: {
      const unmapped: never = event;
      throw new Error(`no record mapping for ${JSON.stringify(unmapped)}`);
    }
  }
}

/**
 * The event a record stands for: the inverse of recordFor. A 'resumed' mark is
 * the conversation starting again, so it comes back as a session-started with the
 * log's header. What the log never kept does not come back: an error's
 * recoverability (a recorded error is history, not something to retry).
 */
export function eventFor(record: SessionRecord, header: SessionHeader, path?: string): SessionEvent {
  const at = path === undefined ? {} : { path };
  switch (record.type) {
    case 'header':
      return { type: 'session-started', header: record, ...at };
    case 'resumed':
      return { type: 'session-started', header, ...at };
    case 'turn':
      return { type: 'turn-finished', turn: record.turn };
    case 'notice':
      return { type: 'notice', level: record.level, message: record.message };
    case 'error':
      return { type: 'error', message: record.message, recoverable: false };
    case 'ended':
      return { type: 'ended', reason: record.reason, turns: record.turns };
    case 'meter':
    case 'perceived':
    case 'refusal':
    case 'measurement':
    case 'summary':
    case 'quality': {
      const { v: _v, at: _at, ...event } = record;
      return event;
    }
  }
}
