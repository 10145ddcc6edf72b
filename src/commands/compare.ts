import { openApplication } from '../app/application.js';
import { describeChanges, parseModel } from '../app/fork.js';
import type { Comparison, ComparisonChoice, Role } from '../app/compare.js';
import { sessionsDir } from '../app/paths.js';
import type { ComparisonSide } from '../core/domain.js';
import { findPersona, loadLibrary, personasFor } from '../core/personas/library.js';
import { canPlay, type Persona } from '../core/personas/schema.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { createComparisonNdjsonPrinter, createComparisonTextPrinter } from './compare-printers.js';
import { changeRequests } from './fork.js';
import { refuse } from './headless.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';
import { readSessionArg } from './session-args.js';

export const COMPARE_FLAGS = [
  'seeker',
  'supporter',
  'vs-supporter',
  'condition',
  'vs-condition',
  'engine',
  'vs-engine',
  'model',
  'vs-model',
  'fork',
  'at',
  'set',
  'temperature',
  'turns',
  'seed',
  'judge-cadence',
  'no-classifier',
  'json',
  'sessions',
  'personas',
  'base-url',
  'preset',
] as const;

export const COMPARE_USAGE = usage(
  `Usage:
  persona-talks compare --seeker ID --supporter A [--vs-supporter B] [--condition C --vs-condition D]
                        [--engine E --vs-engine F] [--model [ROLE=]NAME --vs-model [ROLE=]NAME] [options]
  persona-talks compare --fork SESSION --at K [--supporter ID] [--seeker ID] [--set PATH=VALUE ...]
                        [--condition C] [--model [ROLE=]NAME] [--temperature T] [options]

Runs two conversations at once that share the seeker, the seed and the opening, and
differ in what you choose: side A as given, side B with each --vs-… value. With --fork,
both continue SESSION from turn K: A as it was, B with the changes. Prints the two as
interleaved lines (A, B; AB for a turn both share), or NDJSON events with a "side" field,
then where they diverged. Saved as two ordinary sessions and a link file, which
\`persona-talks replay\` plays back together.`,
  COMPARE_FLAGS,
);

export interface CompareCommandOptions {
  env?: NodeJS.ProcessEnv;
  bundledDir?: string;
  onStart?: (stop: () => void) => void;
}

type Values = Parameters<typeof changeRequests>[0] & {
  'vs-supporter'?: string;
  'vs-condition'?: 'aware' | 'blind';
  engine?: 'agents' | 'script';
  'vs-engine'?: 'agents' | 'script';
  'vs-model'?: string;
  fork?: string;
  at?: number;
  turns?: number;
  seed?: number;
  'judge-cadence'?: number;
  'no-classifier'?: boolean;
  json?: boolean;
};

function modelsOf(text: string | undefined): Partial<Record<Role, string>> | { problem: string } {
  if (text === undefined) return {};
  const parsed = parseModel(text);
  if (!parsed.ok) return { problem: parsed.problem };
  return Object.fromEntries(parsed.value.flatMap((c) => (c.kind === 'model' ? [[c.role, c.model]] : [])));
}

