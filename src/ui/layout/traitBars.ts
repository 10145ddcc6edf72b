import { TRAIT_MAX } from '../../core/traits/dimensions.js';

/**
 * Layout maths for the trait panel, kept pure so it can be checked at any width.
 * A row is: label · target bar · value [· measured bar · value · delta].
 */
export interface TraitPanelLayout {
  /** Speakers side by side (2) or one at a time (1). */
  speakers: 1 | 2;
  columnWidth: number;
  labelWidth: number;
  barWidth: number;
  gap: number;
}

export const LABEL_WIDTH = 3;
const VALUE_WIDTH = 3; // "4.5"
const DELTA_WIDTH = 4; // "+0.8"
const MIN_BAR = 3;
const MAX_BAR = 20;
/** Below this many columns two speakers side by side would squeeze bars to nothing. */
export const TWO_SPEAKER_MIN_WIDTH = 56;
const GAP = 2;

/** Columns a row needs beyond its bars. */
export function rowOverhead(hasMeasured: boolean): number {
  const target = LABEL_WIDTH + 1 + 1 + VALUE_WIDTH; // label, space, bar, space, value
  return hasMeasured ? target + 1 + 1 + VALUE_WIDTH + 1 + DELTA_WIDTH : target;
}

export function traitPanelLayout(totalWidth: number, hasMeasured: boolean): TraitPanelLayout {
  const width = Math.max(1, Math.floor(totalWidth));
  const speakers: 1 | 2 = width >= TWO_SPEAKER_MIN_WIDTH ? 2 : 1;
  const columnWidth = speakers === 2 ? Math.floor((width - GAP) / 2) : width;
  const bars = hasMeasured ? 2 : 1;
  const barWidth = Math.min(MAX_BAR, Math.max(MIN_BAR, Math.floor((columnWidth - rowOverhead(hasMeasured)) / bars)));
  return { speakers, columnWidth, labelWidth: LABEL_WIDTH, barWidth, gap: GAP };
}

/** Filled cells for a 1–5 score on a bar of `barWidth` cells (value clamped to 0–5). */
export function filledCells(value: number, barWidth: number): number {
  if (!Number.isFinite(value)) return 0;
  const clamped = Math.min(TRAIT_MAX, Math.max(0, value));
  return Math.round((clamped / TRAIT_MAX) * barWidth);
}

export function bar(value: number, barWidth: number, fill: string): string {
  const n = filledCells(value, barWidth);
  return fill.repeat(n) + '░'.repeat(barWidth - n);
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
