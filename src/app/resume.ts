import type { ConversationSummary, EndReason } from '../core/domain.js';
import type { ConversationOptions } from '../core/engine/types.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import type { SessionRecorder } from '../core/sessions/recorder.js';
import { latestSummary } from '../core/sessions/summaries.js';
import { finishedMessage } from './messages.js';

export type Resumable = { ok: true } | { ok: false; message: string };

/**
 * A conversation is finished only when it ended by itself: the seeker said goodbye or
 * the turn cap was reached. One the user stopped (Ctrl+C, SIGTERM, q in the app), one a
 * failure stopped (retries used up, a model refusing its persona) and one that never
 * wrote its 'ended' record (a crash, a kill, a power cut) all have unfinished business:
 * resuming continues them and writes a 'resumed' record. Imported sessions and script
 * sessions with turns are what they are; neither can be continued.
 */
export function resumable(session: LoadedSession): Resumable {
  if (session.header.source) return { ok: false, message: `${session.header.id} was imported from ${session.header.source.kind}; imported sessions cannot be resumed.` };
  if (session.header.engine === 'script' && session.turns.length > 0) {
    // A script is one model call; a new call would write a different dialogue, not continue this one.
    return { ok: false, message: `${session.header.id} was written by the script engine in one call; it cannot be continued. Start a new conversation instead.` };
  }
  if (session.ended && endedNaturally(session.ended.reason)) {
    return { ok: false, message: finishedMessage(session.header.id, session.ended.reason, session.ended.turns) };
  }
  const gap = session.turns.findIndex((turn, i) => turn.index !== i);
  if (gap >= 0) {
    // A turn record that could not be read: continuing would number the next turn after a
    // hole, or write over a turn that is there. The session can still be replayed and exported.
    const missing = session.turns[gap - 1] ? session.turns[gap - 1]!.index + 1 : 0;
    const why = session.problems.find((p) => /^turn\b/.test(p.reason)) ?? session.problems[0];
    return {
      ok: false,
      message:
        `${session.header.id} cannot be resumed: turn ${missing + 1} is missing from its log` +
        `${why ? ` (line ${why.line}: ${why.reason})` : ''}, so continuing it would renumber the conversation. Replay or export it instead.`,
    };
  }
  return { ok: true };
}

/** Only a goodbye or the turn cap finishes a conversation; a stop or a failure leaves it to be continued. */
export function endedNaturally(reason: EndReason): boolean {
  return reason === 'turn-cap' || reason === 'seeker-closed';
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
