import { describe, expect, it } from 'vitest';
import { strategyCounts, strategyDistribution, strategyRow } from '../../../src/core/analysis/strategy-distribution.js';
import { meanAbsoluteDifference, traitShift, traitShiftSummary } from '../../../src/core/analysis/trait-shift.js';
import { HEXACO_KEYS, type HexacoKey } from '../../../src/core/traits/dimensions.js';
import { STRATEGIES, type Strategy } from '../../../src/core/strategies.js';

describe('strategy counts and distribution', () => {
  it('covers all eight labels in STRATEGIES order', () => {
    const counts = strategyCounts(['Question', 'Question', 'Information', 'Others']);
    expect(Object.keys(counts)).toEqual([...STRATEGIES]);
    expect(counts).toMatchObject({ Question: 2, Information: 1, Others: 1, 'Self-disclosure': 0 });
    const shares = strategyDistribution(counts);
    expect(Object.keys(shares)).toEqual([...STRATEGIES]);
    expect(shares.Question).toBe(0.5);
    expect(shares.Information).toBe(0.25);
    expect(Object.values(shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(strategyRow(counts)).toEqual([2, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('no turns gives zero shares, not NaN; a non-canonical label is rejected', () => {
    expect(Object.values(strategyDistribution(strategyCounts([])))).toEqual(Array(8).fill(0));
    expect(() => strategyCounts(['Questions' as Strategy])).toThrow(RangeError);
  });
});

describe('trait shift', () => {
  it('is measured − target on shared dimensions', () => {
    expect(traitShift<HexacoKey>({ H: 4, E: 2, X: 3 }, { H: 3.5, E: 3, O: 5 })).toEqual({ H: -0.5, E: 1 });
  });

  it('mean absolute difference and per-dimension summary', () => {
    // |3 − 4| + |5 − 3| + |2 − 2| = 1 + 2 + 0 = 3 → 3 / 3 = 1
    expect(meanAbsoluteDifference([{ target: 4, measured: 3 }, { target: 3, measured: 5 }, { target: 2, measured: 2 }])).toBe(1);
    expect(() => meanAbsoluteDifference([])).toThrow(RangeError);

    const summary = traitShiftSummary(HEXACO_KEYS, [
      { target: { E: 4, X: 2 }, measured: { E: 3, X: 3 } }, // E −1, X +1
      { target: { E: 2, X: 4 }, measured: { E: 4, X: 3 } }, // E +2, X −1
    ]);
    // E: mean shift (−1 + 2)/2 = 0.5, MAD (1 + 2)/2 = 1.5; X: mean shift 0, MAD 1
    expect(summary.E).toEqual({ n: 2, meanShift: 0.5, meanAbsoluteDifference: 1.5 });
    expect(summary.X).toEqual({ n: 2, meanShift: 0, meanAbsoluteDifference: 1 });
    expect('H' in summary).toBe(false);
  });
});
