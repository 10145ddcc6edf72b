import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { SESSION_EXTENSION } from './format.js';

/**
 * One writer per session log: `<log>.lock`, created exclusively (O_EXCL) and holding
 * the owner's pid, host and start time, for as long as a recorder has the log open.
 * A second writer is refused with who holds it. A lock whose process is gone (a
 * `kill -9`, a crash, a power cut) is stale and taken over.
 *
 * Why not a lock library: proper-lockfile, the usual choice, tells staleness by an
 * mtime it keeps touching from a timer, and does not say who holds a lock; a log
 * needs "pid 4242 is writing it", and a pid check needs no timer.
 *
 * What it cannot know: a pid reused by an unrelated process after a crash looks
 * alive (the message names the lock file to delete), and a lock written on another
 * host is respected, since its pid cannot be checked from here.
 */

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
}

export class SessionLockedError extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    const id = basename(path, SESSION_EXTENSION);
    const who = holder ? `pid ${holder.pid} on ${holder.host}, since ${holder.since}` : 'its lock is being written right now';
    super(
      `${id} is being written by another persona-talks process (${who}); only one may write a session at a time. ` +
        `Wait for it to finish, or stop it. If no such process is running, delete ${path}.lock.`,
    );
    this.name = 'SessionLockedError';
  }
}

/** An empty or half-written lock younger than this belongs to a process still writing it. */
const UNREADABLE_GRACE_MS = 10_000;

export function lockPath(logPath: string): string {
  return `${logPath}.lock`;
}

/** Takes the lock of `logPath` or throws SessionLockedError; returns the release function. */
export function lockSession(logPath: string): () => void {
  const path = lockPath(logPath);
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  // Two rounds: the second follows the removal of a stale lock.
  for (let round = 0; round < 2; round++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const found = readLock(path);
      if (found === 'gone') continue;
      if (!isStale(found, path)) throw new SessionLockedError(logPath, found === 'unreadable' ? undefined : found);
      removeIfUnchanged(path, found);
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(mine));
    } finally {
      closeSync(fd);
    }
    return () => release(path, mine);
  }
  throw new SessionLockedError(logPath, undefined);
}

function readLock(path: string): LockHolder | 'unreadable' | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.since === 'string') return value as LockHolder;
  } catch {
    // falls through: not (yet) a whole lock
  }
  return 'unreadable';
}

function isStale(found: LockHolder | 'unreadable', path: string): boolean {
  if (found === 'unreadable') {
    try {
      return Date.now() - statSync(path).mtimeMs > UNREADABLE_GRACE_MS;
    } catch {
      return true;
    }
  }
  if (found.host !== hostname()) return false;
  return !processIsAlive(found.pid);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a stale lock unless another process replaced it since we read it. */
function removeIfUnchanged(path: string, seen: LockHolder | 'unreadable'): void {
  const now = readLock(path);
  if (now === 'gone') return;
  if (seen !== 'unreadable' && (now === 'unreadable' || now.pid !== seen.pid || now.since !== seen.since)) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Removes the lock if it is still ours (a stale-lock takeover elsewhere must not be undone). */
function release(path: string, mine: LockHolder): void {
  const found = readLock(path);
  if (found === 'gone' || found === 'unreadable' || found.pid !== mine.pid || found.since !== mine.since) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
