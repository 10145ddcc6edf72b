/**
 * Holm's step-down correction for a family of tests: sort the p-values,
 * multiply the i-th smallest (0-based) by (m − i), carry the running maximum
 * so adjusted values keep the order of the raw ones, and cap at 1. It controls
 * the family-wise error rate under any dependence between the tests, which is
 * why a report with several chi-square tests on overlapping data uses it.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} must lie in [0, 1], got ${p}`);
  });
  const m = pValues.length;
  // Stable sort: equal p-values keep their input order, so the result is deterministic.
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m).fill(0);
  let runningMax = 0;
  order.forEach(({ p, i }, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * p));
    adjusted[i] = runningMax;
  });
  return adjusted;
}
