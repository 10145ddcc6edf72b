/**
 * "Exporting 1,234 of 10,000 sessions" on one terminal line, redrawn at most ten
 * times a second and wiped at the end. Silent when the stream is not a terminal,
 * so pipes and log files get only the final summary.
 */
export interface Progress {
  tick(done: number): void;
  /** Clears the line so a warning can be printed; the next tick redraws it. */
  interrupt(): void;
  done(): void;
}

const REDRAW_MS = 100;

export function progressLine(stream: NodeJS.WritableStream, total: number, what: string, now: () => number = Date.now): Progress {
  if (!(stream as { isTTY?: boolean }).isTTY || total === 0) return { tick: () => undefined, interrupt: () => undefined, done: () => undefined };
  let last = -Infinity;
  let shown = false;
  const draw = (done: number) => {
    stream.write(`\r${what} ${done.toLocaleString('en')} of ${total.toLocaleString('en')} sessions (${Math.floor((done / total) * 100)}%)`);
    shown = true;
  };
  // Erase the line: what follows (a warning, the summary) starts on a clean line.
  const erase = () => {
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
  };
  return {
    tick(done) {
      const t = now();
      if (t - last < REDRAW_MS && done < total) return;
      last = t;
      draw(done);
    },
    interrupt() {
      erase();
      last = -Infinity;
    },
    done() {
      erase();
    },
  };
}
