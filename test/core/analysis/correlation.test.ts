import { describe, expect, it } from 'vitest';
import { fisherInterval, pearson, spearman, type CorrelationResult } from '../../../src/core/analysis/correlation.js';
import { standardNormalQuantile, twoSidedNormalPValue, twoSidedTPValue } from '../../../src/core/analysis/distributions.js';
import { averageRanks } from '../../../src/core/analysis/ranks.js';
import { expectNear } from './reference/close.js';

// Reference values: SciPy 1.10.1 (Debian 12 python3-scipy), from test/core/analysis/reference/reference_values.py.

function computed(result: CorrelationResult) {
  if (!result.ok) throw new Error(`expected a result, got: ${result.reason}`);
  return result;
}

function ci(result: CorrelationResult): [number, number] {
  const r = computed(result);
  if (!r.ci.ok) throw new Error(`expected an interval, got: ${r.ci.reason}`);
  return [r.ci.lower, r.ci.upper];
}

describe('distributions (stdlib) against SciPy', () => {
  it('two-sided t and normal p-values, normal quantiles', () => {
    const t: Array<[number, number, number]> = [
      [2.0, 10, 0.07338803477074039],
      [3.0, 4, 0.03994196807171883],
      [0.5, 30, 0.6207230048851273],
      [12.0, 50, 2.462380625332536e-16],
    ];
    for (const [stat, df, p] of t) {
      expectNear(twoSidedTPValue(stat, df), p, 1e-9, `t=${stat} df=${df}`);
      expectNear(twoSidedTPValue(-stat, df), p, 1e-9, `t=${-stat} df=${df}`);
    }
    const z: Array<[number, number]> = [
      [1.0, 0.31731050786291415],
      [1.959963984540054, 0.05],
      [3.5, 0.00046525815807105003],
      [8.0, 1.244192114854348e-15],
    ];
    for (const [stat, p] of z) expectNear(twoSidedNormalPValue(stat), p, 1e-9, `z=${stat}`);
    expectNear(standardNormalQuantile(0.975), 1.959963984540054, 1e-12);
    expectNear(standardNormalQuantile(0.995), 2.5758293035489004, 1e-12);
    expectNear(standardNormalQuantile(0.9), 1.2815515655446004, 1e-12);
    expect(twoSidedTPValue(0, 5)).toBe(1);
    expect(() => twoSidedTPValue(1, 0)).toThrow(RangeError);
    expect(() => standardNormalQuantile(1)).toThrow(RangeError);
  });
});

describe('average ranks', () => {
  it('gives tied values the mean of their positions, like scipy.stats.rankdata', () => {
    const { ranks, ties } = averageRanks([1, 2, 2, 3, 3, 3, 4, 5, 5, 1, 4, 2]);
    expect(ranks).toEqual([1.5, 4.0, 4.0, 7.0, 7.0, 7.0, 9.5, 11.5, 11.5, 1.5, 9.5, 4.0]);
    expect(ties.sort()).toEqual([2, 2, 2, 3, 3]);
    expect(averageRanks([]).ranks).toEqual([]);
  });
});

