import type { ComparisonSide } from '../../core/domain.js';
import type { CompareView } from './compareState.js';

/** From this many columns the two sides stand in two columns; below, they stack (or show one at a time). */
export const TWO_COLUMNS_MIN = 100;
/** Rows under the panes: the strategy-mix strip (title and a row per side) and the trait strip (same). */
export const STRIP_ROWS = 6;
/** On a short screen the strip drops its two titles, so the panes keep some room. */
export const SHORT_STRIP_ROWS = 4;
const SHORT_SCREEN = 26;
const TITLE_ROWS = 1;
const STATUS_ROWS = 2;

export interface CompareLayout {
  arrangement: 'columns' | 'stacked' | 'single';
  width: number;
  paneWidth: number;
  /** Transcript rows per side (each pane has one heading row more); 0: not shown. */
  paneRows: Record<ComparisonSide, number>;
  /** Rows left for the strip or, once both have ended, for where they diverged. */
  stripRows: number;
}

/**
 * Where everything goes at a terminal size: two columns from 100 columns on;
 * below that both stacked, or the one Tab chose. The panes get what the title,
 * the strip and the status lines leave.
 */
export function compareLayout(columns: number, rows: number, view: CompareView, options: { stripRows?: number } = {}): CompareLayout {
  const width = Math.max(20, columns - 1);
  const strip = Math.min(options.stripRows ?? (rows < SHORT_SCREEN ? SHORT_STRIP_ROWS : STRIP_ROWS), Math.max(0, rows - TITLE_ROWS - STATUS_ROWS - 4));
  const body = Math.max(2, rows - TITLE_ROWS - STATUS_ROWS - strip);
  if (columns >= TWO_COLUMNS_MIN) {
    const paneWidth = Math.floor((width - 3) / 2);
    const each = Math.max(1, body - 1);
    return { arrangement: 'columns', width, paneWidth, paneRows: { A: each, B: each }, stripRows: strip };
  }
  if (view === 'both') {
    const a = Math.max(1, Math.floor(body / 2) - 1);
    const b = Math.max(1, body - 2 - a);
    return { arrangement: 'stacked', width, paneWidth: width, paneRows: { A: a, B: b }, stripRows: strip };
  }
  const one = Math.max(1, body - 1);
  return { arrangement: 'single', width, paneWidth: width, paneRows: { A: view === 'A' ? one : 0, B: view === 'B' ? one : 0 }, stripRows: strip };
}
