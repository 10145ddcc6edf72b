import { parseArgs } from 'node:util';
import { openApplication } from '../app/application.js';
import { sessionsDir } from '../app/paths.js';
import { isPresetId, PRESET_IDS, type PresetId } from '../app/providers.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { resolveSessionArg, SessionLookupError } from '../core/sessions/list.js';
import { readSession, SessionReadError } from '../core/sessions/reader.js';
import { printConversation, refuse } from './headless.js';
import type { CommandIo } from './personas.js';

export const RESUME_USAGE = `Usage: persona-talks resume SESSION [options]

Continues an unfinished session (stopped by a crash or a kill) from its last finished
turn, with the same personas, condition, engine and models, appending to its log.
SESSION is a file path, a session id, or a unique prefix of one.

  --json                 print NDJSON events instead of text
  --sessions DIR         where to look up SESSION ids (default ./sessions or $PERSONA_TALKS_SESSIONS)
  --base-url URL         use this server instead of the recorded one (or $PERSONA_TALKS_BASE_URL)
  --model NAME           use this model for every role instead of the recorded ones
  --preset NAME          ${PRESET_IDS.join(', ')}`;

export interface ResumeOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with the conversation's stop function so a signal handler can end it cleanly. */
  onStart?: (stop: () => void) => void;
}

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`${message}\n`);
  return code;
}

/** Exit codes: 0 the session ran to its end, 1 it cannot be resumed or failed, 2 bad usage, 130 stopped. */
export async function runResumeCommand(args: string[], io: CommandIo, opts: ResumeOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        sessions: { type: 'string' },
        'base-url': { type: 'string' },
        model: { type: 'string' },
        preset: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail(io, `${(error as Error).message}\n\n${RESUME_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${RESUME_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) return fail(io, `resume needs exactly one session.\n\n${RESUME_USAGE}`, 2);
  if (values.preset !== undefined && !isPresetId(values.preset)) return fail(io, `--preset must be one of ${PRESET_IDS.join(', ')} (got "${cleanForDisplay(values.preset)}")`, 2);

  let session;
  try {
    session = readSession(resolveSessionArg(positionals[0] as string, sessionsDir(values.sessions, env)));
  } catch (error) {
    if (error instanceof SessionLookupError || error instanceof SessionReadError) return fail(io, `persona-talks resume: ${cleanForDisplay(error.message)}`);
    throw error;
  }
  const { header } = session;
  const opened = openApplication({ env, flags: { baseUrl: values['base-url'], model: values.model, preset: values.preset as PresetId | undefined }, sessionsDir: null });
  if (!opened.ok) return fail(io, opened.message);
  const started = await opened.app.resumeConversation(session, { headless: true });
  if (!started.ok) return refuse(io, started, 'persona-talks resume');
  const { conversation } = started;
  opts.onStart?.(() => conversation.stop());
  if (!values.json) {
    const last = session.turns.at(-1);
    io.stdout.write(`Resuming ${cleanForDisplay(header.id)} after ${session.turns.length} turn${session.turns.length === 1 ? '' : 's'}${last ? ` (last: the ${last.speaker})` : ''}.\n`);
  }
  const { seeker, supporter } = header.personas;
  return printConversation(conversation, io, { json: values.json, names: { seeker: cleanForDisplay(seeker.name), supporter: cleanForDisplay(supporter.name) } });
}
