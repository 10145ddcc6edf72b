import type { DemoHandlerOptions } from '../devtools/demo-handler.js';
import { appHome, CLI, ROOT, savedTranscript } from './app-env.js';
import type { TuiMode } from './modes.js';
import type { BenchOptions } from './options.js';
import { runPiped } from './piped-app.js';
import { spawnInPty } from './pty-app.js';
import { startBenchServer } from './server.js';
import type { ServerStats } from './server-stats.js';

/** One whole conversation, measured from outside the app. */
export interface ConversationRun {
  /** Bytes sent to the terminal (TUI) or written to stdout + stderr (headless). */
  bytes: number;
  frames: number;
  cpuSeconds: number;
  wallMs: number;
  /** ms after spawn when the conversation had ended (headless: its "Ended after" line). */
  endedMs: number | undefined;
  transcript: { turns: number; bytes: number };
  server: ServerStats;
}

/** How the server answers in a realistic run: every reply streamed a token at a time. */
export function pacedReplies(o: BenchOptions, extra: DemoHandlerOptions = {}): DemoHandlerOptions {
  return { chunkDelayMs: o.tokenMs, chunkSize: o.chunkChars, minWords: o.words, closeAfter: 100_000, ...extra };
}

const ENTER = '\r';
const END_SCREEN = 'to go home';

function castArgs(o: BenchOptions, turns: number): string[] {
  return ['--seeker', o.seeker, '--supporter', o.supporter, '--turns', String(turns)];
}

/**
 * The terminal app in a 100×40 pseudo-terminal: the home screen with the cast
 * preselected, Enter, the whole conversation, then — once the judge's last calls
 * have come back — q (home) and q (quit). Nothing else is pressed, so every
 * setting but the terminal mode is the default.
 */
export async function tuiConversation(o: BenchOptions, mode: TuiMode, replies: DemoHandlerOptions): Promise<ConversationRun> {
  const server = await startBenchServer(replies);
  const home = appHome(server.url);
  const app = spawnInPty(process.execPath, [CLI, ...castArgs(o, o.turns), ...mode.args], home.env, { cwd: ROOT, watch: [END_SCREEN] });
  let exited = false;
  void app.exited.then(() => (exited = true));
  try {
    await app.waitForScreen((s) => s.includes('model server reachable'), 'the home screen');
    await app.pressUntil(ENTER, (s) => !s.includes('pick a seeker'), 'the conversation to start');
    await app.waitForScreen((s) => s.includes(END_SCREEN), 'the end of the conversation', o.turns * 30_000);
    const endedMs = app.firstSeen(END_SCREEN);
    await server.waitIdle();
    const stats = await server.stats();
    // q leaves the end summary for home; q there quits.
    await app.pressUntil('q', (s) => s.includes('pick a seeker'), 'home after the conversation');
    app.write('q');
    const exit = await Promise.race([app.exited, new Promise<undefined>((r) => setTimeout(r, 15_000))]);
    if (!exit) throw new Error('the app did not quit on q');
    if (exit.exitCode !== 0) throw new Error(`the app exited with ${exit.exitCode}`);
    return { bytes: app.bytes(), frames: app.frames(), cpuSeconds: app.cpu.stop(), wallMs: exit.wallMs, endedMs, transcript: savedTranscript(home.sessionsDir), server: stats };
  } finally {
    if (!exited) app.kill();
    await server.stop();
    home.remove();
  }
}

/** The same conversation with stdout piped: the CLI's headless text mode. `extraArgs` may switch the judge off. */
export async function pipedConversation(o: BenchOptions, replies: DemoHandlerOptions, options: { turns?: number; extraArgs?: string[] } = {}): Promise<ConversationRun> {
  const server = await startBenchServer(replies);
  const home = appHome(server.url);
  try {
    const args = [CLI, ...castArgs(o, options.turns ?? o.turns), ...(options.extraArgs ?? [])];
    const run = await runPiped(process.execPath, args, home.env, { cwd: ROOT, endedMarker: '\nEnded after ' });
    if (run.exitCode !== 0) throw new Error(`the headless run exited with ${run.exitCode}:\n${run.stderr.slice(-2000)}`);
    return { bytes: run.bytes, frames: 0, cpuSeconds: run.cpuSeconds, wallMs: run.wallMs, endedMs: run.endedMs, transcript: savedTranscript(home.sessionsDir), server: await server.stats() };
  } finally {
    await server.stop();
    home.remove();
  }
}
