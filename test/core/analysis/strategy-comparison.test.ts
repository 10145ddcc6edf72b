import { describe, expect, it } from 'vitest';
import { agreement, cohenKappa } from '../../../src/core/analysis/agreement.js';
import { contingencyTest } from '../../../src/core/analysis/contingency.js';
import { jensenShannon } from '../../../src/core/analysis/divergence.js';
import { holmAdjust } from '../../../src/core/analysis/holm.js';
import { compareStrategies, fitToReference, referenceShares, strategyIndependence, strategyMix, type ArmCounts } from '../../../src/core/analysis/strategy-comparison.js';
import { STRATEGIES, type Strategy } from '../../../src/core/strategies.js';
import { expectNear } from './reference/close.js';

// Reference values: SciPy 1.10.1 (chi2_contingency, contingency.association, chisquare,
// spatial.distance.jensenshannon) and statsmodels 0.13.5 (Table.standardized_resids,
// multipletests(method="holm"), inter_rater.cohens_kappa) on Debian 12,
// from test/core/analysis/reference/reference_values.py.

// Columns in STRATEGIES order: Question, Restatement or Paraphrasing, Reflection of Feelings,
// Self-disclosure, Affirmation and Reassurance, Providing Suggestions, Information, Others.
const TABLE = {
  'with persona': [42, 12, 20, 9, 31, 25, 11, 15],
  'without persona': [55, 6, 9, 14, 22, 38, 17, 24],
  blind: [30, 10, 16, 4, 35, 18, 8, 12],
};

function arm(name: keyof typeof TABLE): ArmCounts {
  return { arm: name, counts: Object.fromEntries(STRATEGIES.map((s, i) => [s, TABLE[name][i]])) as Record<Strategy, number> };
}

const ARMS = [arm('with persona'), arm('without persona'), arm('blind')];

describe('Holm correction', () => {
  it('matches statsmodels, keeps input order, caps at 1', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2, 0.04]);
    [0.05, 0.12, 0.12, 0.03, 0.2, 0.12].forEach((p, i) => expectNear(adjusted[i] as number, p, 1e-12, `p${i}`));
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([0.1, 1.2])).toThrow(RangeError);
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
  });
});

