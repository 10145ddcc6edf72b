import { sessionsDir } from '../app/paths.js';
import { ComparisonReadError, parseReplaySpeed, replayConversation, resolveComparisonArg, type ReplayPace } from '../app/replay.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { resolveSessionArg, SessionLookupError } from '../core/sessions/list.js';
import { footer } from '../ui/keys.js';
import { fail, misuse, readFlags, usage, type CommandIo } from './io.js';
import { createTextPrinter } from './run-printers.js';
import { replayComparisonCommand } from './replay-comparison.js';
import { readSessionArg } from './session-args.js';

const REPLAY_FLAGS = ['speed', 'step', 'sessions', 'inline'] as const;

export const REPLAY_USAGE = usage(
  `Usage: persona-talks replay SESSION|COMPARISON [--speed 1|2|4|instant] [--step] [--inline] [--sessions DIR]

Plays a recorded session back — turns, strategy labels and recorded meter values —
at the recorded pace or faster. Needs no model server; when the output is not a
terminal it plays instantly. SESSION is a file path, a session id, or a unique prefix of one.
A COMPARISON (its .comparison.json file or id) plays both sessions together, turn by turn.

Keys in a terminal: ${footer('replay')}`,
  REPLAY_FLAGS,
);

export interface ReplayCommandOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether to open the terminal UI; default: stdin and stdout are both terminals. */
  interactive?: boolean;
}

/** Exit codes: 0 played to the end, 1 the session cannot be read, 2 bad usage, 130 stopped. */
export async function runReplayCommand(args: string[], io: CommandIo, opts: ReplayCommandOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = readFlags(io, 'replay', REPLAY_USAGE, args, REPLAY_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return misuse(io, 'replay', REPLAY_USAGE, 'name exactly one session.');
  const interactive = opts.interactive ?? Boolean(process.stdin.isTTY && (io.stdout as { isTTY?: boolean }).isTTY);
  // The flag table has checked the value: it is one of the speeds.
  const speed: ReplayPace = values.speed === undefined ? (interactive ? 1 : 'instant') : parseReplaySpeed(values.speed)!;
  const step = values.step ?? false;
  if (step && !interactive) return fail(io, 'persona-talks replay: --step needs an interactive terminal (it waits for a key per turn).', 2);

  const dir = sessionsDir(values.sessions, env);
  let comparison: string | undefined;
  try {
    // Comparison and session ids both start with a time: a prefix means a session first.
    comparison = resolveComparisonArg(positionals[0]!, dir, { exact: true });
    if (!comparison && !namesSession(positionals[0]!, dir)) comparison = resolveComparisonArg(positionals[0]!, dir);
  } catch (error) {
    if (!(error instanceof ComparisonReadError)) throw error;
    return fail(io, `persona-talks replay: ${cleanForDisplay(error.message)}`);
  }
  if (comparison) return replayComparisonCommand(comparison, io, { speed, step });
  const session = readSessionArg(positionals[0]!, dir, (t) => io.stderr.write(`${t}\n`), 'replay');
  if (typeof session === 'number') return session;
  const replay = replayConversation(session, { speed, startPaused: step });

  if (interactive) {
    const [{ render }, { createElement }, { ReplayRoot }, { rawModeFromTheStart }] = await Promise.all([
      import('ink'),
      import('react'),
      import('../ui/screens/sessions/ReplayRoot.js'),
      import('../ui/terminal.js'),
    ]);
    rawModeFromTheStart();
    // Same setup as the app: Ctrl+C is ours (it stops the replay), Ink restores the terminal on exit.
    // Full screen like the app, unless --inline asks for the scrollback.
    const fullScreen = values.inline !== true;
    const instance = render(createElement(ReplayRoot, { session, replay, fullScreen }), { exitOnCtrlC: false, incrementalRendering: true, alternateScreen: fullScreen });
    await instance.waitUntilExit();
    return 0;
  }

  const { header } = session;
  const names = { seeker: cleanForDisplay(header.personas.seeker.name), supporter: cleanForDisplay(header.personas.supporter.name) };
  const print = createTextPrinter((t) => io.stdout.write(t), (t) => io.stderr.write(t), names);
  io.stdout.write(`Replay of ${cleanForDisplay(session.path)} (recorded ${header.createdAt.slice(0, 16).replace('T', ' ')})\n`);
  let reason: string | undefined;
  for await (const event of replay.events()) {
    // The printer says "Saving to" for a path: a replay writes nothing.
    print(event.type === 'session-started' ? { ...event, path: undefined } : event);
    if (event.type === 'ended') reason = event.reason;
  }
  if (!session.ended) io.stdout.write(`The recording stops here: the session is unfinished (persona-talks resume ${cleanForDisplay(header.id)} continues it).\n`);
  return reason === 'stopped' && session.ended ? 130 : 0;
}

function namesSession(arg: string, dir: string): boolean {
  try {
    resolveSessionArg(arg, dir);
    return true;
  } catch (error) {
    if (error instanceof SessionLookupError) return false;
    throw error;
  }
}
