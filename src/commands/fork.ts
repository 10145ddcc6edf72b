import { openApplication } from '../app/application.js';
import { checkFork, describeChanges, forkProblems, parseChange, parseModel, type ChangeRequest } from '../app/fork.js';
import { sessionsDir } from '../app/paths.js';
import { loadLibrary } from '../core/personas/library.js';
import type { Persona } from '../core/personas/schema.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { printConversation, refuse } from './headless.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';
import { readSessionArg } from './session-args.js';

export const FORK_FLAGS = ['at', 'supporter', 'seeker', 'set', 'condition', 'model', 'temperature', 'turns', 'json', 'sessions', 'personas', 'base-url', 'preset'] as const;

export const FORK_USAGE = usage(
  `Usage: persona-talks fork SESSION --at K [changes] [options]

Keeps turns 1..K of SESSION exactly as they are (copied, never asked for again),
changes what you name, and continues as a new session whose header records its
parent, the fork turn and every change. It runs on the parent's server and models
with the parent's seed, unless you change them. SESSION is a file path, a session id,
or a unique prefix of one.

Changes (at least one):
  --supporter ID / --seeker ID       another persona for that side
  --set PATH=VALUE                   one value: supporter.hexaco.A=1.5, seeker.csi.emotionality=2,
                                     supporter=ID, supporter.model=NAME, condition=blind, temperature=0.3
  --condition aware|blind  --temperature T
  --model NAME | ROLE=NAME           the model of every role, or of one (seeker, supporter, judge)`,
  FORK_FLAGS,
);

/** The change flags of `fork` and `compare --fork` as requests, or what is wrong with one. */
export function changeRequests(values: { seeker?: string; supporter?: string; condition?: 'aware' | 'blind'; temperature?: number; model?: string; set?: string[] }): ChangeRequest[] | { problem: string } {
  const requests: ChangeRequest[] = [];
  if (values.seeker !== undefined) requests.push({ kind: 'persona', role: 'seeker', id: values.seeker });
  if (values.supporter !== undefined) requests.push({ kind: 'persona', role: 'supporter', id: values.supporter });
  if (values.condition !== undefined) requests.push({ kind: 'condition', value: values.condition });
  if (values.temperature !== undefined) requests.push({ kind: 'temperature', value: values.temperature });
  for (const parsed of [...(values.model !== undefined ? [parseModel(values.model)] : []), ...(values.set ?? []).map(parseChange)]) {
    if (!parsed.ok) return { problem: parsed.problem };
    requests.push(...parsed.value);
  }
  return requests;
}

export interface ForkCommandOptions {
  env?: NodeJS.ProcessEnv;
  bundledDir?: string;
  onStart?: (stop: () => void) => void;
}

/** Exit codes: 0 the fork ran to its end, 1 it could not be made or a turn failed, 2 bad usage, 130 stopped. */
export async function runForkCommand(args: string[], io: CommandIo, opts: ForkCommandOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = readFlags(io, 'fork', FORK_USAGE, args, FORK_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'fork', FORK_USAGE, 'name exactly one session to fork.');
  if (values.at === undefined) return misuse(io, 'fork', FORK_USAGE, 'say where to fork with --at K (keep turns 1..K).');
  const changes = changeRequests(values);
  if ('problem' in changes) return misuse(io, 'fork', FORK_USAGE, changes.problem);
  const dir = sessionsDir(values.sessions, env);
  const session = readSessionArg(positionals[0]!, dir, (t) => io.stderr.write(`${t}\n`), 'fork');
  if (typeof session === 'number') return session;

  const library = (await loadLibrary({ bundledDir: opts.bundledDir, ...(values.personas ? { userDir: values.personas } : {}) })).personas.map((p) => p.persona);
  const request = { at: values.at, changes, library, mode: 'watch' as const, ...(values.turns !== undefined ? { turnCap: values.turns } : {}) };
  // Checked here first so a request that cannot be made is told before any server is asked.
  const checked = checkFork(session, request);
  if (!checked.ok) return fail(io, forkProblems(session, checked.problems));

  const opened = openApplication({ env, flags: { baseUrl: values['base-url'], preset: values.preset }, sessionsDir: dir });
  if (!opened.ok) return fail(io, opened.message);
  const started = await opened.app.forkConversation(session, request);
  if (!started.ok) return refuse(io, started, 'persona-talks fork');
  const { conversation } = started;
  opts.onStart?.(() => conversation.stop());
  const { plan } = checked;
  const names = (seeker: Persona, supporter: Persona) => ({ seeker: cleanForDisplay(seeker.name), supporter: cleanForDisplay(supporter.name) });
  const parent = session.header.personas;
  if (!values.json) {
    io.stdout.write(`Forking ${cleanForDisplay(session.header.id)} at turn ${plan.at}: ${cleanForDisplay(describeChanges(started.changes))}.\n`);
  }
  return printConversation(conversation, io, {
    json: values.json ?? false,
    names: names(plan.seeker, plan.supporter),
    kept: { names: names(parent.seeker, parent.supporter), note: `(turns 1–${plan.at} kept from the parent; the fork goes on from here)` },
  });
}
