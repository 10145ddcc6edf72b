/**
 * A statistic that can be undefined for the data at hand (too few values, no
 * variance, an empty arm) is returned as a tagged union instead of NaN: a
 * report can then print the reason, and JSON never carries a silent null.
 */

export interface NotComputable {
  ok: false;
  /** A sentence for the report, e.g. "needs at least 3 pairs, got 2". */
  reason: string;
}

export type Computed<T extends object> = ({ ok: true } & T) | NotComputable;

export function notComputable(reason: string): NotComputable {
  return { ok: false, reason };
}

/** A two-sided confidence interval. */
export interface Interval {
  lower: number;
  upper: number;
  /** Coverage, e.g. 0.95. */
  level: number;
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`a confidence level must lie strictly between 0 and 1, got ${level}`);
}

export function checkFinite(values: readonly number[], what: string): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`${what}[${i}] must be a finite number, got ${v}`);
  });
}
