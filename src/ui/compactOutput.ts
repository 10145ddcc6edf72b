/**
 * Ink's incremental renderer walks the cursor past every row that did not change
 * with one "cursor next line" sequence (ESC [ E) per row, so a streamed token
 * that changes one row of a 40-row screen costs some 120 bytes of cursor moves
 * for 10 bytes of text. `CSI n E` is the same move n rows at once (ECMA-48 CNL:
 * down n lines, to the first column, stopping at the bottom margin as n single
 * moves do), so a run of them can be written as one without changing a pixel.
 */

// eslint-disable-next-line no-control-regex -- the sequence starts with ESC
const RUN = /(?:\u001b\[E){2,}/g;
const ONE = '\u001b[E';

/** `text` with every run of single "cursor next line" moves written as one counted move. */
export function compactCursorMoves(text: string): string {
  return text.replace(RUN, (run) => `\u001b[${run.length / ONE.length}E`);
}

/**
 * `stdout` for Ink, writing what Ink writes with its cursor moves compacted.
 * Everything else (size, resize events, isTTY, raw-mode state) is the real
 * stream's, so Ink cannot tell the difference.
 */
export function compactingStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean =>
    (stdout.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? compactCursorMoves(chunk) : chunk, ...rest);
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
