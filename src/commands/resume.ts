import { openApplication } from '../app/application.js';
import { sessionsDir } from '../app/paths.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { endpointFlags, printConversation, refuse } from './headless.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';
import { readSessionArg } from './session-args.js';

const RESUME_FLAGS = ['json', 'sessions', 'base-url', 'model', 'preset', 'model-file', 'request-timeout'] as const;

export const RESUME_USAGE = usage(
  `Usage: persona-talks resume SESSION [options]

Continues a session that did not end by itself (stopped with Ctrl+C or SIGTERM, stopped by
a failure or a model refusing its persona, crashed or killed) from its last finished turn,
with the same personas, condition, engine and models, appending to its log. A session that
ended naturally (the seeker said goodbye, or the turn cap) is finished; imported and script
sessions cannot be continued. --base-url, --model and --preset send it to another server or model; a session
recorded on the local model runs on the same model file again (--model-file names another).
SESSION is a file path, a session id, or a unique prefix of one.`,
  RESUME_FLAGS,
);

export interface ResumeOptions {
  env?: NodeJS.ProcessEnv;
  /** Called with the conversation's stop function so a signal handler can end it cleanly. */
  onStart?: (stop: () => void) => void;
}

/** Exit codes: 0 the session ran to its end, 1 it cannot be resumed or failed, 2 bad usage, 130 stopped. */
export async function runResumeCommand(args: string[], io: CommandIo, opts: ResumeOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = readFlags(io, 'resume', RESUME_USAGE, args, RESUME_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'resume', RESUME_USAGE, 'name exactly one session.');
  const session = readSessionArg(positionals[0]!, sessionsDir(values.sessions, env), (t) => io.stderr.write(`${t}\n`), 'resume');
  if (typeof session === 'number') return session;

  const opened = openApplication({ env, flags: endpointFlags(values), sessionsDir: null, requestTimeoutSeconds: values['request-timeout'] });
  if (!opened.ok) return fail(io, opened.message);
  const { app } = opened;
  try {
    const started = await app.resumeConversation(session, { headless: true });
    if (!started.ok) return refuse(io, started, 'persona-talks resume');
    const { conversation } = started;
    opts.onStart?.(() => conversation.stop());
    const { header } = session;
    if (!values.json) {
      const last = session.turns.at(-1);
      io.stdout.write(`Resuming ${cleanForDisplay(header.id)} after ${session.turns.length} turn${session.turns.length === 1 ? '' : 's'}${last ? ` (last: the ${last.speaker})` : ''}.\n`);
    }
    const { seeker, supporter } = header.personas;
    return await printConversation(conversation, io, { json: values.json ?? false, names: { seeker: cleanForDisplay(seeker.name), supporter: cleanForDisplay(supporter.name) } });
  } finally {
    await app.close();
  }
}
