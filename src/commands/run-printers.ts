import { END_REASON_TEXT } from '../app/messages.js';
import type { EngineEvent } from '../core/engine/events.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { chalkFor, paintWith, type Paint } from './colours.js';

export type Write = (text: string) => void;

/**
 * Readable streaming transcript for a terminal or a pipe: one paragraph per turn,
 * the supporter's strategy in brackets before its words, notices on stderr. In a
 * terminal (or with FORCE_COLOR) names and strategies have the app's colours.
 */
export function createTextPrinter(
  out: Write,
  err: Write,
  names: { seeker: string; supporter: string },
  paint: { out: Paint; err: Paint } = { out: paintWith(chalkFor('stdout')), err: paintWith(chalkFor('stderr')) },
) {
  let open = false;
  let wroteText = false;
  let wroteLabel = false;
  const header = (index: number, speaker: 'seeker' | 'supporter') => {
    out(`${open ? '\n' : ''}\n[${index + 1}] ${paint.out.speaker(speaker, names[speaker])} (${speaker})`);
    open = true;
    wroteText = false;
    wroteLabel = false;
  };
  return (e: EngineEvent): void => {
    switch (e.type) {
      case 'session-started':
        out(
          `${names.seeker} (seeker) talks with ${names.supporter} (supporter) · ${e.header.condition === 'aware' ? 'persona-aware' : 'blind'} · ` +
            `${e.header.engine} engine · up to ${e.header.turnCap} turns · ${e.header.models.supporter.model} @ ${e.header.models.supporter.baseURL}\n`,
        );
        if (e.path) out(`Saving to ${e.path}\n`);
        break;
      case 'turn-started':
        header(e.index, e.speaker);
        if (e.by === 'human') out(' — waiting for you');
        break;
      case 'strategy':
        out(` ${paint.out.strategy(e.strategy, `[${e.strategy}]`)}`);
        wroteLabel = true;
        break;
      case 'thinking':
        // Reasoning is never printed: a marker when it starts, its length when it stops.
        if (e.elapsedMs === 0 && !e.done) out(' · thinking…');
        else if (e.done) out(` ${(e.elapsedMs / 1000).toFixed(1)} s`);
        break;
      case 'refusal':
        err(
          `${open ? '\n' : ''}${paint.err.warning('refusal')}: the ${e.role} model (${cleanForDisplay(e.model)}) ${e.reason}` +
            `${e.outcome === 'asked-again' ? '; asking once more with a reminder' : ''}\n`,
        );
        open = false;
        break;
      case 'text-delta':
        if (!wroteText) out(': ');
        wroteText = true;
        out(cleanForDisplay(e.text));
        break;
      case 'turn-reset':
        if (wroteText || wroteLabel) {
          out(' …(interrupted; this turn starts over)');
          header(e.index, e.speaker);
        }
        break;
      case 'turn-finished':
        if (e.turn.closes) out(' (says goodbye)');
        break;
      case 'notice':
        err(`${open ? '\n' : ''}${e.level === 'warn' ? paint.err.warning('warning') : paint.err.muted('note')}: ${cleanForDisplay(e.message)}\n`);
        open = false;
        break;
      case 'error':
        err(`${open ? '\n' : ''}${paint.err.danger('error')}: ${cleanForDisplay(e.message)}\n`);
        open = false;
        break;
      case 'summary':
        // A quiet marker between turns: from here the agents read those turns as a summary (kept in the session and the NDJSON).
        out(`${open ? '\n' : ''}${paint.out.muted(`— turns 1–${e.throughTurn + 1} summarised for the agents (${e.text.length} characters) —`)}\n`);
        open = false;
        break;
      case 'ended':
        out(`${open ? '\n' : ''}\nEnded after ${e.turns} turns because ${END_REASON_TEXT[e.reason]}.\n`);
        open = false;
        break;
      default:
        break;
    }
  };
}

/** One JSON object per line, the engine's own events; text fields already neutralised by the engine. */
export function createNdjsonPrinter(out: Write) {
  return (e: EngineEvent): void => out(`${JSON.stringify(e)}\n`);
}
