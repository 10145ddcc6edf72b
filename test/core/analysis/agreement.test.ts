import { describe, expect, it } from 'vitest';
import { agreement } from '../../../src/core/analysis/agreement.js';

describe('agreement (declared vs perceived strategy)', () => {
  it('computes share equal and Cohen’s kappa as done by hand', () => {
    const declared = ['Q', 'Q', 'Q', 'S', 'S', 'I'];
    const perceived = ['Q', 'Q', 'S', 'S', 'S', 'Q'];
    // matches at 0, 1, 3, 4 → p_o = 4/6
    // declared: Q 3, S 2, I 1; perceived: Q 3, S 3
    // p_e = (3/6)(3/6) + (2/6)(3/6) + (1/6)(0) = 15/36
    // κ = (24/36 − 15/36) / (1 − 15/36) = 9/21 = 3/7 ≈ 0.4286
    const result = agreement(declared, perceived);
    expect(result.n).toBe(6);
    expect(result.observed).toBeCloseTo(4 / 6, 12);
    expect(result.chance).toBeCloseTo(15 / 36, 12);
    expect(result.kappa).toBeCloseTo(3 / 7, 12);
  });

  it('perfect agreement is κ = 1; systematic disagreement goes negative; one shared label has no κ', () => {
    expect(agreement(['a', 'b', 'a'], ['a', 'b', 'a']).kappa).toBeCloseTo(1, 12);
    // p_o = 0, p_e = ½·½ + ½·½ = ½ → κ = −1
    expect(agreement(['a', 'b'], ['b', 'a']).kappa).toBeCloseTo(-1, 12);
    expect(agreement(['a', 'a'], ['a', 'a'])).toMatchObject({ observed: 1, kappa: undefined });
  });

  it('rejects unequal or empty lists', () => {
    expect(() => agreement(['a'], ['a', 'b'])).toThrow(RangeError);
    expect(() => agreement([], [])).toThrow(RangeError);
  });
});
