/** Figures gathered over several runs, reduced to min / median / max and printed as one table. */

export interface FigureRow {
  id: string;
  label: string;
  unit: string;
  digits: number;
  /** A detail under the figure above it: printed indented. */
  detail: boolean;
  values: number[];
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]! };
}

/** Rows keep the order in which they were first added, so the table reads the same on every run. */
export class Figures {
  private readonly rows = new Map<string, FigureRow>();

  add(id: string, label: string, value: number, options: { unit?: string; digits?: number; detail?: boolean } = {}): void {
    if (!Number.isFinite(value)) return;
    const row = this.rows.get(id);
    if (row) row.values.push(value);
    else this.rows.set(id, { id, label, unit: options.unit ?? '', digits: options.digits ?? 2, detail: options.detail ?? false, values: [value] });
  }

  list(): FigureRow[] {
    return [...this.rows.values()];
  }
}

function fmt(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatTable(rows: readonly FigureRow[]): string {
  const label = (r: FigureRow) => `${r.detail ? '    ' : ''}${r.label}${r.unit ? ` (${r.unit})` : ''}`;
  const cells = rows.map((r) => {
    const s = spread(r.values);
    return [label(r), fmt(s.min, r.digits), fmt(s.median, r.digits), fmt(s.max, r.digits), String(r.values.length)];
  });
  const header = ['figure', 'min', 'median', 'max', 'runs'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
