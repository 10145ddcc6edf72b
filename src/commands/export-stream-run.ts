import { cleanForDisplay } from '../core/sanitize.js';
import { plural } from '../core/text.js';
import { isLeftOut, type StreamingExport } from '../core/sessions/export-stream.js';
import { readEach } from '../core/sessions/read-each.js';
import type { ExportOutput } from './export-output.js';
import { progressLine } from './progress.js';
import { displayPath } from './io.js';
import { skippedLineNotes } from './session-args.js';

export interface StreamResult {
  written: number;
  /** Sessions the format left out, by reason. */
  leftOut: Map<string, number>;
  unreadable: number;
}

/**
 * Runs a streaming export over session files: one session read, formatted and
 * written at a time, progress on a terminal. The format's opening text is held
 * back until the first session is ready, so an export that finds nothing to
 * write writes nothing.
 */
export async function streamExport(format: StreamingExport, paths: readonly string[], output: ExportOutput, stderr: NodeJS.WritableStream): Promise<StreamResult> {
  const progress = progressLine(stderr, paths.length, 'Exporting');
  const warn = (text: string) => {
    progress.interrupt();
    stderr.write(`${text}\n`);
  };
  const result: StreamResult = { written: 0, leftOut: new Map(), unreadable: 0 };
  let done = 0;
  const sessions = readEach(paths, (path, message) => {
    result.unreadable += 1;
    warn(`skipped ${displayPath(path)}: ${cleanForDisplay(message)}`);
  });
  try {
    for (const session of sessions) {
      for (const note of skippedLineNotes(session)) warn(note);
      const text = format.entry(session, result.written);
      if (isLeftOut(text)) result.leftOut.set(text.skip, (result.leftOut.get(text.skip) ?? 0) + 1);
      else {
        if (result.written === 0) await output.write(format.head(paths.length));
        await output.write(text);
        result.written += 1;
      }
      progress.tick(++done);
    }
    if (result.written > 0) await output.write(format.tail(result.written));
  } finally {
    progress.done();
  }
  return result;
}

/** "2 sessions left out: no supporter turns to learn from" lines, for stderr. */
export function leftOutLines(leftOut: ReadonlyMap<string, number>): string[] {
  return [...leftOut].map(([reason, n]) => `${plural(n, 'session')} left out: ${cleanForDisplay(reason)}`);
}
