import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/**
 * The few distribution functions the tests need, from stdlib (ported from
 * Boost/Cephes and tested against reference values there). Two-sided
 * p-values take the lower tail at −|x| and double it, which keeps relative
 * accuracy for tiny p instead of computing 1 − CDF.
 */

export { chiSquareSurvival } from './gamma.js';

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom. */
export function twoSidedTPValue(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('the t statistic is NaN');
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function twoSidedNormalPValue(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('the z statistic is NaN');
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/** The standard normal quantile, e.g. 1.95996… for p = 0.975. */
export function standardNormalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a quantile needs 0 < p < 1, got ${p}`);
  return normalQuantile(p, 0, 1);
}