describe('RQ3: strategy mix and test of independence', () => {
  it('mix per arm: counts over all eight labels, shares summing to 1', () => {
    const mix = strategyMix(ARMS);
    expect(mix.map((m) => [m.arm, m.n])).toEqual([
      ['with persona', 165],
      ['without persona', 185],
      ['blind', 133],
    ]);
    expect(Object.values(mix[0]?.shares ?? {}).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(Object.keys(mix[0]?.counts ?? {})).toEqual([...STRATEGIES]);
  });

  it('χ², df, p, Cramér’s V and adjusted standardised residuals match SciPy and statsmodels', () => {
    const result = strategyIndependence(ARMS);
    if (!result.ok) throw new Error(result.reason);
    expectNear(result.statistic, 28.673945247832116, 1e-12, 'chi2');
    expect(result.df).toBe(14);
    expectNear(result.pValue, 0.011563952436556441, 1e-9, 'p');
    expectNear(result.cramersV, 0.17228805279067314, 1e-12, 'V');
    expect(result.n).toBe(483);
    const residuals = [
      [-0.3018681489, 0.9996331297, 1.5273981091, -0.0933850779, 0.2331182914, -0.6858864253, -0.47422076, -0.7562701055],
      [1.3514223129, -1.8923893498, -2.6521680309, 1.4905680749, -2.8385430773, 1.747531626, 1.1444224138, 1.3601999445],
      [-1.1502149904, 0.9981231665, 1.2646425726, -1.522985629, 2.8415852684, -1.1735799361, -0.7419603236, -0.6773356182],
    ];
    expect(result.cells).toHaveLength(24);
    result.cells.forEach((cell, k) => {
      const ref = (residuals[Math.floor(k / 8)] as number[])[k % 8] as number;
      expect(Math.abs(cell.adjustedResidual - ref), `${cell.row} × ${cell.column}`).toBeLessThan(1e-9);
    });
    const expectedRow0 = [43.38509316770186, 9.565217391304348, 15.372670807453416, 9.22360248447205, 30.062111801242235, 27.67080745341615, 12.298136645962733, 17.422360248447205];
    result.cells.slice(0, 8).forEach((cell, i) => expectNear(cell.expected, expectedRow0[i] as number, 1e-12));
    expect(result.cells[8]).toMatchObject({ row: 'without persona', column: 'Question', observed: 55 });
  });

  it('two arms: the same test on a 2 × 8 table', () => {
    const result = strategyIndependence(ARMS.slice(0, 2));
    if (!result.ok) throw new Error(result.reason);
    expectNear(result.statistic, 15.482816279983833, 1e-12);
    expect(result.df).toBe(7);
    expectNear(result.pValue, 0.030285088075250897, 1e-9);
    expectNear(result.cramersV, 0.21032502928280067, 1e-12);
  });

  it('empty arms and unused strategies are dropped and listed; degenerate tables are not computable', () => {
    const withEmpty = strategyIndependence([...ARMS.slice(0, 2), { arm: 'script', counts: {} }]);
    if (!withEmpty.ok) throw new Error(withEmpty.reason);
    expect(withEmpty.dropped).toEqual({ rows: ['script'], columns: [] });
    expectNear(withEmpty.statistic, 15.482816279983833, 1e-12);

    const unused = contingencyTest(['a', 'b'], ['x', 'y', 'z'], [[5, 0, 7], [9, 0, 3]]);
    expect(unused).toMatchObject({ ok: true, df: 1, columns: ['x', 'z'], dropped: { rows: [], columns: ['y'] } });
    if (unused.ok) expect(unused.cells.every((c) => Number.isFinite(c.adjustedResidual))).toBe(true);

    expect(strategyIndependence([ARMS[0] as ArmCounts])).toMatchObject({ ok: false, reason: expect.stringMatching(/two rows/) });
    expect(strategyIndependence([{ arm: 'a', counts: {} }, { arm: 'b', counts: {} }])).toMatchObject({ ok: false, reason: expect.stringMatching(/no observations/) });
    expect(strategyIndependence([{ arm: 'a', counts: { Question: 4 } }, { arm: 'b', counts: { Question: 9 } }])).toMatchObject({ ok: false, reason: expect.stringMatching(/one category/) });
    expect(strategyIndependence([])).toMatchObject({ ok: false });
  });

  it('bad input throws: duplicate arms, unknown labels, fractional counts', () => {
    expect(() => strategyMix([ARMS[0] as ArmCounts, ARMS[0] as ArmCounts])).toThrow(/twice/);
    expect(() => strategyMix([{ arm: 'a', counts: { Questions: 3 } as Partial<Record<Strategy, number>> }])).toThrow(/Questions/);
    expect(() => strategyMix([{ arm: 'a', counts: { Question: 1.5 } }])).toThrow(RangeError);
    expect(() => contingencyTest(['a'], ['x', 'y'], [[1, 2], [3, 4]])).toThrow(RangeError);
  });
});

describe('RQ3: fit to the ESConv reference', () => {
  it('normalises the published row (rounded percentages) before use', () => {
    const shares = referenceShares();
    expect(Object.values(shares).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 15);
    expect(shares.Question).toBeCloseTo(0.207, 12);
  });

  it('matches scipy.stats.chisquare for two arms', () => {
    const fitWith = fitToReference(ARMS[0] as ArmCounts);
    const fitWithout = fitToReference(ARMS[1] as ArmCounts);
    if (!fitWith.ok || !fitWithout.ok) throw new Error('not computable');
    expectNear(fitWith.statistic, 17.748086994991823, 1e-12);
    expectNear(fitWith.pValue, 0.013159783621949724, 1e-9);
    expect(fitWith.df).toBe(7);
    expectNear(fitWithout.statistic, 20.541128473593357, 1e-12);
    expectNear(fitWithout.pValue, 0.004512120892820859, 1e-9);
    expectNear(fitWith.expected.Question, 165 * 0.207, 1e-12);
  });

  it('an arm without turns, or one using a label the reference never does, is not computable', () => {
    expect(fitToReference({ arm: 'empty', counts: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/no labelled/) });
    const reference = { ...referenceShares(), Information: 0 };
    expect(fitToReference({ arm: 'x', counts: { Information: 2, Question: 5 } }, reference)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Information.*expected count 0/),
    });
  });

  it('compareStrategies: Holm over the independence test and every arm’s fit (statsmodels)', () => {
    const comparison = compareStrategies(ARMS);
    expect(comparison.family).toBe(4);
    expect(comparison.reference.label).toBe('ESConv human supporters');
    const adjusted = [comparison.independence, ...comparison.fits].map((t) => (t.ok ? t.pHolm : Number.NaN));
    [0.023127904873112882, 0.023127904873112882, 0.013536362678462576, 0.001583365020319815].forEach((p, i) => expectNear(adjusted[i] as number, p, 1e-9, `test ${i}`));

    const withEmpty = compareStrategies([...ARMS, { arm: 'script', counts: {} }]);
    expect(withEmpty.family).toBe(4);
    expect(withEmpty.fits[3]).toMatchObject({ ok: false });
    expect(JSON.stringify(withEmpty)).not.toMatch(/NaN|null/);
  });
});

