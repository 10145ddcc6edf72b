import { ESCONV_REFERENCE, STRATEGIES, type Strategy } from '../strategies.js';
import { goodnessOfFit } from './chi-square.js';
import { notComputable, type Computed } from './computable.js';
import { contingencyTest, type ContingencyTest } from './contingency.js';
import { holmAdjust } from './holm.js';
import { strategyCounts, strategyDistribution, type StrategyCounts } from './strategy-distribution.js';

/**
 * RQ3: the strategy mix per arm (with / without persona, aware / blind,
 * agents / script), beside the ESConv human reference row; a test of
 * independence between arms; each arm's goodness of fit to the reference;
 * Holm correction over that family of tests. Arms come in as counts so a
 * report can tally labels while streaming sessions and never hold them all.
 */

export interface ArmCounts {
  arm: string;
  counts: Readonly<Partial<StrategyCounts>>;
}

export interface StrategyMix {
  arm: string;
  /** Labelled supporter turns. */
  n: number;
  counts: StrategyCounts;
  /** Shares summing to 1; all 0 for an arm without turns. */
  shares: Record<Strategy, number>;
}

export const REFERENCE_ARM = 'ESConv human supporters';

/** ESConv's human-supporter shares, normalised to sum to exactly 1 (the published percentages are rounded). */
export function referenceShares(): Record<Strategy, number> {
  return strategyDistribution(ESCONV_REFERENCE);
}

function fullCounts(counts: Readonly<Partial<StrategyCounts>>, arm: string): StrategyCounts {
  const full = strategyCounts([]);
  for (const [key, value] of Object.entries(counts)) {
    if (!(key in full)) throw new RangeError(`arm ${arm}: not a canonical strategy label: ${key}`);
    if (!(Number.isInteger(value) && (value as number) >= 0)) throw new RangeError(`arm ${arm}: the count for ${key} must be a whole number ≥ 0, got ${value}`);
    full[key as Strategy] = value as number;
  }
  return full;
}

function checkArms(arms: readonly ArmCounts[]): void {
  const seen = new Set<string>();
  for (const { arm } of arms) {
    if (seen.has(arm)) throw new RangeError(`arm "${arm}" appears twice`);
    seen.add(arm);
  }
}

export function strategyMix(arms: readonly ArmCounts[]): StrategyMix[] {
  checkArms(arms);
  return arms.map(({ arm, counts }) => {
    const full = fullCounts(counts, arm);
    return { arm, n: STRATEGIES.reduce((s, k) => s + full[k], 0), counts: full, shares: strategyDistribution(full) };
  });
}

/** Do the arms use strategies in different proportions? Arms × the eight strategies. */
export function strategyIndependence(arms: readonly ArmCounts[]): Computed<ContingencyTest> {
  const mix = strategyMix(arms);
  return contingencyTest(
    mix.map((m) => m.arm),
    STRATEGIES,
    mix.map((m) => STRATEGIES.map((s) => m.counts[s])),
  );
}

export interface ReferenceFit {
  arm: string;
  n: number;
  statistic: number;
  df: number;
  pValue: number;
  /** Expected counts under the reference shares, for the arm's n. */
  expected: Record<Strategy, number>;
  lowExpected: boolean;
}

/** Goodness of fit of one arm's counts to a reference (ESConv's human supporters unless given). */
export function fitToReference(arm: ArmCounts, reference: Readonly<Record<Strategy, number>> = ESCONV_REFERENCE): Computed<ReferenceFit> {
  const counts = fullCounts(arm.counts, arm.arm);
  const n = STRATEGIES.reduce((s, k) => s + counts[k], 0);
  if (n === 0) return notComputable(`arm ${arm.arm} has no labelled supporter turns`);
  const fit = goodnessOfFit(counts, reference);
  if (fit.statistic === Infinity) {
    const impossible = fit.keys.filter((k) => reference[k] === 0 && counts[k] > 0);
    return notComputable(`arm ${arm.arm} uses ${impossible.join(', ')}, which the reference never uses (expected count 0)`);
  }
  if (fit.df === 0) return notComputable('the reference has fewer than two categories in use');
  const expected = Object.fromEntries(fit.keys.map((k, i) => [k, (fit.expected[0] as number[])[i] as number])) as Record<Strategy, number>;
  return { ok: true, arm: arm.arm, n, statistic: fit.statistic, df: fit.df, pValue: fit.pValue, expected, lowExpected: fit.lowExpected };
}

export interface StrategyComparison {
  mix: StrategyMix[];
  reference: { label: string; shares: Record<Strategy, number> };
  independence: Computed<ContingencyTest & { pHolm: number }>;
  fits: Array<Computed<ReferenceFit & { pHolm: number }>>;
  /** How many tests the Holm correction covered (the computable ones). */
  family: number;
}

/** Everything RQ3 reports, with Holm-adjusted p-values over the independence test and every arm's fit. */
export function compareStrategies(arms: readonly ArmCounts[]): StrategyComparison {
  const mix = strategyMix(arms);
  const independence = strategyIndependence(arms);
  const fits = arms.map((arm) => fitToReference(arm));
  const raw = [independence, ...fits].flatMap((t) => (t.ok ? [t.pValue] : []));
  const adjusted = holmAdjust(raw);
  let next = 0;
  const withHolm = <T extends { pValue: number }>(t: Computed<T>): Computed<T & { pHolm: number }> => (t.ok ? { ...t, pHolm: adjusted[next++] as number } : t);
  return {
    mix,
    reference: { label: REFERENCE_ARM, shares: referenceShares() },
    independence: withHolm(independence),
    fits: fits.map(withHolm),
    family: raw.length,
  };
}
