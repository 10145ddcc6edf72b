import type { LoadedSession } from '../core/sessions/reader.js';
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
