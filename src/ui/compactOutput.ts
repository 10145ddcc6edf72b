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

// eslint-disable-next-line no-control-regex -- SGR sequences start with ESC
const SGR_RUN = /(?:\u001b\[[\d;]*m){2,}/g;
// eslint-disable-next-line no-control-regex -- SGR sequences start with ESC
const SGR = /\u001b\[([\d;]*)m/g;

/** On/off pairs that each set one attribute: the last one of a run wins. */
const FLAGS: ReadonlyArray<readonly [on: number, off: number]> = [
  [3, 23], // italic
  [4, 24], // underline
  [5, 25], // blink
  [7, 27], // inverse
  [8, 28], // hidden
  [9, 29], // crossed out
];

/**
 * What a run of SGR sequences with no text between them leaves set, as one
 * sequence: a reset if there was one, then for each attribute only its last
 * setting. Bold and faint are separate attributes that one code (22) clears
 * together, so they keep their order around a 22. Undefined when the run holds
 * a parameter this does not know (it is then written as it was).
 */
function netSgr(run: string): string | undefined {
  const params: number[][] = [];
  for (const [, body] of run.matchAll(SGR)) {
    const parts = body === '' ? [0] : body!.split(';').map((p) => (p === '' ? 0 : Number(p)));
    for (let i = 0; i < parts.length; i++) {
      const code = parts[i]!;
      // 38/48/58: an extended colour, 5;n or 2;r;g;b.
      if (code === 38 || code === 48 || code === 58) {
        const length = parts[i + 1] === 5 ? 3 : parts[i + 1] === 2 ? 5 : 0;
        if (length === 0) return undefined;
        params.push(parts.slice(i, i + length));
        i += length - 1;
      } else params.push([code]);
    }
  }
  let reset = false;
  let intensity: number[] = [];
  const last = new Map<string, number[]>();
  for (const param of params) {
    const code = param[0]!;
    if (code === 0) {
      reset = true;
      intensity = [];
      last.clear();
    } else if (code === 1 || code === 2) {
      if (!intensity.includes(code)) intensity.push(code);
    } else if (code === 22) intensity = [22];
    else if ((code >= 30 && code <= 39) || (code >= 90 && code <= 97)) last.set('fg', param);
    else if ((code >= 40 && code <= 49) || (code >= 100 && code <= 107)) last.set('bg', param);
    else if (code === 58 || code === 59) last.set('underline-colour', param);
    else {
      const flag = FLAGS.find(([on, off]) => code === on || code === off);
      if (!flag) return undefined;
      last.set(`flag${flag[0]}`, param);
    }
  }
  const out = [...(reset ? [[0]] : []), ...intensity.map((c) => [c]), ...last.values()];
  return out.length === 0 ? '' : `\u001b[${out.map((p) => p.join(';')).join(';')}m`;
}

/**
 * `text` with each run of back-to-back SGR sequences written as the one that
 * leaves the same attributes set. Ink re-opens a line's styles from the start
 * of the line when it rewrites its end (`ESC[1m ESC[35m ESC[22m ESC[90m ESC[1m
 * ESC[91m`), so such runs are common; a terminal ends up in the same state.
 */
export function compactStyles(text: string): string {
  return text.replace(SGR_RUN, (run) => netSgr(run) ?? run);
}

/** Both compactions: what the terminal shows is unchanged, byte for byte fewer. */
export function compactOutput(text: string): string {
  return compactStyles(compactCursorMoves(text));
}

/** Escape sequences that neither print nor move the cursor: styles, modes, titles. */
// eslint-disable-next-line no-control-regex
const SILENT = /\u001b\[[0-9;?]*[mhlr]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Ink's stdout, which also says whether the last thing written left the cursor mid-line. */
export type CompactingStdout = NodeJS.WriteStream & { lineOpen(): boolean };

/**
 * `stdout` for Ink, writing what Ink writes with its cursor moves and style runs compacted.
 * Everything else (size, resize events, isTTY, raw-mode state) is the real
 * stream's, so Ink cannot tell the difference. It notes whether the last text or
 * cursor move written ended a line, so the app can end it on exit (inline, Ink
 * may leave the cursor after its last line's text, where the shell's prompt
 * would follow).
 */
export function compactingStdout(stdout: NodeJS.WriteStream): CompactingStdout {
  let open = false;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (typeof chunk === 'string') {
      const shown = chunk.replace(SILENT, '');
      if (shown !== '') open = !shown.endsWith('\n');
    }
    return (stdout.write as (...args: unknown[]) => boolean)(typeof chunk === 'string' ? compactOutput(chunk) : chunk, ...rest);
  };
  const lineOpen = () => open;
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      if (property === 'lineOpen') return lineOpen;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as CompactingStdout;
}
