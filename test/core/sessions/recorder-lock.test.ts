import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionLockedError, SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { makeHeader, tempDir, writeSession } from './fixtures.js';

/** The pid of a process that has exited: its lock is stale. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const lockOf = (path: string) => `${path}.lock`;

describe('one writer per session: the recorder locks a log while it is open', () => {
  it('a second writer is refused, told who holds the log; once closed it can be opened again', () => {
    const path = writeSession(tempDir(), { turns: [['seeker', 'Hello.']], ended: false });
    const first = SessionRecorder.continue(path);
    expect(JSON.parse(readFileSync(lockOf(path), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    let refused: unknown;
    try {
      SessionRecorder.continue(path);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SessionLockedError);
    expect((refused as Error).message).toMatch(new RegExp(`is being written by another persona-talks process \\(pid ${process.pid} on ${hostname()}, since `));
    first.close();
    expect(existsSync(lockOf(path))).toBe(false);
    SessionRecorder.continue(path).close();
  });

  it('a new log is locked from its creation', () => {
    const header = makeHeader();
    const recorder = SessionRecorder.create(tempDir(), header.id);
    recorder.record({ type: 'session-started', header });
    expect(() => SessionRecorder.continue(recorder.path)).toThrow(SessionLockedError);
    recorder.close();
    expect(existsSync(lockOf(recorder.path))).toBe(false);
  });

  it('a lock left by a process that is gone (kill -9, a crash) is stale: it is taken over', () => {
    const path = writeSession(tempDir(), { turns: [['seeker', 'Hello.']], ended: false });
    writeFileSync(lockOf(path), JSON.stringify({ pid: deadPid(), host: hostname(), since: '2025-03-01T10:00:00.000Z' }));
    const recorder = SessionRecorder.continue(path);
    expect(JSON.parse(readFileSync(lockOf(path), 'utf8'))).toMatchObject({ pid: process.pid });
    recorder.record({ type: 'notice', level: 'warn', message: 'written after taking over a stale lock' });
    recorder.close();
    expect(readSession(path).records.some((r) => r.type === 'notice')).toBe(true);
  });

  it('a lock held by a live process in another program is respected, naming its pid', async () => {
    const path = writeSession(tempDir(), { turns: [['seeker', 'Hello.']], ended: false });
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lockOf(path), JSON.stringify({ pid: holder.pid, host: hostname(), since: '2025-03-01T10:00:00.000Z' }));
      expect(() => SessionRecorder.continue(path)).toThrow(new RegExp(`pid ${holder.pid} on`));
      // Nothing was written and the holder's lock is untouched.
      expect(JSON.parse(readFileSync(lockOf(path), 'utf8'))).toMatchObject({ pid: holder.pid });
    } finally {
      holder.kill();
    }
  });

  it('an empty lock file is being written by its owner for a moment: respected while fresh, stale when old', () => {
    const path = writeSession(tempDir(), { turns: [['seeker', 'Hello.']], ended: false });
    writeFileSync(lockOf(path), '');
    expect(() => SessionRecorder.continue(path)).toThrow(SessionLockedError);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockOf(path), minuteAgo, minuteAgo);
    SessionRecorder.continue(path).close();
  });
});
