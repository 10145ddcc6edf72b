import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteSession, listSessions, resolveSessionArg, SessionLookupError } from '../../../src/core/sessions/list.js';
import { readSession, SessionReadError } from '../../../src/core/sessions/reader.js';
import { BASELINE, makeHeader, tempDir, truncateWithPartialLine, writeSession } from './fixtures.js';

const CONVERSATION = [
  ['seeker', 'The ferry closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks.'],
  ['supporter', 'That is a lot to carry alone.', 'Reflection of Feelings'],
  ['supporter', 'Have you thought about telling your sister?', 'Question'],
] as const;

describe('listSessions', () => {
  it('leaves the records it does not show unparsed: a broken meter line is not even noticed', () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: CONVERSATION });
    appendFileSync(path, '{"type":"meter","speaker":"seeker", cut short\n');
    // A full read finds and reports the broken line; the listing never parses it.
    expect(readSession(path).skippedLines).toHaveLength(1);
    const [listed] = listSessions(dir).sessions;
    expect(listed?.skippedLines).toBe(0);
    expect(listed?.turns).toBe(CONVERSATION.length);
  });

  it('summarises each session, newest first, and skips non-session files with a reason', () => {
    const dir = tempDir();
    const older = writeSession(dir, { header: { id: 'a-older', createdAt: '2025-01-01T09:00:00.000Z' }, turns: CONVERSATION });
    const newer = writeSession(dir, {
      header: { id: 'b-newer', createdAt: '2025-02-01T09:00:00.000Z', condition: 'blind', engine: 'script', personas: { seeker: makeHeader().personas.seeker, supporter: BASELINE } },
      turns: CONVERSATION.slice(0, 2),
      ended: false,
    });
    writeFileSync(join(dir, 'notes.jsonl'), '{"hello":"world"}\n');
    writeFileSync(join(dir, 'readme.txt'), 'not even jsonl');

    const { sessions, skipped } = listSessions(dir);
    expect(sessions.map((s) => s.path)).toEqual([newer, older]);
    const [b, a] = sessions;
    expect(a).toMatchObject({
      id: 'a-older',
      seeker: { id: 'tide-seeker', name: 'Odile Marsh' },
      supporter: { id: 'harbour-listener', name: 'Tobias Wren' },
      condition: 'aware',
      engine: 'agents',
      mode: 'watch',
      turns: 5,
      supporterTurns: 3,
      finished: true,
      endReason: 'turn-cap',
      imported: false,
      skippedLines: 0,
    });
    expect(a?.strategyCounts.Question).toBe(2);
    expect(a?.strategyCounts['Reflection of Feelings']).toBe(1);
    expect(a?.strategyCounts.Others).toBe(0);
    expect(b).toMatchObject({ condition: 'blind', engine: 'script', supporter: { id: 'plain-supporter' }, finished: false, turns: 2 });
    expect(b?.endReason).toBeUndefined();
    // Only *.jsonl files are candidates; the foreign one is reported, not fatal.
    expect(skipped).toHaveLength(1);
    expect(basename(skipped[0]!.path)).toBe('notes.jsonl');
    expect(skipped[0]!.reason).toMatch(/not a persona-talks session/);
  });

  it('still lists a session whose last line was cut short by a crash', () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: CONVERSATION, ended: false });
    truncateWithPartialLine(path);
    const { sessions, skipped } = listSessions(dir);
    expect(skipped).toEqual([]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ turns: 5, finished: false, skippedLines: 1 });
  });

  it('returns nothing for a folder that does not exist', () => {
    expect(listSessions(join(tempDir(), 'missing'))).toEqual({ sessions: [], skipped: [] });
  });
});

describe('resolveSessionArg', () => {
  it('accepts a path, an id, an id with the extension, and a unique prefix', () => {
    const dir = tempDir();
    const one = writeSession(dir, { header: { id: '2025-01-01_alpha_x' }, turns: CONVERSATION });
    const two = writeSession(dir, { header: { id: '2025-01-01_beta_x' }, turns: CONVERSATION });
    expect(resolveSessionArg(one, '/nonexistent')).toBe(one);
    expect(resolveSessionArg('2025-01-01_alpha_x', dir)).toBe(one);
    expect(resolveSessionArg('2025-01-01_beta_x.jsonl', dir)).toBe(two);
    expect(resolveSessionArg('2025-01-01_b', dir)).toBe(two);
  });

  it('refuses an ambiguous prefix, naming the candidates, and an unknown name', () => {
    const dir = tempDir();
    writeSession(dir, { header: { id: '2025-01-01_alpha_x' }, turns: CONVERSATION });
    writeSession(dir, { header: { id: '2025-01-01_beta_x' }, turns: CONVERSATION });
    expect(() => resolveSessionArg('2025-01', dir)).toThrow(/matches 2 sessions[\s\S]*alpha_x[\s\S]*beta_x/);
    expect(() => resolveSessionArg('zzz', dir)).toThrow(SessionLookupError);
    expect(() => resolveSessionArg('../../2025', dir)).toThrow(SessionLookupError);
  });
});

describe('deleteSession', () => {
  it('removes a session file but refuses a file that is not a session', () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: CONVERSATION });
    const other = join(dir, 'precious.jsonl');
    writeFileSync(other, '{"type":"header","app":"something-else"}\n');
    expect(() => deleteSession(other)).toThrow(SessionReadError);
    expect(existsSync(other)).toBe(true);
    deleteSession(path);
    expect(existsSync(path)).toBe(false);
  });
});
