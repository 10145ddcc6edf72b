import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * The regularized incomplete gamma functions behind chi-square p-values.
 * stdlib's implementations (ported from Boost, tested against reference
 * values) do the numerics; this module keeps the argument checks and the
 * names the rest of the analysis code calls, so a bad argument is a clear
 * RangeError here rather than a NaN in a report.
 */

function checkArgs(a: number, x: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`the shape a must be a positive finite number, got ${a}`);
  if (!(x >= 0)) throw new RangeError(`x must be ≥ 0, got ${x}`);
}

/** ln Γ(z) for z > 0. */
export function logGamma(z: number): number {
  if (!(z > 0)) throw new RangeError(`logGamma needs z > 0, got ${z}`);
  return gammaln(z);
}

/** P(a, x) = γ(a, x) / Γ(a): the lower tail, e.g. the chi-square CDF. */
export function regularizedGammaP(a: number, x: number): number {
  checkArgs(a, x);
  if (x === Infinity) return 1;
  return gammainc(x, a, true, false);
}

/** Q(a, x) = 1 − P(a, x), computed directly so that tiny p-values keep their relative accuracy. */
export function regularizedGammaQ(a: number, x: number): number {
  checkArgs(a, x);
  if (x === Infinity) return 0;
  return gammainc(x, a, true, true);
}

/** Chi-square survival function P(X ≥ x) for `df` degrees of freedom: the p-value of a statistic. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (Number.isNaN(x)) throw new RangeError('the statistic is NaN');
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
