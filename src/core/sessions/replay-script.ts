import type { SessionHeader, Turn } from '../domain.js';
import type { EngineEvent } from '../engine/events.js';
import { cleanForDisplay } from '../sanitize.js';
import type { LoadedSession } from './reader.js';
import { eventFor } from './records.js';

/** One recorded turn and the events that belong right after it (meter readings, labels, notices). */
export interface ReplayStep {
  turn: Turn;
  after: EngineEvent[];
}

export interface ReplayScript {
  /** Notices recorded before the first turn. */
  before: EngineEvent[];
  steps: ReplayStep[];
}

/**
 * Orders a session's records for playback. Each record becomes the event it
 * stands for (eventFor); turns come from the reader (a turn re-recorded after a
 * resume counts once); a meter reading follows the turn it had read up to, a
 * perceived label the turn it labels, and notices, errors, refusals and restarts
 * the turn recorded before them, and so do the agents' summaries. In a replay an error or a refusal is history, not
 * something to pause on, so it plays as a warning; a restart plays as a note.
 */
export function replayScript(session: LoadedSession): ReplayScript {
  const turns = session.turns.map(cleanTurn);
  const steps: ReplayStep[] = turns.map((turn) => ({ turn, after: [] }));
  const provenance = importNotice(session.header);
  const before: EngineEvent[] = provenance ? [provenance] : [];
  const stepFor = (index: number | undefined): EngineEvent[] => {
    if (index === undefined) return before;
    // The last turn at or before `index` (a meter may name a turn a crash dropped).
    let found: ReplayStep | undefined;
    for (const s of steps) if (s.turn.index <= index) found = s;
    return found ? found.after : before;
  };
  let lastTurnIndex: number | undefined;
  for (const record of session.records.slice(1)) {
    const event = eventFor(record, session.header);
    switch (event.type) {
      case 'turn-finished':
        lastTurnIndex = event.turn.index;
        break;
      case 'meter':
        stepFor(event.afterTurn).push(event);
        break;
      case 'perceived':
        stepFor(event.index).push(event);
        break;
      case 'notice':
        // Logs imported before the header said where they came from recorded it as a notice.
        if (event.message === provenance?.message) break;
        stepFor(lastTurnIndex).push({ ...event, message: cleanForDisplay(event.message) });
        break;
      case 'error':
        stepFor(lastTurnIndex).push({ type: 'notice', level: 'warn', message: `recorded error: ${cleanForDisplay(event.message)}` });
        break;
      case 'refusal':
        stepFor(lastTurnIndex).push({ type: 'notice', level: 'warn', message: `recorded refusal: the ${event.role} model ${cleanForDisplay(event.reason)}` });
        break;
      case 'session-started':
        stepFor(lastTurnIndex).push({ type: 'notice', level: 'info', message: 'the session was resumed here' });
        break;
      case 'summary':
        // Where it was written, like a notice: a quiet marker in the transcript.
        stepFor(lastTurnIndex).push({ ...event, text: cleanForDisplay(event.text) });
        break;
      default:
        break;
    }
  }
  return { before, steps };
}

/** Where an imported session came from, as the note that opens its replay. */
function importNotice(header: SessionHeader): Extract<EngineEvent, { type: 'notice' }> | undefined {
  const source = header.source;
  if (!source) return undefined;
  return { type: 'notice', level: 'info', message: cleanForDisplay(`imported from ESConv file ${source.file}, entry ${source.index}`) };
}

/** Sessions are written neutralised, but an imported or hand-edited file may not be. */
function cleanTurn(turn: Turn): Turn {
  return { ...turn, text: cleanForDisplay(turn.text) };
}
