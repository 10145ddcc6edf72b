import { DEFAULT_TRAJECTORY, LARGE_DRIFT } from '../../core/traits/meter.js';
import { TRAIT_MAX, TRAIT_MIN } from '../../core/traits/dimensions.js';

/**
 * Layout maths for the trait meter panel, kept pure so it can be checked at any
 * width. A row is:
 *
 *   label · [strip ·] target→measured? · diff! · [sparkline]
 *   E       ██████┃░░  5.0→3.2?          −1.8!   ▃▄▅▅
 *
 * The sparkline and the strip are the parts that give way: the sparkline first
 * shrinks, then the strip goes, then two speakers become one at a time.
 */
export interface TraitPanelLayout {
  /** Speakers side by side (2) or one at a time (1, `w` switches). */
  speakers: 1 | 2;
  columnWidth: number;
  gap: number;
  /** Cells of the 1–5 strip; 0 hides it (narrow columns). */
  barWidth: number;
  /** Cells of the trajectory sparkline; 0 hides it. */
  sparkWidth: number;
}

export const LABEL_WIDTH = 3; // "E", "Emo"
/** "5.0→3.2?": target, arrow, measured, low-confidence mark. */
export const PAIR_WIDTH = 3 + 1 + 3 + 1;
/** "−1.8!": signed difference and the large-drift mark. */
export const DIFF_WIDTH = 4 + 1;
/** Columns a row needs with neither strip nor sparkline. */
export const ROW_BASE = LABEL_WIDTH + 1 + PAIR_WIDTH + 1 + DIFF_WIDTH;
const MIN_SPARK = 4;
const MIN_BAR = 5;
const MAX_BAR = 20;
const GAP = 2;

export function traitPanelLayout(totalWidth: number): TraitPanelLayout {
  const width = Math.max(1, Math.floor(totalWidth));
  const half = Math.floor((width - GAP) / 2);
  // Two speakers only if each column keeps at least a short trajectory: without it the panel loses its point.
  const speakers: 1 | 2 = half >= ROW_BASE + 1 + MIN_SPARK ? 2 : 1;
  const columnWidth = speakers === 2 ? half : width;
  const sparkRoom = columnWidth - ROW_BASE - 1;
  const sparkWidth = sparkRoom >= MIN_SPARK ? Math.min(DEFAULT_TRAJECTORY, sparkRoom) : 0;
  const barRoom = columnWidth - ROW_BASE - (sparkWidth ? sparkWidth + 1 : 0) - 1;
  const barWidth = barRoom >= MIN_BAR ? Math.min(MAX_BAR, barRoom) : 0;
  return { speakers, columnWidth, gap: GAP, barWidth, sparkWidth };
}

/** The cell a 1–5 score falls in on a strip of `width` cells (1 → first, 5 → last). */
export function scaleCell(value: number, width: number): number {
  if (width <= 1) return 0;
  const t = (Math.min(TRAIT_MAX, Math.max(TRAIT_MIN, value)) - TRAIT_MIN) / (TRAIT_MAX - TRAIT_MIN);
  return Math.round(t * (width - 1));
}

export type StripRun = { kind: 'fill' | 'empty' | 'target'; text: string };

/**
 * The strip: filled up to the measured value, with a notch `┃` where the
 * target is, so the gap between them reads at a glance without colour.
 */
export function meterStrip(measured: number | undefined, target: number | undefined, width: number): StripRun[] {
  if (width <= 0) return [];
  // Same 1–5 scale for both, so measured = target puts the notch on the last filled cell.
  const filled = measured === undefined || !Number.isFinite(measured) ? 0 : scaleCell(measured, width) + 1;
  const notch = target === undefined || !Number.isFinite(target) ? -1 : scaleCell(target, width);
  const runs: StripRun[] = [];
  for (let i = 0; i < width; i++) {
    const kind: StripRun['kind'] = i === notch ? 'target' : i < filled ? 'fill' : 'empty';
    const ch = kind === 'target' ? '┃' : kind === 'fill' ? '█' : '░';
    const last = runs.at(-1);
    if (last && last.kind === kind) last.text += ch;
    else runs.push({ kind, text: ch });
  }
  return runs;
}

export function formatScore(value: number): string {
  return value.toFixed(1);
}

/** Signed measured − target, "+0.8" / "−0.8" / " 0.0". */
export function formatDelta(delta: number): string {
  const rounded = Math.round(delta * 10) / 10;
  if (rounded === 0) return ' 0.0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}`;
}

export type DriftLevel = 'none' | 'large' | 'severe';

/** Large drifts get the warning colour, twice that the danger colour; both get the "!" mark. */
export function driftLevel(largeDrift: boolean, d: number | undefined): DriftLevel {
  if (!largeDrift || d === undefined) return 'none';
  return Math.abs(d) >= 2 * LARGE_DRIFT ? 'severe' : 'large';
}
