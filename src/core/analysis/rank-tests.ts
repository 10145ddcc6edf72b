import { chiSquareSurvival, twoSidedNormalPValue } from './distributions.js';
import { checkFinite, notComputable, type Computed } from './computable.js';
import { averageRanks, tieSum } from './ranks.js';

/**
 * Rank tests for ordinal ratings (dialogue quality on 1–5 scales) across arms:
 * Mann–Whitney U for two arms, by the normal approximation with tie
 * correction (and, by default, a continuity correction, as R and scipy do);
 * Kruskal–Wallis H with tie correction for more. Effect sizes: the
 * rank-biserial correlation (2U/(n₁n₂) − 1, positive when the first arm tends
 * to rate higher) and epsilon² = H / (N − 1).
 */

export interface ArmValues {
  arm: string;
  values: readonly number[];
}

export interface MannWhitney {
  test: 'mann-whitney';
  arms: [string, string];
  n: [number, number];
  /** U of the first arm: pairs where it is higher, ties counting ½. */
  u: number;
  /** Signed normal deviate of U (after the continuity correction when on). */
  z: number;
  pValue: number;
  /** In [−1, 1]; positive when the first arm tends to be higher. */
  rankBiserial: number;
  continuity: boolean;
  /** Some arm has fewer than 5 values: the normal approximation is rough. */
  smallSample: boolean;
}

export interface KruskalWallis {
  test: 'kruskal-wallis';
  arms: string[];
  n: number[];
  h: number;
  df: number;
  pValue: number;
  /** H / (N − 1), in [0, 1]. */
  epsilonSquared: number;
  smallSample: boolean;
}

export interface RankTestOptions {
  /** Mann–Whitney continuity correction; on unless false. */
  continuity?: boolean;
}

const SMALL = 5;

function checkArm(a: ArmValues): void {
  checkFinite(a.values, `arm ${a.arm} values`);
}

export function mannWhitney(first: ArmValues, second: ArmValues, options: RankTestOptions = {}): Computed<MannWhitney> {
  checkArm(first);
  checkArm(second);
  const n1 = first.values.length;
  const n2 = second.values.length;
  if (n1 === 0 || n2 === 0) return notComputable(`arm ${n1 === 0 ? first.arm : second.arm} has no values`);
  const n = n1 + n2;
  const { ranks, ties } = averageRanks([...first.values, ...second.values]);
  const rankSum1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u = rankSum1 - (n1 * (n1 + 1)) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieSum(ties) / (n * (n - 1)));
  if (!(variance > 0)) return notComputable('every value ties, so the ranks carry no information');
  const continuity = options.continuity ?? true;
  const deviation = u - (n1 * n2) / 2;
  // The correction moves U half a step toward the mean, never past it.
  const corrected = continuity ? Math.sign(deviation) * Math.max(0, Math.abs(deviation) - 0.5) : deviation;
  const z = corrected / Math.sqrt(variance);
  return {
    ok: true,
    test: 'mann-whitney',
    arms: [first.arm, second.arm],
    n: [n1, n2],
    u,
    z,
    pValue: twoSidedNormalPValue(z),
    rankBiserial: (2 * u) / (n1 * n2) - 1,
    continuity,
    smallSample: Math.min(n1, n2) < SMALL,
  };
}

export function kruskalWallis(arms: readonly ArmValues[]): Computed<KruskalWallis> {
  arms.forEach(checkArm);
  const empty = arms.filter((a) => a.values.length === 0);
  if (empty.length > 0) return notComputable(`arm${empty.length > 1 ? 's' : ''} ${empty.map((a) => a.arm).join(', ')} ha${empty.length > 1 ? 've' : 's'} no values`);
  if (arms.length < 2) return notComputable(`a rank test needs at least two arms, got ${arms.length}`);
  const all = arms.flatMap((a) => a.values);
  const n = all.length;
  const { ranks, ties } = averageRanks(all);
  const correction = 1 - tieSum(ties) / (n ** 3 - n);
  if (!(correction > 0)) return notComputable('every value ties, so the ranks carry no information');
  let offset = 0;
  let sum = 0;
  for (const arm of arms) {
    const k = arm.values.length;
    const rankSum = ranks.slice(offset, offset + k).reduce((s, r) => s + r, 0);
    sum += (rankSum * rankSum) / k;
    offset += k;
  }
  // Rounding can leave H a hair below 0 when every arm has the same mean rank.
  const h = Math.max(0, ((12 / (n * (n + 1))) * sum - 3 * (n + 1)) / correction);
  const df = arms.length - 1;
  return {
    ok: true,
    test: 'kruskal-wallis',
    arms: arms.map((a) => a.arm),
    n: arms.map((a) => a.values.length),
    h,
    df,
    pValue: chiSquareSurvival(h, df),
    epsilonSquared: Math.min(1, h / (n - 1)),
    smallSample: arms.some((a) => a.values.length < SMALL),
  };
}

export type ArmComparison = Computed<MannWhitney | KruskalWallis> & { dropped: string[] };

/**
 * Compare one rating across arms: arms without values are left out (and
 * listed); two remaining arms get Mann–Whitney, more get Kruskal–Wallis.
 */
export function compareArms(arms: readonly ArmValues[], options: RankTestOptions = {}): ArmComparison {
  const kept = arms.filter((a) => a.values.length > 0);
  const dropped = arms.filter((a) => a.values.length === 0).map((a) => a.arm);
  if (kept.length < 2) {
    return { ...notComputable(`a comparison needs at least two arms with values, got ${kept.length}${dropped.length ? ` (no values: ${dropped.join(', ')})` : ''}`), dropped };
  }
  const result = kept.length === 2 ? mannWhitney(kept[0] as ArmValues, kept[1] as ArmValues, options) : kruskalWallis(kept);
  return { ...result, dropped };
}
