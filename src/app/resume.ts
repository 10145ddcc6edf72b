import type { ConversationSummary } from '../core/domain.js';
import type { ConversationOptions } from '../core/engine/types.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import type { SessionRecorder } from '../core/sessions/recorder.js';
import { latestSummary } from '../core/sessions/summaries.js';
import { finishedMessage } from './messages.js';

export type Resumable = { ok: true } | { ok: false; message: string };

/**
 * Only a session that never wrote its 'ended' record (stopped by a crash, a kill or
 * a power cut) continues, or one that stopped on a model refusing its persona.
 * One that ended otherwise — however it ended — is complete as recorded;
 * imported sessions always are.
 */
export function resumable(session: LoadedSession, options: { stoppedToo?: boolean } = {}): Resumable {
  if (session.header.source) return { ok: false, message: `${session.header.id} was imported from ${session.header.source.kind}; imported sessions cannot be resumed.` };
  if (session.header.engine === 'script' && session.turns.length > 0) {
    // A script is one model call; a new call would write a different dialogue, not continue this one.
    return { ok: false, message: `${session.header.id} was written by the script engine in one call; it cannot be continued. Start a new conversation instead.` };
  }
  // An experiment picks up what Ctrl+C or an error ended; a single session ended that way is complete as recorded.
  const unfinished = options.stoppedToo && (session.ended?.reason === 'stopped' || session.ended?.reason === 'error');
  if (session.ended && !unfinished && !(session.ended.reason === 'error' && endedOnRefusal(session))) {
    return { ok: false, message: finishedMessage(session.header.id, session.ended.reason, session.ended.turns) };
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
 * The engine options that continue `session` as recorded: same personas,
 * condition, engine, mode and cap, recording into `recorder` (its log, opened
 * with SessionRecorder.continue).
 */
export function resumeOptions(session: LoadedSession, recorder?: SessionRecorder): Omit<ConversationOptions, 'clients' | 'sessionsDir'> {
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
    // The window it was recorded with (none in older logs), and the agents' summary as it stood.
    ...(header.window !== undefined ? { window: header.window } : {}),
    // An experiment's "without persona" seeker stays without its traits when it continues.
    ...(header.arm ? { seekerTraits: header.arm.seekerTraits } : {}),
    resume: { header, turns: session.turns, ...(recorder ? { recorder } : {}), ...summaryOf(session) },
    appVersion: header.appVersion,
  };
}

function summaryOf(session: LoadedSession): { summary?: ConversationSummary } {
  const summary = latestSummary(session);
  return summary ? { summary } : {};
}
