import type { Conversation } from '../../../core/engine/types.js';
import type { LoadedSession } from '../../../core/sessions/reader.js';
import { SessionRecorder } from '../../../core/sessions/recorder.js';
import { canResume, resumeOptions } from '../../../core/sessions/resume.js';
import type { AppDeps } from '../../appDeps.js';

export type ResumeStart = { ok: true; conversation: Conversation } | { ok: false; message: string };

/**
 * Continues an unfinished session from the browser: the recorded server and models
 * unless flags or the environment override them, one server check first so a dead
 * server is a message rather than a conversation stuck on retries.
 */
export async function startResume(deps: AppDeps, session: LoadedSession): Promise<ResumeStart> {
  const resumable = canResume(session);
  if (!resumable.ok) return resumable;
  const endpoints = deps.resumeEndpoints ? deps.resumeEndpoints(session.header) : deps.resolveEndpoints(deps.settings.get());
  if (endpoints.missingKey) return { ok: false, message: `The ${endpoints.preset} preset needs an API key (PERSONA_TALKS_API_KEY, or the settings screen).` };
  const check = await deps.checkServer(endpoints.supporter);
  if (!check.ok) return { ok: false, message: `${check.message} The session is unchanged.` };
  const conversation = deps.startConversation({ ...resumeOptions(session, SessionRecorder.continue(session.path)), clients: deps.createClients(endpoints), sessionsDir: null });
  return { ok: true, conversation };
}
