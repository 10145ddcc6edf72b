import { describe, expect, it } from 'vitest';
import { comparedSession, comparedSideTracker, whereDiverged, type ComparedSide } from '../../../src/core/compare/where-diverged.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { makeTurns, tempDir, writeSession } from '../sessions/fixtures.js';

const OPENING = ['seeker', 'My shop is closing next month.'] as const;

const sideA: ComparedSide = {
  turns: makeTurns([
    OPENING,
    ['supporter', 'What will you do next?', 'Question'],
    ['seeker', 'I do not know yet.'],
    ['supporter', 'That uncertainty sounds hard.', 'Reflection of Feelings'],
    ['seeker', 'It is.'],
    ['supporter', 'Could you ask the landlord for more time?', 'Providing Suggestions'],
  ]),
  supporterMeasured: { hexaco: { A: 4.5, X: 2 }, csi: { verbal_aggressiveness: 1.2 } },
  supporterTarget: { hexaco: { A: 4.6, X: 2.1, H: 4, E: 3, C: 3, O: 3 }, csi: {} },
};
const sideB: ComparedSide = {
  turns: makeTurns([
    OPENING,
    ['supporter', 'What will you do next?', 'Question'],
    ['seeker', 'I do not know yet.'],
    ['supporter', 'Then make a plan tonight.', 'Providing Suggestions'],
    ['seeker', 'Fine.'],
  ]),
  supporterMeasured: { hexaco: { A: 2, O: 3 }, csi: { verbal_aggressiveness: 3.7 } },
};

describe('where two conversations diverged', () => {
  const d = whereDiverged(sideA, sideB, 1);

  it('the first turn whose words differ and the first whose strategies differ', () => {
    expect(d.sharedTurns).toBe(1);
    expect(d.turns).toEqual({ A: 6, B: 5 });
    expect(d.firstDifferentText).toBe(3);
    expect(d.firstDifferentStrategy).toEqual({ index: 3, A: 'Reflection of Feelings', B: 'Providing Suggestions' });
  });

  it('the strategy mixes after the shared turns, and their Jensen–Shannon divergence', () => {
    expect(d.strategyMix.A).toMatchObject({ Question: 1, 'Reflection of Feelings': 1, 'Providing Suggestions': 1 });
    expect(d.strategyMix.B).toMatchObject({ Question: 1, 'Providing Suggestions': 1, 'Reflection of Feelings': 0 });
    // P = (1/3, 1/3, 1/3) over Q, RoF, PS; Q = (1/2, 0, 1/2): M = (5/12, 1/6, 5/12).
    const m = [5 / 12, 1 / 6, 5 / 12];
    const kl = (p: number[]) => p.reduce((s, pi, i) => (pi > 0 ? s + pi * Math.log2(pi / m[i]!) : s), 0);
    const expected = (kl([1 / 3, 1 / 3, 1 / 3]) + kl([1 / 2, 0, 1 / 2])) / 2;
    expect(d.strategyMix.jensenShannon!.divergence).toBeCloseTo(expected, 12);
    expect(d.strategyMix.jensenShannon!.distance).toBeCloseTo(Math.sqrt(expected), 12);
  });

  it('the measured traits of the two supporters, B − A where both were measured, with the given values', () => {
    expect(d.traits).toEqual([
      { scale: 'hexaco', key: 'X', name: 'eXtraversion', A: 2, target: { A: 2.1 } },
      { scale: 'hexaco', key: 'A', name: 'Agreeableness', A: 4.5, B: 2, difference: -2.5, target: { A: 4.6 } },
      { scale: 'hexaco', key: 'O', name: 'Openness to Experience', B: 3, target: { A: 3 } },
      { scale: 'csi', key: 'verbal_aggressiveness', name: 'Verbal Aggressiveness', A: 1.2, B: 3.7, difference: expect.closeTo(2.5, 12) },
    ]);
  });

  it('reply lengths per speaker, after the shared turns', () => {
    expect(d.replyLengths.supporter.A).toEqual({ turns: 3, meanWords: (5 + 4 + 8) / 3, meanChars: expect.closeTo((22 + 29 + 41) / 3, 12) });
    expect(d.replyLengths.supporter.B.turns).toBe(2);
    expect(d.replyLengths.seeker.B).toEqual({ turns: 2, meanWords: 3, meanChars: (18 + 5) / 2 });
  });

  it('identical sides: no first difference, a divergence of 0; no labels at all: not computable', () => {
    const same = whereDiverged(sideA, sideA, 0);
    expect(same.firstDifferentText).toBeUndefined();
    expect(same.firstDifferentStrategy).toBeUndefined();
    expect(same.strategyMix.jensenShannon!.divergence).toBe(0);
    const unlabelled = whereDiverged({ turns: sideA.turns.slice(0, 1) }, { turns: sideB.turns.slice(0, 1) }, 1);
    expect(unlabelled.strategyMix.jensenShannon).toBeUndefined();
    expect(unlabelled.strategyMix.notComputable).toMatch(/empty/);
    expect(unlabelled.traits).toEqual([]);
  });

  it('reads a side from a saved session (last meter reading) and from live events alike', () => {
    const dir = tempDir();
    const path = writeSession(dir, {
      turns: sideA.turns,
      extra: [
        { type: 'meter', speaker: 'supporter', afterTurn: 1, hexaco: { A: { score: 3, confidence: 0.5 } }, csi: {} },
        { type: 'meter', speaker: 'supporter', afterTurn: 5, hexaco: { A: { score: 4.5, confidence: 0.8 }, X: { score: 2, confidence: 0 } }, csi: {} },
      ],
    });
    const session = readSession(path);
    const saved = comparedSession(session);
    expect(saved.supporterMeasured).toEqual({ hexaco: { A: 4.5 }, csi: {} });
    const tracker = comparedSideTracker();
    tracker.add({ type: 'session-started', header: session.header });
    for (const record of session.records.slice(1)) {
      if (record.type === 'turn') tracker.add({ type: 'turn-finished', turn: record.turn });
      if (record.type === 'meter') tracker.add(record);
    }
    expect(tracker.side()).toEqual(saved);
  });
});
