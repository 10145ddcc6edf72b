import { describe, expect, it } from 'vitest';
import { compareArms, kruskalWallis, mannWhitney } from '../../../src/core/analysis/rank-tests.js';
import { expectNear } from './reference/close.js';

// Reference values: SciPy 1.10.1 on Debian 12 (mannwhitneyu(method="asymptotic"), kruskal), from
// test/core/analysis/reference/reference_values.py; the effect sizes there are formulas on SciPy's U and H.

// Empathy ratings (1–5) per conversation in three arms.
const WITH = { arm: 'with persona', values: [4, 5, 3, 4, 4, 5, 2, 4, 5, 3, 4, 4] };
const WITHOUT = { arm: 'without persona', values: [3, 3, 2, 4, 3, 1, 3, 4, 2, 3] };
const BLIND = { arm: 'blind', values: [4, 3, 5, 3, 4, 2, 4, 3, 4] };

describe('Mann–Whitney U (normal approximation, tie correction)', () => {
  it('matches scipy.stats.mannwhitneyu with and without the continuity correction', () => {
    const corrected = mannWhitney(WITH, WITHOUT);
    const plain = mannWhitney(WITH, WITHOUT, { continuity: false });
    if (!corrected.ok || !plain.ok) throw new Error('not computable');
    expect(corrected.u).toBe(97);
    expectNear(corrected.pValue, 0.011934360549057776, 1e-9, 'p (continuity)');
    expectNear(plain.pValue, 0.010818148293404826, 1e-9, 'p (no continuity)');
    expectNear(corrected.rankBiserial, 0.6166666666666667, 1e-12);
    expect(corrected).toMatchObject({ test: 'mann-whitney', n: [12, 10], continuity: true, smallSample: false });
    expect(corrected.z).toBeGreaterThan(0);
  });

  it('swapping the arms flips U, z and the effect size but not p', () => {
    const ab = mannWhitney(WITH, WITHOUT);
    const ba = mannWhitney(WITHOUT, WITH);
    if (!ab.ok || !ba.ok) throw new Error('not computable');
    expect(ba.u).toBe(12 * 10 - 97);
    expect(ba.rankBiserial).toBeCloseTo(-ab.rankBiserial, 12);
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 14);
  });

  it('an empty arm or all-tied values are not computable; small arms are flagged', () => {
    expect(mannWhitney(WITH, { arm: 'script', values: [] })).toMatchObject({ ok: false, reason: expect.stringMatching(/script has no values/) });
    expect(mannWhitney({ arm: 'a', values: [3, 3, 3] }, { arm: 'b', values: [3, 3] })).toMatchObject({ ok: false, reason: expect.stringMatching(/every value ties/) });
    expect(mannWhitney({ arm: 'a', values: [1, 2] }, { arm: 'b', values: [3, 4] })).toMatchObject({ ok: true, smallSample: true, rankBiserial: -1 });
    // |U − n₁n₂/2| below ½: the continuity correction stops at the mean, p = 1.
    expect(mannWhitney({ arm: 'a', values: [1, 3] }, { arm: 'b', values: [2, 2] })).toMatchObject({ ok: true, z: 0, pValue: 1 });
    expect(() => mannWhitney({ arm: 'a', values: [Number.NaN] }, WITH)).toThrow(RangeError);
  });
});

describe('Kruskal–Wallis H (tie correction)', () => {
  it('matches scipy.stats.kruskal; epsilon² = H / (N − 1)', () => {
    const result = kruskalWallis([WITH, WITHOUT, BLIND]);
    if (!result.ok) throw new Error(result.reason);
    expectNear(result.h, 7.114093710551686, 1e-12, 'H');
    expectNear(result.pValue, 0.028522932809913998, 1e-9, 'p');
    expectNear(result.epsilonSquared, 0.23713645701838953, 1e-12, 'epsilon²');
    expect(result).toMatchObject({ test: 'kruskal-wallis', df: 2, n: [12, 10, 9] });
  });

  it('identical arms give H = 0 and p = 1; degenerate inputs are not computable', () => {
    expect(kruskalWallis([{ arm: 'a', values: [1, 2, 3] }, { arm: 'b', values: [1, 2, 3] }])).toMatchObject({ ok: true, h: 0, pValue: 1, epsilonSquared: 0 });
    expect(kruskalWallis([WITH])).toMatchObject({ ok: false, reason: expect.stringMatching(/two arms/) });
    expect(kruskalWallis([WITH, { arm: 'x', values: [] }])).toMatchObject({ ok: false, reason: expect.stringMatching(/x has no values/) });
    expect(kruskalWallis([{ arm: 'a', values: [2, 2] }, { arm: 'b', values: [2] }, { arm: 'c', values: [2] }])).toMatchObject({ ok: false, reason: expect.stringMatching(/every value ties/) });
  });
});

describe('compareArms picks the test and leaves empty arms out', () => {
  it('two arms → Mann–Whitney, three → Kruskal–Wallis, empty arms listed', () => {
    expect(compareArms([WITH, WITHOUT])).toMatchObject({ ok: true, test: 'mann-whitney', dropped: [] });
    expect(compareArms([WITH, WITHOUT, BLIND])).toMatchObject({ ok: true, test: 'kruskal-wallis', dropped: [] });
    const dropped = compareArms([WITH, { arm: 'script', values: [] }, WITHOUT]);
    expect(dropped).toMatchObject({ ok: true, test: 'mann-whitney', arms: ['with persona', 'without persona'], dropped: ['script'] });
    const none = compareArms([WITH, { arm: 'script', values: [] }]);
    expect(none).toMatchObject({ ok: false, dropped: ['script'] });
    expect(JSON.stringify(none)).not.toMatch(/NaN|null/);
  });
});
