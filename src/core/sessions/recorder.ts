import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SESSION_EXTENSION, SESSION_FORMAT_VERSION } from './format.js';
import { recordFor, type SessionEvent } from './records.js';
import { describeIssues, SessionEntrySchema, SessionHeaderSchema } from './schema.js';
import { lockSession } from './session-lock.js';

export { SessionLockedError } from './session-lock.js';

/**
 * The only writer of session files. Every event of a session goes through
 * record() before anyone is shown it; recordFor decides what the log keeps.
 *
 * A log is append-only JSON lines. Each record is one write(2) of one complete
 * line on an O_APPEND descriptor: once write returns the line is in the kernel, so
 * a `kill -9` loses nothing already written, and at worst a crash mid-write leaves
 * one truncated last line, which the reader skips. Finished turns are fsynced
 * before they are shown ("on disk, then on screen"), and close() fsyncs the rest;
 * a log opened with `syncOnlyOnClose` (bulk writers, an experiment's many
 * conversations) leaves every fsync to close().
 *
 * Opening (create, continue) and close() bracket every write to a log: anything
 * that must hold while a log is open belongs there. One is the lock: a log has one
 * writer at a time (session-lock.ts), so two resumes of one session cannot both
 * write; the second is refused with SessionLockedError, saying who holds it.
 */
export class SessionRecorder {
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    private empty: boolean,
    private readonly syncOnlyOnClose: boolean,
    private readonly unlock: () => void,
  ) {
    this.fd = fd;
  }

  /**
   * A new, empty log for session `id` in `dir`; never overwrites one with the same
   * id. Its first record is the header, written when session-started is recorded.
   * `syncOnlyOnClose` leaves every fsync to close(): for bulk writers (an import),
   * which are simply run again if they fail.
   */
  static create(dir: string, id: string, options: { syncOnlyOnClose?: boolean } = {}): SessionRecorder {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${id}${SESSION_EXTENSION}`);
    const fd = openSync(path, 'wx', 0o600);
    let unlock: () => void;
    try {
      unlock = lockSession(path);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new SessionRecorder(path, fd, true, options.syncOnlyOnClose ?? false, unlock);
  }

  /**
   * An existing log, to append to: a resumed conversation, a measurement. A crash
   * mid-write can leave half a line at its end; appending after it would glue the
   * next record onto the broken one, so that line is finished first and the reader
   * skips the half line alone.
   */
  static continue(path: string, options: { syncOnlyOnClose?: boolean } = {}): SessionRecorder {
    const unlock = lockSession(path);
    try {
      endWithNewline(path);
      return new SessionRecorder(path, openSync(path, 'a', 0o600), false, options.syncOnlyOnClose ?? false, unlock);
    } catch (error) {
      unlock();
      throw error;
    }
  }

  /**
   * A whole finished session written at once, for bulk writers (an import of
   * thousands of conversations): every record through the same mapping and checks
   * as record(), one write of the file, and no fsync and no lock — a new file
   * nobody else knows of yet cannot have a second writer. The caller syncs the
   * folder once when the batch is done (syncFolder); an import cut short by a
   * crash is simply run again.
   */
  static writeWhole(dir: string, id: string, events: readonly SessionEvent[]): string {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${id}${SESSION_EXTENSION}`);
    const at = new Date().toISOString();
    let empty = true;
    const lines: string[] = [];
    for (const event of events) {
      const planned = recordFor(event, { empty });
      if (!planned) continue;
      lines.push(JSON.stringify(checked(planned.line.type === 'header' ? planned.line : { ...planned.line, v: SESSION_FORMAT_VERSION, at })));
      empty = false;
    }
    writeFileSync(path, `${lines.join('\n')}\n`, { flag: 'wx', mode: 0o600 });
    return path;
  }

  /** Makes the names of files written into `dir` durable: one fsync of the folder for a whole batch. */
  static syncFolder(dir: string): void {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Writes what the log keeps of `event` (often nothing). Call it before the event is shown. */
  record(event: SessionEvent): void {
    const planned = recordFor(event, { empty: this.empty });
    if (!planned) return;
    const line = checked(planned.line.type === 'header' ? planned.line : { ...planned.line, v: SESSION_FORMAT_VERSION, at: new Date().toISOString() });
    const fd = this.openFd();
    writeSync(fd, `${JSON.stringify(line)}\n`);
    this.empty = false;
    if (planned.sync && !this.syncOnlyOnClose) fsyncSync(fd);
  }

  /**
   * Appends lines of another session's log exactly as they are (a fork's copied
   * turns, meter readings and labels), so the copy is byte for byte the original.
   * Only after the header, and only records a conversation makes turn by turn.
   */
  copy(lines: readonly string[]): void {
    if (this.empty) throw new Error(`session log ${this.path} has no header yet: copied records follow it`);
    for (const line of lines) {
      const type = copyableType(line);
      if (!type) throw new Error(`not a record a fork copies: ${line.slice(0, 60)}`);
    }
    if (lines.length === 0) return;
    const fd = this.openFd();
    writeSync(fd, lines.map((line) => `${line}\n`).join(''));
    if (!this.syncOnlyOnClose) fsyncSync(fd);
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
      this.unlock();
    }
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error(`session log ${this.path} is closed`);
    return this.fd;
  }
}

/**
 * A record as the reader will accept it, or an error: the log is read by the same
 * schemas it is written by, so nothing is written that reading would throw away.
 */
function checked(line: object): object {
  const header = (line as { type?: unknown }).type === 'header';
  const parsed = (header ? SessionHeaderSchema : SessionEntrySchema).safeParse(line, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new Error(`not writing a ${String((line as { type?: unknown }).type)} record of the wrong shape: ${describeIssues(parsed.error)}`);
}

/** The records a fork may copy from its parent: a turn and what was read of it. */
const COPYABLE = new Set(['turn', 'meter', 'perceived']);

function copyableType(line: string): string | undefined {
  if (line.includes('\n')) return undefined;
  try {
    const record = JSON.parse(line) as { type?: unknown };
    return typeof record === 'object' && record !== null && typeof record.type === 'string' && COPYABLE.has(record.type) ? record.type : undefined;
  } catch {
    return undefined;
  }
}

function endWithNewline(path: string): void {
  const size = statSync(path).size;
  if (size === 0) return;
  const fd = openSync(path, 'r');
  const last = Buffer.alloc(1);
  try {
    readSync(fd, last, 0, 1, size - 1);
  } finally {
    closeSync(fd);
  }
  if (last[0] !== 0x0a) appendFileSync(path, '\n');
}

/** A sortable, filesystem-safe session id: time first, then who talked, then a random tail. */
export function newSessionId(seekerId: string, supporterId: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  const tail = Math.random().toString(36).slice(2, 6);
  return `${stamp}_${seekerId}_${supporterId}_${tail}`;
}
