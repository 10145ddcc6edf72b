import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { checkLevel, notComputable, type Interval, type NotComputable } from './computable.js';

/**
 * Percentile bootstrap confidence intervals for a mean, deterministic for a
 * given seed (pure-rand's xoroshiro128+), so a report rebuilt from the same
 * data prints the same intervals. Resampling is by cluster (a conversation
 * with several rows is drawn whole), which reduces to the ordinary bootstrap
 * when every cluster holds one value.
 */

export interface BootstrapOptions {
  seed: number;
  /** Resamples drawn; 2000 unless given. */
  resamples?: number;
  /** Coverage; 0.95 unless given. */
  level?: number;
}

export type BootstrapInterval = ({ ok: true; resamples: number } & Interval) | NotComputable;

/** A cluster's total and how many values it holds. */
export interface Cluster {
  sum: number;
  count: number;
}

export const DEFAULT_RESAMPLES = 2000;

/** Quantile p of ascending values by linear interpolation between order statistics (numpy's default, R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('a quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile needs 0 ≤ p ≤ 1, got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[hi] as number) - a);
}

/**
 * A 32-bit seed for one cell of a report from the base seed and the cell's
 * name (FNV-1a), so each group's interval depends only on its own data and
 * the seed — adding a model to a study does not move another model's interval.
 */
export function seedFor(base: number, ...parts: readonly string[]): number {
  if (!Number.isInteger(base)) throw new RangeError(`a seed must be an integer, got ${base}`);
  let hash = 0x811c9dc5;
  for (const ch of `${base}\u0000${parts.join('\u0000')}`) {
    hash ^= ch.codePointAt(0) as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

function checkOptions(options: BootstrapOptions): { resamples: number; level: number } {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(options.seed)) throw new RangeError(`a seed must be an integer, got ${options.seed}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  checkLevel(level);
  return { resamples, level };
}

/** Percentile interval for Σsum / Σcount, resampling whole clusters with replacement. */
export function bootstrapClusteredMean(clusters: readonly Cluster[], options: BootstrapOptions): BootstrapInterval {
  const { resamples, level } = checkOptions(options);
  const k = clusters.length;
  if (k < 2) return notComputable(`a bootstrap interval needs at least 2 independent units, got ${k}`);
  clusters.forEach((c, i) => {
    if (!Number.isFinite(c.sum) || !(Number.isInteger(c.count) && c.count > 0)) throw new RangeError(`cluster ${i} needs a finite sum and a positive count`);
  });
  const rng = xoroshiro128plus(options.seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < k; j++) {
      const c = clusters[uniformInt(rng, 0, k - 1)] as Cluster;
      sum += c.sum;
      count += c.count;
    }
    means[b] = sum / count;
  }
  means.sort();
  const tail = (1 - level) / 2;
  return { ok: true, lower: quantileSorted(means, tail), upper: quantileSorted(means, 1 - tail), level, resamples };
}

/** Percentile interval for the mean of independent values. */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions): BootstrapInterval {
  return bootstrapClusteredMean(values.map((sum) => ({ sum, count: 1 })), options);
}
