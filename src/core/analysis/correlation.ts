import { checkFinite, checkLevel, notComputable, type Interval, type NotComputable } from './computable.js';
import { standardNormalQuantile, twoSidedTPValue } from './distributions.js';
import { averageRanks } from './ranks.js';

/**
 * Pearson's r and Spearman's rho (Pearson's r of average ranks), each with a
 * two-sided p-value from the t distribution with n − 2 degrees of freedom and
 * a confidence interval from Fisher's z transform, tanh(atanh(r) ± z·1/√(n − 3)).
 */

export type CorrelationMethod = 'pearson' | 'spearman';

export interface Correlation {
  ok: true;
  method: CorrelationMethod;
  /** Pairs used. */
  n: number;
  /** r or rho, in [−1, 1]. */
  coefficient: number;
  /** n − 2. */
  df: number;
  /** Two-sided, H0: no correlation; 0 when |r| = 1. */
  pValue: number;
  /** Fisher z interval; not computable below 4 pairs (its standard error is 1/√(n − 3)). */
  ci: ({ ok: true } & Interval) | NotComputable;
}

export type CorrelationResult = Correlation | (NotComputable & { method: CorrelationMethod; n: number });

export interface CorrelationOptions {
  /** Coverage of the confidence interval; 0.95 unless given. */
  level?: number;
}

function checkPairs(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length: ${x.length} and ${y.length}`);
  checkFinite(x, 'x');
  checkFinite(y, 'y');
}

function constant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Fisher z interval for a correlation coefficient from n pairs. */
export function fisherInterval(r: number, n: number, level = 0.95): ({ ok: true } & Interval) | NotComputable {
  checkLevel(level);
  if (n < 4) return notComputable(`a Fisher z interval needs at least 4 pairs, got ${n}`);
  const z = Math.atanh(r);
  const half = standardNormalQuantile(0.5 + level / 2) / Math.sqrt(n - 3);
  // atanh(±1) is ±Infinity and tanh maps it back to ±1: a perfect correlation gets the interval [r, r].
  return { ok: true, lower: Math.tanh(z - half), upper: Math.tanh(z + half), level };
}

function correlate(method: CorrelationMethod, x: readonly number[], y: readonly number[], level: number): CorrelationResult {
  const n = x.length;
  if (n < 3) return { ...notComputable(`a correlation test needs at least 3 pairs, got ${n}`), method, n };
  // Exact equality, not a small-variance threshold: identical scores are common (integer ratings) and mean "no variance".
  if (constant(x)) return { ...notComputable('the first variable has no variance (all values equal)'), method, n };
  if (constant(y)) return { ...notComputable('the second variable has no variance (all values equal)'), method, n };
  const mx = mean(x);
  const my = mean(y);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Rounding can push |r| a hair past 1 for (anti)collinear data.
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const df = n - 2;
  const pValue = Math.abs(r) === 1 ? 0 : twoSidedTPValue(r * Math.sqrt(df / (1 - r * r)), df);
  return { ok: true, method, n, coefficient: r, df, pValue, ci: fisherInterval(r, n, level) };
}

/** Pearson's product-moment correlation of paired values. Throws RangeError on unequal lengths or non-finite values. */
export function pearson(x: readonly number[], y: readonly number[], options: CorrelationOptions = {}): CorrelationResult {
  checkPairs(x, y);
  const level = options.level ?? 0.95;
  checkLevel(level);
  return correlate('pearson', x, y, level);
}

/** Spearman's rank correlation: Pearson's r of the average ranks, so ties are handled as scipy and R do. */
export function spearman(x: readonly number[], y: readonly number[], options: CorrelationOptions = {}): CorrelationResult {
  checkPairs(x, y);
  const level = options.level ?? 0.95;
  checkLevel(level);
  return correlate('spearman', averageRanks(x).ranks, averageRanks(y).ranks, level);
}
