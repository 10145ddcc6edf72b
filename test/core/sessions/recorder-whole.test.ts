import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import type { SessionEvent } from '../../../src/core/sessions/records.js';
import { makeHeader, makeTurns, tempDir } from './fixtures.js';

/** The records of a log without their timestamps, which differ between two writes. */
const withoutTimes = (path: string) => readFileSync(path, 'utf8').replace(/"at":"[^"]+"/g, '"at":""');

describe('a whole session written at once (bulk writers such as an import)', () => {
  const header = makeHeader();
  const turns = makeTurns([
    ['seeker', 'I lost my job last week.'],
    ['supporter', 'That sounds like a lot to carry.', 'Reflection of Feelings'],
  ]);
  const events: SessionEvent[] = [
    { type: 'session-started', header },
    ...turns.map((turn) => ({ type: 'turn-finished' as const, turn })),
    { type: 'ended', reason: 'turn-cap', turns: turns.length },
  ];

  it('writes the same records record() would, and the reader reads them whole', () => {
    const one = tempDir();
    const recorder = SessionRecorder.create(one, header.id);
    for (const event of events) recorder.record(event);
    recorder.close();
    const two = tempDir();
    const path = SessionRecorder.writeWhole(two, header.id, events);
    SessionRecorder.syncFolder(two);
    expect(withoutTimes(path)).toBe(withoutTimes(recorder.path));
    const read = readSession(path);
    expect(read.turns.map((t) => t.text)).toEqual(turns.map((t) => t.text));
    expect(read.ended?.reason).toBe('turn-cap');
  });

  it('never overwrites a session with the same id, and refuses a record of the wrong shape', () => {
    const dir = tempDir();
    SessionRecorder.writeWhole(dir, header.id, events);
    expect(() => SessionRecorder.writeWhole(dir, header.id, events)).toThrow(/EEXIST/);
    const broken = [{ type: 'session-started', header }, { type: 'turn-finished', turn: { ...turns[0]!, text: 42 } }] as unknown as SessionEvent[];
    expect(() => SessionRecorder.writeWhole(tempDir(), header.id, broken)).toThrow(/wrong shape/);
  });
});