/** Exit codes: 0 both ran to their end, 1 it could not start or a turn failed, 2 bad usage, 130 stopped. */
export async function runCompareCommand(args: string[], io: CommandIo, opts: CompareCommandOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = readFlags(io, 'compare', COMPARE_USAGE, args, COMPARE_FLAGS, { positionals: false });
  if (typeof parsed === 'number') return parsed;
  const values: Values = parsed.values;
  const bad = (message: string) => misuse(io, 'compare', COMPARE_USAGE, message);
  const dir = sessionsDir(parsed.values.sessions, env);
  const library = (await loadLibrary({ bundledDir: opts.bundledDir, ...(parsed.values.personas ? { userDir: parsed.values.personas } : {}) })).personas;

  let choice: ComparisonChoice;
  let seekerName: string;
  if (values.fork !== undefined) {
    const others = (['vs-supporter', 'vs-condition', 'vs-engine', 'vs-model', 'engine', 'seed'] as const).filter((k) => values[k] !== undefined);
    if (others.length > 0) return bad(`--${others[0]} does not go with --fork: both sides continue the session with its engine and seed, and side B takes the changes.`);
    if (values.at === undefined) return bad('--fork needs --at K: the turn both sides continue from.');
    const changes = changeRequests(values);
    if ('problem' in changes) return bad(changes.problem);
    const session = readSessionArg(values.fork, dir, (t) => io.stderr.write(`${t}\n`), 'compare');
    if (typeof session === 'number') return session;
    choice = { from: 'fork', source: session, at: values.at, changes, library: library.map((p) => p.persona), ...(values.turns !== undefined ? { turnCap: values.turns } : {}) };
    seekerName = session.header.personas.seeker.name;
  } else {
    if (values.at !== undefined || values.set !== undefined) return bad('--at and --set go with --fork SESSION.');
    const { seeker: seekerId, supporter: supporterId } = values;
    if (!seekerId || !supporterId) return bad('both --seeker and --supporter are needed (or --fork SESSION --at K).');
    if ([values['vs-supporter'], values['vs-condition'], values['vs-engine'], values['vs-model']].every((v) => v === undefined)) {
      return bad('say what side B changes: --vs-supporter, --vs-condition, --vs-engine or --vs-model.');
    }
    const pick = (id: string, side: 'seeker' | 'supporter'): Persona | undefined => {
      const found = findPersona(library, id);
      if (found && canPlay(found.persona, side)) return found.persona;
      const choices = personasFor(library, side).map((p) => p.persona.id).join(', ');
      io.stderr.write(`persona-talks compare: ${found ? `"${cleanForDisplay(id)}" cannot play the ${side}` : `no persona with id "${cleanForDisplay(id)}"`}. ${side === 'seeker' ? 'Seekers' : 'Supporters'} available: ${choices}.\n`);
      return undefined;
    };
    const seeker = pick(seekerId, 'seeker');
    const supporterA = pick(supporterId, 'supporter');
    const supporterB = values['vs-supporter'] !== undefined ? pick(values['vs-supporter'], 'supporter') : supporterA;
    if (!seeker || !supporterA || !supporterB) return 1;
    const modelsA = modelsOf(values.model);
    const modelsB = modelsOf(values['vs-model']);
    if ('problem' in modelsA) return bad(modelsA.problem);
    if ('problem' in modelsB) return bad(modelsB.problem);
    const condition = values.condition ?? 'aware';
    const engine = values.engine ?? 'agents';
    const temperature = values.temperature !== undefined ? { temperature: values.temperature } : {};
    choice = {
      from: 'new',
      seeker,
      A: { supporter: supporterA, condition, engine, models: modelsA as Partial<Record<Role, string>>, ...temperature },
      B: { supporter: supporterB, condition: values['vs-condition'] ?? condition, engine: values['vs-engine'] ?? engine, models: { ...modelsA, ...modelsB }, ...temperature },
      ...(values.turns !== undefined ? { turnCap: values.turns } : {}),
      ...(values.seed !== undefined ? { seed: values.seed } : {}),
      ...(values['judge-cadence'] !== undefined ? { judgeCadence: values['judge-cadence'] } : {}),
      ...(values['no-classifier'] ? { classifier: false } : {}),
    };
    seekerName = seeker.name;
  }

  const opened = openApplication({ env, flags: { baseUrl: parsed.values['base-url'], preset: parsed.values.preset }, sessionsDir: dir });
  if (!opened.ok) return fail(io, opened.message);
  const started = await opened.app.compareConversations(choice);
  if (!started.ok) return refuse(io, started, 'persona-talks compare');
  const { comparison } = started;
  opts.onStart?.(() => comparison.stop());
  const json = values.json ?? false;
  if (!json) {
    const where = choice.from === 'fork' ? `continuing ${cleanForDisplay(choice.source.header.id)} from turn ${choice.at}` : 'from the same opening';
    io.stdout.write(`Comparing two conversations with ${cleanForDisplay(seekerName)}, ${where}. Side B: ${cleanForDisplay(describeChanges(started.changes))}.\n\n`);
  }
  return printComparison(comparison, io, json);
}

/**
 * Prints a comparison until both sides end, then where they diverged. Nobody is
 * there to resume a side that fails, so an error stops the comparison (finished
 * turns are kept). Exit code: 0 both ended by themselves, 1 after an error, 130 stopped.
 */
export async function printComparison(comparison: Comparison, io: CommandIo, json: boolean): Promise<number> {
  const print = json ? createComparisonNdjsonPrinter((t) => io.stdout.write(t)) : createComparisonTextPrinter((t) => io.stdout.write(t), (t) => io.stderr.write(t), { sharedTurns: comparison.sharedTurns });
  let failed = false;
  const ends: Partial<Record<ComparisonSide, string>> = {};
  for await (const event of comparison.events()) {
    print(event);
    if (event.type !== 'side') continue;
    if (event.event.type === 'error') {
      failed = true;
      comparison.stop();
    }
    if (event.event.type === 'ended') ends[event.side] = event.event.reason;
  }
  if (failed) {
    io.stderr.write('\nThe comparison stopped after an error; finished turns are kept in both session files.\n');
    return 1;
  }
  return Object.values(ends).includes('stopped') ? 130 : 0;
}
