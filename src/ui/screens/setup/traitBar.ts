import { TRAIT_MAX, TRAIT_MIN } from '../../../core/traits/dimensions.js';

const FULL = '█';
const HALF = '▌';
const EMPTY = '░';

/**
 * A 1–5 trait score as a fixed-width text bar. Each of `width` cells covers an
 * equal share of the range and a half-filled cell shows a half step, so the
 * 0.5 steps the editor uses stay visible even in a short bar. Out-of-range and
 * non-finite values are clamped, because persona files are hand-written.
 */
export function traitBar(value: number, width = 10): string {
  const cells = Math.max(1, Math.floor(width));
  const v = Number.isFinite(value) ? Math.min(TRAIT_MAX, Math.max(TRAIT_MIN, value)) : TRAIT_MIN;
  const filledHalves = Math.round(((v - TRAIT_MIN) / (TRAIT_MAX - TRAIT_MIN)) * cells * 2);
  const full = Math.floor(filledHalves / 2);
  const half = filledHalves % 2;
  return FULL.repeat(full) + HALF.repeat(half) + EMPTY.repeat(cells - full - half);
}

/** "3.5" for 3.5, "4" for 4 — scores shown with at most one decimal. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
