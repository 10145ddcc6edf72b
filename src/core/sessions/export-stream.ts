import type { LoadedSession } from './reader.js';

/** A session an export leaves out, and why (shown to the user, counted in summaries). */
export interface LeftOut {
  skip: string;
}

/**
 * An export written one session at a time, so ten thousand sessions cost no more
 * memory than one: the text before the first session, each session's text, and
 * the text after the last. `written` counts the sessions already written, so a
 * format knows whether a separator is due.
 */
export interface StreamingExport {
  head(expected: number): string;
  entry(session: LoadedSession, written: number): string | LeftOut;
  tail(written: number): string;
}

export function isLeftOut<T>(value: T | LeftOut): value is LeftOut {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as LeftOut).skip === 'string';
}

/** The whole export as one string, for a handful of sessions (tests, small exports). */
export function formatAll(format: StreamingExport, sessions: readonly LoadedSession[]): string {
  const parts = [format.head(sessions.length)];
  let written = 0;
  for (const session of sessions) {
    const text = format.entry(session, written);
    if (isLeftOut(text)) continue;
    parts.push(text);
    written += 1;
  }
  parts.push(format.tail(written));
  return parts.join('');
}
