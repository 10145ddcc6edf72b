import { PassThrough, Writable } from 'node:stream';

/** A stdout Ink takes for a terminal, counting what it is sent: bytes and writes (one per frame). */
export class CountingTty extends Writable {
  readonly isTTY = true;
  columns: number;
  rows: number;
  bytes = 0;
  writes = 0;

  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.bytes += Buffer.byteLength(chunk);
    this.writes += 1;
    done();
  }

  getColorDepth(): number {
    return 8;
  }

  hasColors(): boolean {
    return true;
  }
}

/** A stdin that claims to be a terminal and never types. */
export function idleTtyStdin(): NodeJS.ReadStream {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode() {
      return stdin;
    },
    ref() {
      return stdin;
    },
    unref() {
      return stdin;
    },
  });
  return stdin as unknown as NodeJS.ReadStream;
}