describe('declared vs perceived: Cohen’s kappa', () => {
  it('matches statsmodels on 16 paired labels', () => {
    const declared = [...'QQQRRAAASSQAQRAS'];
    const perceived = [...'QQRRRAASSSQAARAQ'];
    const kappa = cohenKappa(declared, perceived);
    if (!kappa.ok) throw new Error(kappa.reason);
    expectNear(kappa.kappa, 0.6631578947368421, 1e-12);
    expect(kappa.kappa).toBe(agreement(declared, perceived).kappa);
  });

  it('no pairs or a single shared label is not computable; unequal lists throw', () => {
    expect(cohenKappa([], [])).toMatchObject({ ok: false, reason: expect.stringMatching(/no supporter turn/) });
    expect(cohenKappa(['Q', 'Q'], ['Q', 'Q'])).toMatchObject({ ok: false, reason: expect.stringMatching(/chance agreement is 1/) });
    expect(() => cohenKappa(['Q'], [])).toThrow(RangeError);
  });
});

describe('Jensen–Shannon divergence', () => {
  const mix = (name: keyof typeof TABLE) => (arm(name).counts as Record<Strategy, number>);

  it('matches SciPy (jensenshannon with base 2, squared) on counts', () => {
    const js = jensenShannon(mix('with persona'), mix('without persona'));
    if (!js.ok) throw new Error(js.reason);
    expectNear(js.divergence, 0.03221426893804981, 1e-10);
    expectNear(js.distance, Math.sqrt(0.03221426893804981), 1e-10);
    const vsReference = jensenShannon(mix('with persona'), referenceShares());
    expect(vsReference.ok && vsReference.divergence).toBeCloseTo(0.02184831009891138, 10);
    const partial = jensenShannon({ a: 3, b: 1 }, { b: 1, c: 2, d: 1 });
    expect(partial.ok && partial.divergence).toBeCloseTo(0.75, 12);
  });

  it('is 0 for the same mix at any scale, 1 for disjoint mixes, symmetric', () => {
    expect(jensenShannon({ a: 1, b: 3 }, { a: 10, b: 30 })).toMatchObject({ ok: true, divergence: 0 });
    expect(jensenShannon({ a: 2 }, { b: 5 })).toMatchObject({ ok: true, divergence: 1, distance: 1 });
    const ab = jensenShannon(mix('blind'), mix('with persona'));
    const ba = jensenShannon(mix('with persona'), mix('blind'));
    expect(ab.ok && ba.ok && Math.abs(ab.divergence - ba.divergence)).toBeLessThan(1e-15);
  });

  it('an empty side is not computable; negative counts throw', () => {
    expect(jensenShannon({}, { a: 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/first distribution is empty/) });
    expect(jensenShannon({ a: 1 }, { a: 0 })).toMatchObject({ ok: false, reason: expect.stringMatching(/second/) });
    expect(() => jensenShannon({ a: -1 }, { a: 1 })).toThrow(RangeError);
  });
});
