import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from '../../../src/core/analysis/gamma.js';

// For even df = 2m the survival function has a closed form we can check exactly:
// P(χ²_2m ≥ x) = e^(−x/2) · Σ_{j<m} (x/2)^j / j!
function evenDfSurvival(x: number, df: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 1; j < df / 2; j++) {
    term *= x / 2 / j;
    sum += term;
  }
  return Math.exp(-x / 2) * sum;
}

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 11); // 9!
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9); // ln(100!)
  });
});

describe('chi-square survival (p-values)', () => {
  it('hits the textbook critical values', () => {
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6); // 1.96² exactly-ish
    expect(chiSquareSurvival(6.634897, 1)).toBeCloseTo(0.01, 6);
    expect(chiSquareSurvival(5.991, 2)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(1, 1)).toBeCloseTo(0.31731050786291415, 12); // erfc(1/√2)
    expect(chiSquareSurvival(10, 4)).toBeCloseTo(6 * Math.exp(-5), 12); // 0.0404…
    expect(chiSquareSurvival(10, 4)).toBeCloseTo(0.0404, 4);
    expect(chiSquareSurvival(124.342, 100)).toBeCloseTo(0.05, 4);
    expect(chiSquareSurvival(14.067, 7)).toBeCloseTo(0.05, 4); // 8 strategies vs a reference row
  });

  it('agrees with the even-df closed form on both sides of the series / continued-fraction switch', () => {
    for (const df of [2, 4, 6, 10, 30]) {
      for (const x of [0.05, 0.5, 2, 5, 9, 20, 40, 80]) {
        const exact = evenDfSurvival(x, df);
        expect(Math.abs(chiSquareSurvival(x, df) - exact) / exact, `x=${x} df=${df}`).toBeLessThan(1e-10);
      }
    }
  });

  it('keeps relative accuracy deep in the tail instead of computing 1 − P', () => {
    // P(χ²_1 ≥ 100) = P(|Z| ≥ 10) = 2 · 7.619853024160527e-24
    const p = chiSquareSurvival(100, 1);
    expect(Math.abs(p - 1.5239706048321054e-23) / 1.5239706048321054e-23).toBeLessThan(1e-8);
  });

  it('satisfies the odd-df recurrence Q(a+1, x) = Q(a, x) + x^a e^(−x) / Γ(a+1)', () => {
    for (const x of [0.3, 1.7, 4, 12]) {
      const a = 0.5;
      const step = Math.exp(a * Math.log(x) - x - logGamma(a + 1));
      expect(regularizedGammaQ(a + 1, x)).toBeCloseTo(regularizedGammaQ(a, x) + step, 13);
    }
  });

  it('P + Q = 1, edges behave, bad arguments throw', () => {
    for (const [a, x] of [[0.5, 0.2], [3, 3.9], [3, 4.1], [50, 45]] as const) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(Infinity, 3)).toBe(0);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => regularizedGammaQ(-1, 1)).toThrow(RangeError);
    expect(() => chiSquareSurvival(Number.NaN, 2)).toThrow(RangeError);
  });
});