describe('Pearson and Spearman against SciPy', () => {
  const x = [2.1, 3.4, 1.9, 4.2, 3.3, 2.8, 4.8, 1.5, 3.9, 2.6];
  const y = [1.8, 3.0, 2.4, 4.4, 2.9, 3.1, 4.1, 1.2, 3.2, 3.5];

  it('Pearson r, p and the Fisher z interval (scipy.stats.pearsonr)', () => {
    const r = computed(pearson(x, y));
    expect(r).toMatchObject({ method: 'pearson', n: 10, df: 8 });
    expectNear(r.coefficient, 0.8649753635259645, 1e-12, 'r');
    expectNear(r.pValue, 0.0012315941095222297, 1e-8, 'p');
    const [lo, hi] = ci(pearson(x, y));
    expectNear(lo, 0.5168091152206802, 1e-9, 'lower');
    expectNear(hi, 0.9676231967518933, 1e-9, 'upper');
    const [lo90, hi90] = ci(pearson(x, y, { level: 0.9 }));
    expectNear(lo90, 0.5986732459085072, 1e-9, 'lower 90%');
    expectNear(hi90, 0.959093105945859, 1e-9, 'upper 90%');
  });

  it('Spearman rho and p (scipy.stats.spearmanr), Fisher z interval', () => {
    const r = computed(spearman(x, y));
    expectNear(r.coefficient, 0.8181818181818182, 1e-12, 'rho');
    expectNear(r.pValue, 0.0038149200825507135, 1e-8, 'p');
    const [lo, hi] = ci(spearman(x, y));
    expectNear(lo, 0.38889357060816504, 1e-9);
    expectNear(hi, 0.9555550761439465, 1e-9);
  });

  it('Spearman with many ties (integer ratings)', () => {
    const xt = [1, 2, 2, 3, 3, 3, 4, 5, 5, 1, 4, 2];
    const yt = [2, 1, 3, 3, 4, 3, 5, 4, 5, 1, 3, 2];
    const rho = computed(spearman(xt, yt));
    expectNear(rho.coefficient, 0.8519323741081073, 1e-12, 'rho');
    expectNear(rho.pValue, 0.000434762556692855, 1e-8, 'p');
    const [lo, hi] = ci(spearman(xt, yt));
    expectNear(lo, 0.5440120467552433, 1e-9);
    expectNear(hi, 0.957626233416227, 1e-9);
    const r = computed(pearson(xt, yt));
    expectNear(r.coefficient, 0.8311658398818218, 1e-12);
    expectNear(r.pValue, 0.0008077278515002197, 1e-8);
  });

  it('a negative correlation with 4 pairs, the fewest with an interval', () => {
    const r = computed(pearson([1, 2, 3, 4], [4.1, 3.7, 1.2, 1.9]));
    expectNear(r.coefficient, -0.8414751191979224, 1e-12);
    expectNear(r.pValue, 0.1585248808020776, 1e-8);
    const [lo, hi] = ci(pearson([1, 2, 3, 4], [4.1, 3.7, 1.2, 1.9]));
    expectNear(lo, -0.9965895060950968, 1e-9);
    expectNear(hi, 0.6253594697174121, 1e-9);
  });
});

describe('correlation edge cases: not computable, never NaN', () => {
  it('fewer than 3 pairs', () => {
    for (const n of [0, 1, 2]) {
      const xs = Array.from({ length: n }, (_, i) => i);
      const result = pearson(xs, xs);
      expect(result).toMatchObject({ ok: false, method: 'pearson', n });
      expect(!result.ok && result.reason).toMatch(/at least 3 pairs/);
      expect(spearman(xs, xs).ok).toBe(false);
    }
  });

  it('3 pairs: r and p, but no Fisher interval', () => {
    const r = computed(pearson([1, 2, 3], [1, 3, 2]));
    expect(r.coefficient).toBeCloseTo(0.5, 12);
    expect(r.ci).toMatchObject({ ok: false });
    expect(!r.ci.ok && r.ci.reason).toMatch(/at least 4 pairs/);
  });

  it('zero variance on either side, including all-identical ranks for Spearman', () => {
    const flat = pearson([3, 3, 3, 3], [1, 2, 3, 4]);
    expect(flat).toMatchObject({ ok: false });
    expect(!flat.ok && flat.reason).toMatch(/first variable has no variance/);
    // 0.1 × 3 is not exactly representable: a deviation test would see tiny noise, equality does not.
    expect(pearson([1, 2, 3], [0.1, 0.1, 0.1]).ok).toBe(false);
    const ties = spearman([1, 2, 3, 4], [5, 5, 5, 5]);
    expect(!ties.ok && ties.reason).toMatch(/second variable has no variance/);
  });

  it('a perfect correlation has p = 0 and the interval [r, r]', () => {
    const r = computed(pearson([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]));
    expect(r.coefficient).toBe(1);
    expect(r.pValue).toBe(0);
    expect(r.ci).toMatchObject({ ok: true, lower: 1, upper: 1 });
    expect(JSON.stringify(r)).not.toMatch(/NaN|null/);
  });

  it('bad input throws', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, Number.NaN, 3], [1, 2, 3])).toThrow(RangeError);
    expect(() => spearman([1, 2, 3], [1, 2, Infinity])).toThrow(RangeError);
    expect(() => pearson([1, 2, 3], [1, 2, 3], { level: 1 })).toThrow(RangeError);
    expect(() => fisherInterval(0.5, 10, 0)).toThrow(RangeError);
  });
});
