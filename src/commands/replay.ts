import { sessionsDir } from '../app/paths.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { resolveSessionArg, SessionLookupError } from '../core/sessions/list.js';
import { readSession, SessionReadError } from '../core/sessions/reader.js';
import { parseReplaySpeed, replayConversation, type ReplayPace } from '../app/replay.js';
import type { CommandIo } from './personas.js';
import { createTextPrinter } from './run-printers.js';
import { parseArgs } from './sessions.js';

export const REPLAY_USAGE = `Usage: persona-talks replay SESSION [--speed 1|2|4|instant] [--step] [--sessions DIR]

Plays a recorded session back — turns, strategy labels and recorded meter values —
at the recorded pace or faster. Needs no model server.
SESSION is a file path, a session id, or a unique prefix of one.

  --speed S     1 (recorded pace, the default in a terminal), 2, 4, or instant
                (the default when the output is not a terminal)
  --step        presenter mode: each turn plays when you press n (terminal only)
  --sessions DIR  where to look up SESSION ids (default ./sessions or $PERSONA_TALKS_SESSIONS)

Keys in a terminal: space pause · n/→ next turn · 1 2 4 0 speed · m traits · ? help · q stop`;

export interface ReplayCommandOptions {
  env?: NodeJS.ProcessEnv;
  /** Whether to open the terminal UI; default: stdin and stdout are both terminals. */
  interactive?: boolean;
}

function fail(io: CommandIo, message: string, code = 1): number {
  io.stderr.write(`${message}\n`);
  return code;
}

/** Exit codes: 0 played to the end, 1 the session cannot be read, 2 bad usage, 130 stopped. */
export async function runReplayCommand(args: string[], io: CommandIo, opts: ReplayCommandOptions = {}): Promise<number> {
  const env = opts.env ?? process.env;
  const parsed = parseArgs(args, { flags: ['step', 'help', 'h'], options: ['speed', 'sessions'] });
  if (typeof parsed === 'string') return fail(io, `persona-talks replay: ${parsed}\n\n${REPLAY_USAGE}`, 2);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout.write(`${REPLAY_USAGE}\n`);
    return 0;
  }
  if (parsed.positional.length !== 1) return fail(io, `persona-talks replay: name exactly one session.\n\n${REPLAY_USAGE}`, 2);
  const interactive = opts.interactive ?? Boolean(process.stdin.isTTY && (io.stdout as { isTTY?: boolean }).isTTY);
  const speedArg = parsed.options.get('speed');
  const speed: ReplayPace | undefined = speedArg === undefined ? (interactive ? 1 : 'instant') : parseReplaySpeed(speedArg);
  if (speed === undefined) return fail(io, `persona-talks replay: --speed must be 1, 2, 4 or instant (got "${cleanForDisplay(speedArg ?? '')}")`, 2);
  const step = parsed.flags.has('step');
  if (step && !interactive) return fail(io, 'persona-talks replay: --step needs an interactive terminal (it waits for a key per turn).', 2);

  let session;
  try {
    session = readSession(resolveSessionArg(parsed.positional[0] as string, sessionsDir(parsed.options.get('sessions'), env)));
  } catch (error) {
    if (error instanceof SessionLookupError || error instanceof SessionReadError) return fail(io, `persona-talks replay: ${cleanForDisplay(error.message)}`);
    throw error;
  }
  if (session.skippedLines.length > 0) io.stderr.write(`note: ${session.skippedLines.length} unreadable line(s) left out (line ${session.skippedLines.join(', ')})\n`);
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
    const instance = render(createElement(ReplayRoot, { session, replay }), { exitOnCtrlC: false, incrementalRendering: true });
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
