import type { LoadedSession } from '../core/sessions/reader.js';
import { replayComparison, type ComparisonReplay } from '../core/compare/replay-pair.js';
import type { LoadedComparison } from '../core/sessions/comparison-link.js';
import { replaySession, type ReplayConversation, type ReplayPace } from '../core/sessions/replay.js';

export { parseReplaySpeed, REPLAY_SPEEDS, speedLabel, type ReplayConversation, type ReplayPace } from '../core/sessions/replay.js';

/**
 * A recorded session played back through the same interface as a live
 * conversation. It needs no model server and no settings, so a broken settings
 * file or a dead server never stands between a user and a recording.
 */
export function replayConversation(session: LoadedSession, options: { speed: ReplayPace; startPaused?: boolean }): ReplayConversation {
  return replaySession(session, options);
}

export { loadComparison, resolveComparisonArg, ComparisonReadError, type ComparisonLink, type LoadedComparison } from '../core/sessions/comparison-link.js';
export type { ComparisonReplay } from '../core/compare/replay-pair.js';

/**
 * A saved comparison played back: its two sessions with one pace and one gate,
 * turn i of each side together. Like a single replay, it needs no server or settings.
 */
export function replayComparisonOf(comparison: LoadedComparison, options: { speed: ReplayPace; startPaused?: boolean }): ComparisonReplay {
  return replayComparison(comparison.sides, { ...options, sharedTurns: comparison.link.sharedTurns });
}
