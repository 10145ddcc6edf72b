import { once } from 'node:events';
import { createWriteStream, renameSync, unlinkSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Where an export goes: standard output, or a file written under a temporary
 * name and renamed into place only when the export is complete, so a failed
 * export never leaves a half-written file where a good one was.
 */
export interface ExportOutput {
  write(text: string): Promise<void>;
  /** Makes the file visible under its name (a no-op for standard output). */
  finish(): Promise<void>;
  /** Drops the temporary file. */
  abort(): Promise<void>;
}

/** Writes with backpressure: waits for 'drain' when the stream's buffer is full. */
async function writeTo(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}

export function stdoutOutput(stdout: NodeJS.WritableStream): ExportOutput {
  return { write: (text) => writeTo(stdout, text), finish: async () => undefined, abort: async () => undefined };
}

export async function fileOutput(path: string): Promise<ExportOutput> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream: WriteStream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  await Promise.race([once(stream, 'open'), once(stream, 'error')]).catch(() => undefined);
  const check = () => {
    if (failure) throw failure;
  };
  check();
  const close = async () => {
    if (stream.closed) return;
    stream.end();
    await once(stream, 'close');
  };
  return {
    async write(text) {
      check();
      await writeTo(stream, text);
      check();
    },
    async finish() {
      await close();
      check();
      renameSync(temp, path);
    },
    async abort() {
      await close().catch(() => undefined);
      try {
        unlinkSync(temp);
      } catch {
        // already gone
      }
    },
  };
}
