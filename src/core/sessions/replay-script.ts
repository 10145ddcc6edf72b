import type { EngineEvent, Turn } from '../engine/events.js';
import { cleanForDisplay } from '../sanitize.js';
import type { LoadedSession } from './reader.js';

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
 * Orders a session's records for playback. Turns come from the reader (a turn
 * re-recorded after a resume counts once); a meter reading follows the turn it
 * had read up to, a perceived label the turn it labels, and notices, errors and
 * resume marks the turn recorded before them. Errors become warnings: in a
 * replay they are history, not something to pause on.
 */
export function replayScript(session: LoadedSession): ReplayScript {
  const turns = session.turns.map(cleanTurn);
  const steps: ReplayStep[] = turns.map((turn) => ({ turn, after: [] }));
  const before: EngineEvent[] = [];
  const stepFor = (index: number | undefined): EngineEvent[] => {
    if (index === undefined) return before;
    // The last turn at or before `index` (a meter may name a turn a crash dropped).
    let found: ReplayStep | undefined;
    for (const s of steps) if (s.turn.index <= index) found = s;
    return found ? found.after : before;
  };
  let lastTurnIndex: number | undefined;
  for (const r of session.records) {
    switch (r.type) {
      case 'turn':
        lastTurnIndex = r.turn.index;
        break;
      case 'meter': {
        const { v: _v, at: _at, type: _type, ...reading } = r;
        stepFor(reading.afterTurn).push({ type: 'meter', ...reading });
        break;
      }
      case 'perceived': {
        const { v: _v, at: _at, type: _type, ...label } = r;
        stepFor(label.index).push({ type: 'perceived', ...label });
        break;
      }
      case 'notice':
        stepFor(lastTurnIndex).push({ type: 'notice', level: r.level, message: cleanForDisplay(r.message) });
        break;
      case 'error':
        stepFor(lastTurnIndex).push({ type: 'notice', level: 'warn', message: `recorded error: ${cleanForDisplay(r.message)}` });
        break;
      case 'refusal':
        stepFor(lastTurnIndex).push({ type: 'notice', level: 'warn', message: `recorded refusal: the ${r.role} model ${cleanForDisplay(r.reason)}` });
        break;
      case 'resumed':
        stepFor(lastTurnIndex).push({ type: 'notice', level: 'info', message: 'the session was resumed here' });
        break;
      default:
        break;
    }
  }
  return { before, steps };
}

/** Sessions are written neutralised, but an imported or hand-edited file may not be. */
function cleanTurn(turn: Turn): Turn {
  return { ...turn, text: cleanForDisplay(turn.text) };
}
