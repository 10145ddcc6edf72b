import { appendFileSync, closeSync, openSync, readSync, statSync } from 'node:fs';
import type { EndReason } from '../engine/events.js';
import type { ConversationOptions } from '../engine/types.js';
import type { LoadedSession } from './reader.js';

export type Resumable = { ok: true } | { ok: false; message: string };

const ENDED_TEXT: Record<EndReason, string> = {
  'turn-cap': 'it reached its turn cap',
  'seeker-closed': 'the seeker said goodbye',
  stopped: 'it was stopped',
  error: 'an error ended it',
};

/**
 * Only a session that never wrote its 'ended' record (stopped by a crash, a kill or
 * a power cut) continues, or one that stopped on a model refusing its persona.
 * One that ended otherwise — however it ended — is complete as recorded;
 * imported sessions always are.
 */
export function canResume(session: LoadedSession): Resumable {
  if (session.header.source) return { ok: false, message: `${session.header.id} was imported from ${session.header.source.kind}; imported sessions cannot be resumed.` };
  if (session.header.engine === 'script' && session.turns.length > 0) {
    // A script is one model call; a new call would write a different dialogue, not continue this one.
    return { ok: false, message: `${session.header.id} was written by the script engine in one call; it cannot be continued. Start a new conversation instead.` };
  }
  if (session.ended && !(session.ended.reason === 'error' && endedOnRefusal(session))) {
    return { ok: false, message: `${session.header.id} is finished (${ENDED_TEXT[session.ended.reason]}, after ${session.ended.turns} turns); there is nothing to resume. Replay it instead.` };
  }
  return { ok: true };
}

/**
 * A conversation stopped because a model refused its persona is unfinished, not
 * complete: resuming asks again (perhaps with another model, via --model).
 */
function endedOnRefusal(session: LoadedSession): boolean {
  let lastTurn = -1;
  let lastPausedRefusal = -1;
  session.records.forEach((r, i) => {
    if (r.type === 'turn') lastTurn = i;
    if (r.type === 'refusal' && r.outcome === 'turn-paused') lastPausedRefusal = i;
  });
  return lastPausedRefusal > lastTurn;
}

/**
 * A crash mid-write can leave half a line at the end of the log. Appending after it
 * would glue the next record onto the broken one, so finish that line first: the
 * reader then skips the half line alone.
 */
export function endLogWithNewline(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return;
  const fd = openSync(path, 'r');
  const last = Buffer.alloc(1);
  try {
    readSync(fd, last, 0, 1, size - 1);
  } finally {
    closeSync(fd);
  }
  if (last[0] !== 0x0a) appendFileSync(path, '\n');
}

/** The engine options that continue `session` as recorded: same personas, condition, engine, mode and cap. */
export function resumeOptions(session: LoadedSession): Omit<ConversationOptions, 'clients' | 'sessionsDir'> {
  const { header } = session;
  return {
    seeker: header.personas.seeker,
    supporter: header.personas.supporter,
    condition: header.condition,
    engine: header.engine,
    mode: header.mode,
    turnCap: header.turnCap,
    ...(header.seed !== undefined ? { seed: header.seed } : {}),
    ...(header.temperature !== undefined ? { temperature: header.temperature } : {}),
    ...(header.judgeCadence !== undefined ? { judgeCadence: header.judgeCadence } : {}),
    ...(header.perceive !== undefined ? { perceive: header.perceive } : {}),
    resume: { header, turns: session.turns, path: session.path },
    appVersion: header.appVersion,
  };
}
