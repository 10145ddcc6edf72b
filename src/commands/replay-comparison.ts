import { createInterface } from 'node:readline';
import { loadComparison, ComparisonReadError, replayComparisonOf, type ReplayPace } from '../app/replay.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { SessionReadError } from '../core/sessions/reader.js';
import { printComparison } from './compare.js';
import type { CommandIo } from './io.js';

/**
 * `persona-talks replay COMPARISON`: both sessions of a comparison played back
 * together, interleaved (A, B, AB for the turns they share), then where they
 * diverged. With --step in a terminal each Enter plays the next turn of both sides
 * (q then Enter stops); the side-by-side view belongs to the terminal app.
 */
export async function replayComparisonCommand(path: string, io: CommandIo, options: { speed: ReplayPace; step: boolean; input?: NodeJS.ReadableStream }): Promise<number> {
  let loaded;
  try {
    loaded = loadComparison(path);
  } catch (error) {
    if (!(error instanceof ComparisonReadError || error instanceof SessionReadError)) throw error;
    io.stderr.write(`persona-talks replay: ${cleanForDisplay(error.message)}\n`);
    return 1;
  }
  const { link } = loaded;
  const replay = replayComparisonOf(loaded, { speed: options.speed, startPaused: options.step });
  io.stdout.write(
    `Replay of comparison ${cleanForDisplay(link.id)} (recorded ${link.createdAt.slice(0, 16).replace('T', ' ')})\n` +
      `  A  ${cleanForDisplay(link.sides.A.label)}\n  B  ${cleanForDisplay(link.sides.B.label)}\n\n`,
  );
  let keys: ReturnType<typeof createInterface> | undefined;
  let stopped = false;
  if (options.step) {
    io.stderr.write('Enter plays the next turn of both sides; q then Enter stops.\n');
    keys = createInterface({ input: options.input ?? process.stdin });
    keys.on('line', (line) => {
      if (line.trim().toLowerCase() !== 'q') return replay.step();
      stopped = true;
      replay.stop();
    });
  }
  try {
    // An unfinished recording ends as 'stopped' on its own: only the user stopping the replay is an exit of 130.
    await printComparison(replay, io, false);
    return stopped ? 130 : 0;
  } finally {
    keys?.close();
  }
}
