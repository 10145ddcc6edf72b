import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_FORMAT_VERSION, type SessionHeader, type SessionRecord } from './format.js';

type Body<R> = R extends { v: number; at: string } ? Omit<R, 'v' | 'at'> : never;
export type SessionEntry = Body<Exclude<SessionRecord, SessionHeader>>;

/**
 * Append-only JSON-lines writer. Each record is one write(2) of one complete line
 * on an O_APPEND descriptor: once write returns the line is in the kernel, so a
 * `kill -9` of this process loses nothing already written, and at worst a crash
 * mid-write leaves one truncated last line, which the reader skips. fsync on
 * turn boundaries and close guards against power loss as well.
 */
export class SessionWriter {
  private fd: number | undefined;

  private constructor(readonly path: string) {}

  static create(dir: string, header: SessionHeader): SessionWriter {
    mkdirSync(dir, { recursive: true });
    const writer = new SessionWriter(join(dir, `${header.id}.jsonl`));
    // 'wx': never clobber an existing session with the same id.
    writer.fd = openSync(writer.path, 'wx', 0o600);
    writer.writeLine(header);
    return writer;
  }

  /** Continue an existing log (resume): appends after whatever is there. */
  static append(path: string): SessionWriter {
    const writer = new SessionWriter(path);
    writer.fd = openSync(path, 'a', 0o600);
    return writer;
  }

  write(entry: SessionEntry, options: { sync?: boolean } = {}): void {
    this.writeLine({ ...entry, v: SESSION_FORMAT_VERSION, at: new Date().toISOString() });
    if (options.sync && this.fd !== undefined) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private writeLine(record: object): void {
    if (this.fd === undefined) throw new Error(`session log ${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }
}

/** A sortable, filesystem-safe id: time first, then who talked, then a random tail. */
export function newSessionId(seekerId: string, supporterId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const tail = Math.random().toString(36).slice(2, 6);
  return `${stamp}_${seekerId}_${supporterId}_${tail}`;
}
