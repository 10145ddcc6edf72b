import { describe, expect, it } from 'vitest';
import { chiSquareTest, goodnessOfFit } from '../../../src/core/analysis/chi-square.js';
import { strategyCounts } from '../../../src/core/analysis/strategy-distribution.js';
import { ESCONV_REFERENCE, STRATEGIES, type Strategy } from '../../../src/core/strategies.js';

describe('chiSquareTest', () => {
  it('computes a 2×3 table as done by hand', () => {
    // rows: with / without persona; columns: three strategies
    //            a    b    c   | row total
    //   with    10   20   30   |   60
    //   without 20   20   20   |   60
    //   col     30   40   50   |  120
    // expected = row·col / 120 → 15, 20, 25 in both rows
    // χ² = (10−15)²/15 + 0 + (30−25)²/25 + (20−15)²/15 + 0 + (20−25)²/25
    //    = 25/15 + 1 + 25/15 + 1 = 16/3 ≈ 5.3333
    // df = (2−1)(3−1) = 2;  p = e^(−χ²/2) for df 2 = e^(−8/3) ≈ 0.069483
    const result = chiSquareTest([
      [10, 20, 30],
      [20, 20, 20],
    ]);
    expect(result.statistic).toBeCloseTo(16 / 3, 12);
    expect(result.df).toBe(2);
    expect(result.expected).toEqual([
      [15, 20, 25],
      [15, 20, 25],
    ]);
    expect(result.pValue).toBeCloseTo(Math.exp(-8 / 3), 12);
    expect(result.pValue).toBeCloseTo(0.069483, 6);
    expect(result.lowExpected).toBe(false);
  });

  it('drops all-zero columns and rows before counting df', () => {
    const result = chiSquareTest([
      [10, 0, 20, 30],
      [0, 0, 0, 0],
      [20, 0, 20, 20],
    ]);
    expect(result.df).toBe(2);
    expect(result.statistic).toBeCloseTo(16 / 3, 12);
    expect(result.expected[0]).toEqual([15, 0, 20, 25]);
    expect(result.expected[1]).toEqual([0, 0, 0, 0]);
  });

  it('has nothing to test with one non-empty row, flags small expected counts, rejects bad tables', () => {
    expect(chiSquareTest([[3, 4], [0, 0]])).toMatchObject({ statistic: 0, df: 0, pValue: 1 });
    expect(chiSquareTest([[1, 2], [3, 1]]).lowExpected).toBe(true);
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(RangeError);
    expect(() => chiSquareTest([[1, -2], [3, 4]])).toThrow(RangeError);
  });
});

describe('goodnessOfFit', () => {
  it('matches a hand-computed one-df case', () => {
    // expected 20 / 20; χ² = 10²/20 + 10²/20 = 10; df 1; sf(10, 1) = 0.0015654
    const result = goodnessOfFit({ a: 30, b: 10 }, { a: 0.5, b: 0.5 });
    expect(result.statistic).toBe(10);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.0015654, 7);
    expect(result.expected).toEqual([[20, 20]]);
  });

  it('against the ESConv reference row: the reference itself fits, an all-questions mix does not', () => {
    // 1000 turns split exactly like ESConv's human supporters.
    const labels: Strategy[] = STRATEGIES.flatMap((s) => Array<Strategy>(Math.round(ESCONV_REFERENCE[s] * 1000)).fill(s));
    expect(labels).toHaveLength(1000);
    const fit = goodnessOfFit(strategyCounts(labels), ESCONV_REFERENCE);
    expect(fit.df).toBe(7);
    expect(fit.statistic).toBeCloseTo(0, 9);
    expect(fit.pValue).toBeCloseTo(1, 9);

    const skewed = goodnessOfFit(strategyCounts(Array<Strategy>(40).fill('Question')), ESCONV_REFERENCE);
    expect(skewed.pValue).toBeLessThan(1e-10);
  });

  it('normalises proportions and treats an observation in a 0-share key as impossible', () => {
    expect(goodnessOfFit({ a: 30, b: 10 }, { a: 1, b: 1 }).statistic).toBe(10);
    expect(goodnessOfFit({ a: 3, b: 1 }, { a: 1, b: 0 })).toMatchObject({ statistic: Infinity, pValue: 0 });
    expect(() => goodnessOfFit({ a: 1, z: 2 } as Record<string, number>, { a: 1, b: 1 })).toThrow(/z/);
  });
});
