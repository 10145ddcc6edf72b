import { openApplication } from '../app/application.js';
import { sessionsDir } from '../app/paths.js';
import { findPersona, loadLibrary, personasFor } from '../core/personas/library.js';
import { canPlay } from '../core/personas/schema.js';
import { endpointFlags, printConversation, refuse } from './headless.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';

/** The flags a run takes; the terminal app takes those that choose a conversation, so one command line works in both. */
export const RUN_FLAGS = [
  'seeker',
  'supporter',
  'turns',
  'engine',
  'condition',
  'seed',
  'temperature',
  'judge-cadence',
  'no-classifier',
  'json',
  'sessions',
  'personas',
  'base-url',
  'model',
  'preset',
  'request-timeout',
  'model-file',
  'window',
] as const;

export const RUN_USAGE = usage('Usage: persona-talks run --seeker ID --supporter ID [options]', RUN_FLAGS);

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  bundledDir?: string;
  /** Called with the conversation's stop function so a signal handler can end it cleanly. */
  onStart?: (stop: () => void) => void;
}

/** Exit codes: 0 it ran to its end, 1 it could not start or a turn failed for good, 2 bad usage, 130 stopped. */
export async function runRunCommand(args: string[], io: CommandIo, opts: RunOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = readFlags(io, 'run', RUN_USAGE, args, RUN_FLAGS, { positionals: false });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.seeker || !values.supporter) return misuse(io, 'run', RUN_USAGE, 'both --seeker and --supporter are needed.');

  const library = await loadLibrary({ bundledDir: opts.bundledDir, ...(values.personas ? { userDir: values.personas } : {}) });
  const pick = (id: string, side: 'seeker' | 'supporter') => {
    const found = findPersona(library.personas, id);
    if (found && canPlay(found.persona, side)) return found.persona;
    const choices = personasFor(library.personas, side).map((p) => p.persona.id).join(', ');
    const why = found ? `"${id}" cannot play the ${side}` : `No persona with id "${id}"`;
    io.stderr.write(`${why}. ${side === 'seeker' ? 'Seekers' : 'Supporters'} available: ${choices}.\nSee them with \`persona-talks personas list --role ${side}\`.\n`);
    return undefined;
  };
  const seeker = pick(values.seeker, 'seeker');
  const supporter = pick(values.supporter, 'supporter');
  if (!seeker || !supporter) return 1;

  const opened = openApplication({ env, flags: endpointFlags(values), sessionsDir: sessionsDir(values.sessions, env), requestTimeoutSeconds: values['request-timeout'] });
  if (!opened.ok) return fail(io, opened.message);
  const { app } = opened;
  try {
    const started = await app.startConversation({
      seeker,
      supporter,
      condition: values.condition ?? 'aware',
      engine: values.engine ?? 'agents',
      mode: 'watch',
      ...(values.turns !== undefined ? { turnCap: values.turns } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values.temperature !== undefined ? { temperature: values.temperature } : {}),
      ...(values['judge-cadence'] !== undefined ? { judgeCadence: values['judge-cadence'] } : {}),
      ...(values['no-classifier'] ? { classifier: false } : {}),
      ...(values.window !== undefined ? { window: values.window } : {}),
    });
    if (!started.ok) return refuse(io, started);
    const { conversation } = started;
    opts.onStart?.(() => conversation.stop());
    return await printConversation(conversation, io, { json: values.json ?? false, names: { seeker: seeker.name, supporter: supporter.name } });
  } finally {
    // The local model, when one was loaded, is let go before the process ends.
    await app.close();
  }
}
