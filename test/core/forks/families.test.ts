import { describe, expect, it } from 'vitest';
import type { ForkChange, ForkOrigin } from '../../../src/core/domain.js';
import { familyLineage, familyRows, sessionFamilies, type FamilySession } from '../../../src/core/forks/families.js';
import { familyGrouping, lineageKey } from '../../../src/core/forks/family-stats.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { makeTurns, tempDir, writeSession } from '../sessions/fixtures.js';

const A_LOW: ForkChange = { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: 4.4, to: 1.5 };
const BLIND: ForkChange = { kind: 'condition', from: 'aware', to: 'blind' };

const fork = (parent: string, atTurn: number, changes: ForkChange[]): ForkOrigin => ({ parent: { id: parent }, atTurn, changes });
const s = (id: string, createdAt: string, origin?: ForkOrigin): FamilySession => ({ id, createdAt, ...(origin ? { fork: origin } : {}) });

describe('session families', () => {
  const sessions = [
    s('root-1', '2025-01-01T10:00:00Z'),
    s('fork-b', '2025-01-01T10:05:00Z', fork('root-1', 6, [BLIND])),
    s('fork-a', '2025-01-01T10:09:00Z', fork('root-1', 4, [A_LOW])),
    s('fork-a-blind', '2025-01-01T10:10:00Z', fork('fork-a', 8, [BLIND])),
    s('lonely', '2025-01-02T10:00:00Z'),
    s('orphan', '2025-01-03T10:00:00Z', fork('deleted-parent', 2, [BLIND])),
  ];

  it('groups a session and its forks (and theirs) into one tree, forks by fork turn; every session in exactly one family', () => {
    const families = sessionFamilies(sessions);
    expect(families.map((f) => [f.root.session.id, f.size])).toEqual([
      ['orphan', 1],
      ['lonely', 1],
      ['root-1', 4],
    ]);
    const root = families[2]!.root;
    expect(root.forks.map((n) => n.session.id)).toEqual(['fork-a', 'fork-b']);
    expect(root.forks[0]!.forks.map((n) => n.session.id)).toEqual(['fork-a-blind']);
    expect(families[0]!.missingParent).toBe('deleted-parent');
    expect(families.reduce((n, f) => n + f.size, 0)).toBe(sessions.length);
  });

  it('draws a family as an indented tree', () => {
    const family = sessionFamilies(sessions).find((f) => f.root.session.id === 'root-1')!;
    expect(familyRows(family).map((r) => `${r.prefix}${r.session.id}`)).toEqual(['root-1', '├─ fork-a', '│  └─ fork-a-blind', '└─ fork-b']);
  });

  it('gives each member the forks that led to it', () => {
    const family = sessionFamilies(sessions).find((f) => f.root.session.id === 'root-1')!;
    const lineage = Object.fromEntries(familyLineage(family).map((m) => [m.session.id, m.lineage.map((o) => o.changes)]));
    expect(lineage).toEqual({ 'root-1': [], 'fork-a': [[A_LOW]], 'fork-a-blind': [[A_LOW], [BLIND]], 'fork-b': [[BLIND]] });
    expect(lineageKey([fork('x', 1, [A_LOW]), fork('y', 2, [BLIND])])).toBe('condition=blind + supporter.hexaco.A=1.5');
    expect(lineageKey([fork('x', 1, [A_LOW]), fork('y', 2, [{ ...A_LOW, from: 1.5, to: 2 }])])).toBe('supporter.hexaco.A=2');
    expect(lineageKey([fork('x', 1, [])])).toBe('original');
  });

  it('a parent chain that loops (a hand-edited file) does not hang or lose a session', () => {
    const looped = [s('x', '2025-01-01T00:00:00Z', fork('y', 1, [BLIND])), s('y', '2025-01-01T00:00:01Z', fork('x', 1, [BLIND]))];
    const families = sessionFamilies(looped);
    expect(families.reduce((n, f) => n + f.size, 0)).toBe(2);
  });
});

describe('stats --by family grouping', () => {
  it('groups family members by what their forks changed, counts each turn once, and leaves lone sessions out', () => {
    const dir = tempDir();
    const talk = makeTurns([
      ['seeker', 'One.'],
      ['supporter', 'Two.', 'Question'],
      ['seeker', 'Three.'],
      ['supporter', 'Four.', 'Question'],
    ]);
    const root = writeSession(dir, { turns: talk, header: { id: 'root', createdAt: '2025-01-01T10:00:00.000Z' } });
    const forkTurns = [...talk.slice(0, 2), ...makeTurns([
      ['seeker', 'x'],
      ['supporter', 'x'],
      ['seeker', 'Three, again.'],
      ['supporter', 'Something else.', 'Information'],
    ]).slice(2)];
    const forked = writeSession(dir, { turns: forkTurns, header: { id: 'forked', createdAt: '2025-01-01T11:00:00.000Z', fork: fork('root', 2, [BLIND]) } });
    const lone = writeSession(dir, { turns: talk, header: { id: 'lone', createdAt: '2025-01-01T12:00:00.000Z' } });
    const grouping = familyGrouping([root, forked, lone].map((path) => readSession(path)));
    expect(grouping.outside).toBe(1);
    const groups = Object.fromEntries(grouping.sessions.map((session) => [session.header.id, [grouping.groupOf(session).key, session.turns.map((t) => t.index)]]));
    expect(groups).toEqual({ root: ['original', [0, 1, 2, 3]], forked: ['condition=blind', [2, 3]] });
  });
});
