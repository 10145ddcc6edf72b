import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { listSessions } from '../../../../src/core/sessions/list.js';
import { inFamilies } from '../../../../src/ui/screens/sessions/familyOrder.js';
import { SessionsScreen } from '../../../../src/ui/screens/sessions/SessionsScreen.js';
import { tempDir, writeSession } from '../../../core/sessions/fixtures.js';
import { press, renderAtSize, waitForFrame, withKeys } from '../../helpers.js';

afterEach(() => cleanup());

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks.'],
  ['supporter', 'That is a lot to hold.', 'Reflection of Feelings'],
] as const;

/** A parent, two forks of it (turns 2 and 1) and a fork of the first fork; and an unrelated, newer session. */
function folder() {
  const dir = tempDir();
  writeSession(dir, { header: { id: 'parent', createdAt: '2025-03-01T10:00:00.000Z' }, turns: TALK });
  const fork = (id: string, parent: string, atTurn: number, createdAt: string, to: number) =>
    writeSession(dir, {
      header: { id, createdAt, fork: { parent: { id: parent }, atTurn, changes: [{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: 4, to }] } },
      turns: TALK,
    });
  fork('fork-late', 'parent', 2, '2025-03-01T11:00:00.000Z', 1.5);
  fork('fork-early', 'parent', 1, '2025-03-01T12:00:00.000Z', 2);
  fork('fork-of-fork', 'fork-late', 3, '2025-03-01T13:00:00.000Z', 1);
  writeSession(dir, { header: { id: 'alone', createdAt: '2025-03-05T10:00:00.000Z' }, turns: TALK });
  return dir;
}

describe('the session browser in families', () => {
  it('orders a session, then its forks as a tree by fork turn, each with its turn and change', () => {
    const { sessions, places } = inFamilies(listSessions(folder()).sessions);
    expect(sessions.map((s) => s.id)).toEqual(['alone', 'parent', 'fork-early', 'fork-late', 'fork-of-fork']);
    const place = (id: string) => places.get(sessions.find((s) => s.id === id)!.path)!;
    expect(place('parent')).toEqual({ prefix: '' });
    expect(place('fork-early')).toEqual({ prefix: '├─ ', note: '@1 supporter.hexaco.A=2' });
    expect(place('fork-late')).toEqual({ prefix: '└─ ', note: '@2 supporter.hexaco.A=1.5' });
    expect(place('fork-of-fork')).toEqual({ prefix: '   └─ ', note: '@3 supporter.hexaco.A=1' });
  });

  it('a fork whose parent is not listed starts its own family and names its parent', () => {
    const all = listSessions(folder()).sessions;
    const { sessions, places } = inFamilies(all.filter((s) => s.id !== 'parent'));
    const late = sessions.find((s) => s.id === 'fork-late')!;
    expect(places.get(late.path)).toEqual({ prefix: '', note: 'fork of parent @2 supporter.hexaco.A=1.5' });
    expect(sessions.indexOf(sessions.find((s) => s.id === 'fork-of-fork')!)).toBe(sessions.indexOf(late) + 1);
  });

  it('draws the tree in the list at 120 columns, and the cursor walks it in that order', async () => {
    const r = renderAtSize(withKeys(<SessionsScreen dir={folder()} onReplay={() => {}} onResume={async () => undefined} onBack={() => {}} />), 120, 20);
    const frame = await waitForFrame(r, '@3 supporter');
    const lines = frame.split('\n');
    const row = (text: string) => lines.findIndex((l) => l.includes(text));
    expect(row('├─ ')).toBeGreaterThan(0);
    expect(lines[row('@1 supp')]).toMatch(/├─ .* · @1 supporter\.hexaco\.A=2 /);
    expect(lines[row('@2 supp')]).toMatch(/└─ .* · @2 supporter\.hexaco\.A=1\.5 /);
    expect(lines[row('@3 supp')]).toMatch(/ {3}└─ .* · @3 supporter\.hexaco\.A=1 /);
    expect(row('@1 supp')).toBeLessThan(row('@2 supp'));
    expect(row('@2 supp')).toBeLessThan(row('@3 supp'));
    await press(r, 'down', 2);
    const moved = await waitForFrame(r, (f) => f.split('\n').some((l) => l.startsWith('›') && l.includes('@1 supp')));
    expect(moved).toBeTruthy();
  });
});
