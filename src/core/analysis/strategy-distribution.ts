import { STRATEGIES, type Strategy } from '../strategies.js';

/**
 * Strategy mixes for reports: counts and shares always over all eight canonical
 * labels in STRATEGIES order, so rows from different runs line up column by column.
 */

export type StrategyCounts = Record<Strategy, number>;

/** How often each label occurs — every label present, unused ones 0, keys in STRATEGIES order. */
export function strategyCounts(labels: readonly Strategy[]): StrategyCounts {
  const counts = Object.fromEntries(STRATEGIES.map((s) => [s, 0])) as StrategyCounts;
  for (const label of labels) {
    if (!(label in counts)) throw new RangeError(`not a canonical strategy label: ${String(label)}`);
    counts[label] += 1;
  }
  return counts;
}

/** Share of each label (sums to 1); all zeros when there are no turns, so a chart shows empty bars, not NaN. */
export function strategyDistribution(counts: Readonly<Partial<StrategyCounts>>): Record<Strategy, number> {
  const total = STRATEGIES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return Object.fromEntries(STRATEGIES.map((s) => [s, total === 0 ? 0 : (counts[s] ?? 0) / total])) as Record<Strategy, number>;
}

/** Counts as a row in STRATEGIES order: one row of a chi-square table. */
export function strategyRow(counts: Readonly<Partial<StrategyCounts>>): number[] {
  return STRATEGIES.map((s) => counts[s] ?? 0);
}
