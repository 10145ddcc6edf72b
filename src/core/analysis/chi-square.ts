import { chiSquareSurvival } from './gamma.js';

/**
 * Pearson chi-square tests: does the strategy mix differ between conditions
 * (persona vs no persona: an r×c table), and does a mix differ from a
 * reference row such as ESConv's human supporters (goodness of fit)?
 */

export interface ChiSquareResult {
  statistic: number;
  /** Degrees of freedom after dropping all-zero rows and columns; 0 means nothing to compare. */
  df: number;
  /** P(χ² ≥ statistic); 1 when df is 0. */
  pValue: number;
  /** Expected counts under independence / the reference, same shape as the input (0 where dropped). */
  expected: number[][];
  /** True when some kept cell expects fewer than 5: the χ² approximation is then rough — say so in reports. */
  lowExpected: boolean;
}

function checkCount(value: number, where: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${where} must be a finite count ≥ 0, got ${value}`);
}

/** Test of independence on an r×c table of counts (rows = conditions, columns = categories). */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const cols = table[0]?.length ?? 0;
  table.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`row ${r} has ${row.length} cells, row 0 has ${cols}`);
    row.forEach((v, c) => checkCount(v, `cell [${r}][${c}]`));
  });
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = Array.from({ length: cols }, (_, c) => table.reduce((s, row) => s + (row[c] as number), 0));
  const total = rowTotals.reduce((s, v) => s + v, 0);
  // A category nobody used, or a condition with no turns, carries no information: it must not add df.
  const keptRows = rowTotals.flatMap((t, r) => (t > 0 ? [r] : []));
  const keptCols = colTotals.flatMap((t, c) => (t > 0 ? [c] : []));

  const expected = table.map((row) => row.map(() => 0));
  let statistic = 0;
  let lowExpected = false;
  for (const r of keptRows) {
    for (const c of keptCols) {
      const e = ((rowTotals[r] as number) * (colTotals[c] as number)) / total;
      (expected[r] as number[])[c] = e;
      if (e < 5) lowExpected = true;
      statistic += ((table[r] as readonly number[])[c] as number - e) ** 2 / e;
    }
  }
  const df = Math.max(0, (keptRows.length - 1) * (keptCols.length - 1));
  if (df === 0) return { statistic: 0, df: 0, pValue: 1, expected, lowExpected };
  return { statistic, df, pValue: chiSquareSurvival(statistic, df), expected, lowExpected };
}

/**
 * Goodness of fit of observed counts to expected proportions over the same keys
 * (e.g. strategyCounts vs ESCONV_REFERENCE). Proportions are normalised, so they
 * need not sum to exactly 1; keys with proportion 0 and no observations are
 * dropped, while an observation in a 0-proportion key makes the statistic infinite.
 * `expected` is a single row in the key order of `expectedProportions`.
 */
export function goodnessOfFit<K extends string>(
  counts: Readonly<Partial<Record<K, number>>>,
  expectedProportions: Readonly<Record<K, number>>,
): ChiSquareResult & { keys: K[] } {
  const keys = Object.keys(expectedProportions) as K[];
  const observed = keys.map((k) => counts[k] ?? 0);
  const weights = keys.map((k) => expectedProportions[k]);
  observed.forEach((v, i) => checkCount(v, `count for ${keys[i]}`));
  weights.forEach((w, i) => checkCount(w, `proportion for ${keys[i]}`));
  const unknown = Object.keys(counts).filter((k) => !(k in expectedProportions) && (counts[k as K] ?? 0) > 0);
  if (unknown.length > 0) throw new RangeError(`counts for keys without an expected proportion: ${unknown.join(', ')}`);

  const n = observed.reduce((s, v) => s + v, 0);
  const weightSum = weights.reduce((s, v) => s + v, 0);
  if (weightSum <= 0) throw new RangeError('expected proportions must not all be 0');
  const expectedRow = weights.map((w) => (n * w) / weightSum);
  const kept = keys.flatMap((_, i) => ((weights[i] as number) > 0 || (observed[i] as number) > 0 ? [i] : []));
  const df = kept.length - 1;
  if (n === 0 || df <= 0) return { statistic: 0, df: Math.max(0, df), pValue: 1, expected: [expectedRow], lowExpected: n > 0 && expectedRow.some((e) => e < 5), keys };

  let statistic = 0;
  let lowExpected = false;
  for (const i of kept) {
    const e = expectedRow[i] as number;
    const o = observed[i] as number;
    if (e < 5) lowExpected = true;
    statistic += e === 0 ? Infinity : (o - e) ** 2 / e;
  }
  const pValue = statistic === Infinity ? 0 : chiSquareSurvival(statistic, df);
  return { statistic, df, pValue, expected: [expectedRow], lowExpected, keys };
}
