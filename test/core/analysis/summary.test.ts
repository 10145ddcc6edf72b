import { describe as suite, expect, it } from 'vitest';
import { describe } from '../../../src/core/analysis/summary.js';

// Reference values: test/core/analysis/reference/reference_values.py ("describe_costs", "describe_even"), NumPy 1.24.2.
suite('describe', () => {
  it('gives count, mean, median, quartiles and range as NumPy does', () => {
    const s = describe([12.0, 7.5, 30.25, 7.5, 18.0, 3.0, 41.0]);
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.n).toBe(7);
    expect(s.mean).toBeCloseTo(17.035714285714285, 12);
    expect(s.median).toBe(12);
    expect(s.q1).toBe(7.5);
    expect(s.q3).toBeCloseTo(24.125, 12);
    expect([s.min, s.max]).toEqual([3, 41]);
  });

  it('takes the middle two of an even count, whatever the input order', () => {
    expect(describe([4, 1, 3, 2])).toMatchObject({ ok: true, mean: 2.5, median: 2.5 });
  });

  it('says why there is nothing to summarise, and refuses non-finite values', () => {
    expect(describe([])).toEqual({ ok: false, reason: 'no values' });
    expect(() => describe([1, Number.NaN])).toThrow(RangeError);
  });
});
