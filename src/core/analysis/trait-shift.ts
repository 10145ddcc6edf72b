/**
 * Trait shift, the paper's fidelity measure: how far the personality a
 * conversation expresses (measured) lies from the personality the persona was
 * given (target), per dimension; across many conversations, the mean absolute
 * difference per dimension shows which traits drift.
 */

/** measured − target for each dimension scored in both (positive = expressed more than given). */
export function traitShift<K extends string>(
  target: Readonly<Partial<Record<K, number>>>,
  measured: Readonly<Partial<Record<K, number>>>,
): Partial<Record<K, number>> {
  const shift: Partial<Record<K, number>> = {};
  for (const key of Object.keys(target) as K[]) {
    const t = target[key];
    const m = measured[key];
    if (t !== undefined && m !== undefined) shift[key] = m - t;
  }
  return shift;
}

export interface TargetMeasured {
  target: number;
  measured: number;
}

/** Mean of |measured − target|; throws RangeError on an empty list because "no data" is not a shift of 0. */
export function meanAbsoluteDifference(pairs: readonly TargetMeasured[]): number {
  if (pairs.length === 0) throw new RangeError('meanAbsoluteDifference needs at least one pair');
  return pairs.reduce((sum, p) => sum + Math.abs(p.measured - p.target), 0) / pairs.length;
}

export interface DimensionShift {
  /** Number of conversations with both a target and a measured score. */
  n: number;
  /** Mean signed shift: the direction of drift. */
  meanShift: number;
  /** Mean absolute difference: the size of drift regardless of direction. */
  meanAbsoluteDifference: number;
}

/** Per-dimension drift over many (target, measured) profiles; dimensions never scored in both are absent. */
export function traitShiftSummary<K extends string>(
  keys: readonly K[],
  profiles: ReadonlyArray<{ target: Readonly<Partial<Record<K, number>>>; measured: Readonly<Partial<Record<K, number>>> }>,
): Partial<Record<K, DimensionShift>> {
  const summary: Partial<Record<K, DimensionShift>> = {};
  for (const key of keys) {
    const pairs: TargetMeasured[] = [];
    for (const p of profiles) {
      const target = p.target[key];
      const measured = p.measured[key];
      if (target !== undefined && measured !== undefined) pairs.push({ target, measured });
    }
    if (pairs.length === 0) continue;
    summary[key] = {
      n: pairs.length,
      meanShift: pairs.reduce((s, p) => s + p.measured - p.target, 0) / pairs.length,
      meanAbsoluteDifference: meanAbsoluteDifference(pairs),
    };
  }
  return summary;
}
