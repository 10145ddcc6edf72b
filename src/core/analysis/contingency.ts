import { chiSquareTest } from './chi-square.js';
import { notComputable, type Computed } from './computable.js';

/**
 * Chi-square test of independence on a named r×c table, with the effect size
 * (Cramér's V) and, per cell, the adjusted standardised residual
 * (O − E) / √(E·(1 − rowTotal/N)·(1 − colTotal/N)), roughly N(0, 1) under
 * independence: |residual| > 1.96 marks the cells that drive a difference.
 * Rows or columns with no observations are dropped (and listed): they carry
 * no information and would only produce zero expected counts.
 */

export interface ContingencyCell {
  row: string;
  column: string;
  observed: number;
  expected: number;
  adjustedResidual: number;
}

export interface ContingencyTest {
  statistic: number;
  df: number;
  pValue: number;
  /** √(χ² / (N · (min(r, c) − 1))) over the kept rows and columns, in [0, 1]. */
  cramersV: number;
  n: number;
  /** Kept row and column names, in input order. */
  rows: string[];
  columns: string[];
  /** Row-major over kept rows × kept columns. */
  cells: ContingencyCell[];
  /** Some kept cell expects fewer than 5: the χ² approximation is rough. */
  lowExpected: boolean;
  /** Rows and columns left out because they hold no observations. */
  dropped: { rows: string[]; columns: string[] };
}

function checkNames(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new RangeError(`${what} name "${name}" appears twice`);
    seen.add(name);
  }
}

export function contingencyTest(rowNames: readonly string[], columnNames: readonly string[], table: readonly (readonly number[])[]): Computed<ContingencyTest> {
  checkNames(rowNames, 'row');
  checkNames(columnNames, 'column');
  if (table.length !== rowNames.length) throw new RangeError(`${rowNames.length} row names for ${table.length} rows`);
  table.forEach((row, r) => {
    if (row.length !== columnNames.length) throw new RangeError(`row ${rowNames[r]} has ${row.length} cells for ${columnNames.length} columns`);
  });
  const base = chiSquareTest(table);
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = columnNames.map((_, c) => table.reduce((s, row) => s + (row[c] as number), 0));
  const n = rowTotals.reduce((s, v) => s + v, 0);
  const keptRows = rowNames.flatMap((_, r) => ((rowTotals[r] as number) > 0 ? [r] : []));
  const keptCols = columnNames.flatMap((_, c) => ((colTotals[c] as number) > 0 ? [c] : []));
  if (n === 0) return notComputable('the table holds no observations');
  if (keptRows.length < 2) return notComputable(`a test of independence needs at least two rows with observations, got ${keptRows.length}`);
  if (keptCols.length < 2) return notComputable('all observations fall in one category, so there is no mix to compare');

  const cells: ContingencyCell[] = [];
  for (const r of keptRows) {
    for (const c of keptCols) {
      const observed = (table[r] as readonly number[])[c] as number;
      const expected = (base.expected[r] as number[])[c] as number;
      const variance = expected * (1 - (rowTotals[r] as number) / n) * (1 - (colTotals[c] as number) / n);
      cells.push({ row: rowNames[r] as string, column: columnNames[c] as string, observed, expected, adjustedResidual: (observed - expected) / Math.sqrt(variance) });
    }
  }
  const smaller = Math.min(keptRows.length, keptCols.length) - 1;
  return {
    ok: true,
    statistic: base.statistic,
    df: base.df,
    pValue: base.pValue,
    cramersV: Math.min(1, Math.sqrt(base.statistic / (n * smaller))),
    n,
    rows: keptRows.map((r) => rowNames[r] as string),
    columns: keptCols.map((c) => columnNames[c] as string),
    cells,
    lowExpected: base.lowExpected,
    dropped: {
      rows: rowNames.filter((_, r) => rowTotals[r] === 0),
      columns: columnNames.filter((_, c) => colTotals[c] === 0),
    },
  };
}
