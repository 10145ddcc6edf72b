import { notComputable, type Computed } from './computable.js';

/**
 * Jensen–Shannon divergence between two distributions over the same labels
 * (e.g. the strategy mixes of two conversations), in bits: 0 for identical
 * mixes, 1 for mixes with no label in common. Symmetric and always finite,
 * unlike KL divergence, so a label one side never used is no problem.
 * Inputs may be counts or shares; each side is normalised first.
 */

export interface JensenShannon {
  /** In [0, 1] bits. */
  divergence: number;
  /** √divergence, a metric (what scipy's `jensenshannon` returns). */
  distance: number;
}

function normalise<K extends string>(dist: Readonly<Partial<Record<K, number>>>, keys: readonly K[], side: string): number[] | undefined {
  const values = keys.map((k) => dist[k] ?? 0);
  values.forEach((v, i) => {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`${side} distribution: ${keys[i]} must be a finite number ≥ 0, got ${v}`);
  });
  const total = values.reduce((s, v) => s + v, 0);
  return total > 0 ? values.map((v) => v / total) : undefined;
}

// Σ p·log₂(p/m) over p > 0: the KL divergence to the midpoint, which is finite since m ≥ p/2.
function klToMidpoint(p: readonly number[], m: readonly number[]): number {
  return p.reduce((s, pi, i) => (pi > 0 ? s + pi * Math.log2(pi / (m[i] as number)) : s), 0);
}

export function jensenShannon<K extends string>(p: Readonly<Partial<Record<K, number>>>, q: Readonly<Partial<Record<K, number>>>): Computed<JensenShannon> {
  const keys = [...new Set([...Object.keys(p), ...Object.keys(q)])] as K[];
  const pn = normalise(p, keys, 'first');
  const qn = normalise(q, keys, 'second');
  if (!pn || !qn) return notComputable(`the ${!pn ? 'first' : 'second'} distribution is empty (no counts)`);
  const m = pn.map((v, i) => (v + (qn[i] as number)) / 2);
  // Rounding can leave a hair below 0 or above 1.
  const divergence = Math.min(1, Math.max(0, (klToMidpoint(pn, m) + klToMidpoint(qn, m)) / 2));
  return { ok: true, divergence, distance: Math.sqrt(divergence) };
}
