import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/commands/import.js';
import { runSessionsCommand } from '../../src/commands/sessions.js';
import { listSessions } from '../../src/core/sessions/list.js';
import { captureIo, tempDir, truncateWithPartialLine, writeSession } from '../core/sessions/fixtures.js';

describe('sessions command', () => {
  it('lists sessions as a table, notes damaged ones, and reports skipped files on stderr', async () => {
    const dir = tempDir();
    writeSession(dir, { header: { id: 'sess-finished', createdAt: '2025-03-01T10:00:00.000Z' }, turns: [['seeker', 'a'], ['supporter', 'b', 'Question']] });
    const damaged = writeSession(dir, { header: { id: 'sess-crashed', createdAt: '2025-03-02T11:30:00.000Z' }, turns: [['seeker', 'a']], ended: false });
    truncateWithPartialLine(damaged);
    writeFileSync(join(dir, 'stray.jsonl'), 'garbage\n');
    const cap = captureIo(100);
    expect(await runSessionsCommand([], cap.io, { sessionsDir: dir })).toBe(0);
    const lines = cap.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CREATED\s+SEEKER\s+SUPPORTER\s+COND\s+TURNS\s+STATUS\s+ID$/);
    expect(lines[1]).toMatch(/^2025-03-02 11:30\s+tide-seeker\s+harbour-listener\s+aware\s+1\s+unfinished, 1 bad line\s+sess-crashed$/);
    expect(lines[2]).toMatch(/^2025-03-01 10:00 .* 2\s+finished \(turn-cap\)\s+sess-finished$/);
    expect(cap.stderr()).toMatch(/skipped .*stray\.jsonl: .*not a persona-talks session/);
  });

  it('prints JSON with --json and honours --sessions', async () => {
    const dir = tempDir();
    writeSession(dir, { header: { id: 'json-one' }, turns: [['seeker', 'a']] });
    const cap = captureIo();
    expect(await runSessionsCommand(['list', '--json', '--sessions', dir], cap.io)).toBe(0);
    const data = JSON.parse(cap.stdout()) as { sessions: Array<{ id: string; turns: number }>; skipped: unknown[] };
    expect(data.sessions.map((s) => [s.id, s.turns])).toEqual([['json-one', 1]]);
    expect(data.skipped).toEqual([]);
  });

  it('deletes only with --yes', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { header: { id: 'doomed' }, turns: [['seeker', 'a']] });
    let cap = captureIo();
    expect(await runSessionsCommand(['delete', 'doomed'], cap.io, { sessionsDir: dir })).toBe(2);
    expect(existsSync(path)).toBe(true);
    cap = captureIo();
    expect(await runSessionsCommand(['delete', 'doomed', '--yes'], cap.io, { sessionsDir: dir })).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});

describe('import command', () => {
  it('imports what it can, reports skipped entries on stderr, and exits 0', async () => {
    const dir = join(tempDir(), 'sessions');
    const file = join(tempDir(), 'mixed.json');
    writeFileSync(
      file,
      JSON.stringify([
        { emotion_type: 'sadness', problem_type: 'breakup with partner', situation: 's', dialog: [{ speaker: 'usr', content: 'hi\n' }, { speaker: 'sys', annotation: { strategy: 'Questions' }, content: 'what happened?\n' }] },
        42,
        { dialog: [] },
      ]),
    );
    const cap = captureIo();
    expect(await runImportCommand(['esconv', file, '--sessions', dir], cap.io)).toBe(0);
    expect(cap.stdout()).toMatch(/Imported 1 conversation from .*mixed\.json into .*; skipped 2/);
    expect(cap.stdout()).toMatch(/entry 0 → .*\.jsonl \(2 turns\)/);
    expect(cap.stderr()).toContain('skipped entry 1: not an object (number)');
    expect(cap.stderr()).toContain('skipped entry 2: empty dialog');
    const { sessions } = listSessions(dir);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ imported: true, turns: 2, finished: true, supporter: { id: 'esconv-human-supporter' } });
    expect(sessions[0]?.strategyCounts.Question).toBe(1);
  });

  it('exits 1 when nothing could be imported and 2 on bad usage', async () => {
    const dir = tempDir();
    const file = join(dir, 'empty.json');
    writeFileSync(file, '[{"dialog": []}]');
    let cap = captureIo();
    expect(await runImportCommand(['esconv', file, '--sessions', dir], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/skipped entry 0: empty dialog[\s\S]*nothing imported/);
    writeFileSync(file, 'this is not json');
    cap = captureIo();
    expect(await runImportCommand(['esconv', file, '--sessions', dir], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/not valid JSON/);
    cap = captureIo();
    expect(await runImportCommand(['csv', file], cap.io)).toBe(2);
    cap = captureIo();
    expect(await runImportCommand(['esconv', join(dir, 'missing.json')], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/cannot read .*ENOENT/);
  });

  it('a binary file gets a short answer: the first 5 skipped entries, then a count', async () => {
    const dir = tempDir();
    const file = join(dir, 'photo.bin');
    // Thousands of "lines" of noise, a few of which happen to parse as JSON (a lone digit), as in a real binary.
    const lines = Array.from({ length: 12_000 }, (_, i) => (i % 50 === 0 ? '7' : Buffer.from([0xff, 0xd8, i % 256, 0x00, 0x9b]).toString('latin1')));
    writeFileSync(file, lines.join('\n'), 'latin1');
    const cap = captureIo();
    expect(await runImportCommand(['esconv', file, '--sessions', dir], cap.io)).toBe(1);
    const said = cap.stderr().trimEnd().split('\n');
    expect(said.filter((l) => l.startsWith('skipped entry'))).toHaveLength(5);
    expect(cap.stderr()).toMatch(/… and \d{4,} more skipped entries\n.*nothing imported/);
    expect(said.length).toBeLessThan(10);
  });
});
