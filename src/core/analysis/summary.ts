import { quantileSorted } from './bootstrap.js';
import { checkFinite, notComputable, type Computed } from './computable.js';

/**
 * A descriptive summary of values (costs per conversation, ratings per arm):
 * count, mean, median and quartiles (linear interpolation, NumPy's default),
 * minimum and maximum. Not computable for no values.
 */
export interface Summary {
  n: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

export function describe(values: readonly number[]): Computed<Summary> {
  checkFinite(values, 'values');
  if (values.length === 0) return notComputable('no values');
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    ok: true,
    n: sorted.length,
    mean: sum / sorted.length,
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
  };
}
