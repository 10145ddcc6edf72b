import type { JudgedScore, MeterReading } from '../domain.js';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN, type CsiKey, type HexacoKey } from './dimensions.js';

/**
 * The trait meter's maths, pure: folding the judge's successive readings into a
 * smoothed value per dimension, drift against the persona's target, thresholds
 * for what the UI highlights, and a sparkline of the recent trajectory.
 *
 * Smoothing is a confidence-weighted exponential moving average: the new reading
 * gets weight α·c_new, the running value (1−α)·c_prev, so a confident reading
 * moves the needle and a near-guess barely does, while a confident history is
 * not overturned by one unsure answer. The displayed confidence is the EMA of
 * the confidences. Each reading already covers the whole conversation so far;
 * smoothing only damps the judge's own jitter between calls.
 */

export const DEFAULT_ALPHA = 0.5;
export const DEFAULT_TRAJECTORY = 8;
/** |measured − target| at or above this is a large drift: highlighted. */
export const LARGE_DRIFT = 1;
/** Confidence below this is drawn faint: the value may still move a lot. */
export const LOW_CONFIDENCE = 0.5;

export interface SmoothedScore {
  value: number;
  confidence: number;
  /** Readings folded in so far. */
  samples: number;
}

export interface DimensionMeter {
  current: SmoothedScore;
  /** The last smoothed values, oldest first (at most the trajectory length). */
  trajectory: number[];
}

export interface SpeakerMeter {
  /** The latest turn index any folded reading had read; -1 before the first. */
  afterTurn: number;
  hexaco: Partial<Record<HexacoKey, DimensionMeter>>;
  csi: Partial<Record<CsiKey, DimensionMeter>>;
}

export interface MeterSettings {
  alpha?: number;
  trajectoryLength?: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** One smoothing step; the first reading is taken as it is. */
export function smoothStep(prev: SmoothedScore | undefined, next: JudgedScore, alpha = DEFAULT_ALPHA): SmoothedScore {
  const score = clamp(next.score, TRAIT_MIN, TRAIT_MAX);
  const confidence = clamp(next.confidence, 0, 1);
  if (!prev) return { value: score, confidence, samples: 1 };
  const a = clamp(alpha, 0, 1);
  const wNew = a * confidence;
  const wOld = (1 - a) * prev.confidence;
  // Both weights zero (two pure guesses): fall back to the plain EMA.
  const w = wNew + wOld > 0 ? wNew / (wNew + wOld) : a;
  return {
    value: prev.value + w * (score - prev.value),
    confidence: prev.confidence + a * (confidence - prev.confidence),
    samples: prev.samples + 1,
  };
}

export function emptySpeakerMeter(): SpeakerMeter {
  return { afterTurn: -1, hexaco: {}, csi: {} };
}

function foldGroup<K extends string>(
  keys: readonly K[],
  state: Partial<Record<K, DimensionMeter>>,
  reading: Partial<Record<K, JudgedScore>>,
  alpha: number,
  length: number,
): Partial<Record<K, DimensionMeter>> {
  const out: Partial<Record<K, DimensionMeter>> = { ...state };
  for (const key of keys) {
    const next = reading[key];
    // A dimension the judge abstained on keeps its previous value: absence is not evidence.
    if (!next || !Number.isFinite(next.score) || !Number.isFinite(next.confidence)) continue;
    const prev = state[key];
    const current = smoothStep(prev?.current, next, alpha);
    out[key] = { current, trajectory: [...(prev?.trajectory ?? []), current.value].slice(-Math.max(1, length)) };
  }
  return out;
}

/** Folds one reading in; a reading older than what is already folded is ignored (it arrived late). */
export function applyReading(meter: SpeakerMeter | undefined, reading: Pick<MeterReading, 'afterTurn' | 'hexaco' | 'csi'>, settings: MeterSettings = {}): SpeakerMeter {
  const base = meter ?? emptySpeakerMeter();
  if (reading.afterTurn < base.afterTurn) return base;
  const alpha = settings.alpha ?? DEFAULT_ALPHA;
  const length = settings.trajectoryLength ?? DEFAULT_TRAJECTORY;
  return {
    afterTurn: reading.afterTurn,
    hexaco: foldGroup(HEXACO_KEYS, base.hexaco, reading.hexaco, alpha, length),
    csi: foldGroup(CSI_KEYS, base.csi, reading.csi, alpha, length),
  };
}

/** measured − target; undefined when either is missing. Positive: expressed more than given. */
export function drift(measured: number | undefined, target: number | undefined): number | undefined {
  if (measured === undefined || target === undefined || !Number.isFinite(measured) || !Number.isFinite(target)) return undefined;
  return measured - target;
}

export function isLargeDrift(d: number | undefined, threshold = LARGE_DRIFT): boolean {
  // Round first so a drift shown as "+1.0" is never left unhighlighted by a hair.
  return d !== undefined && Math.round(Math.abs(d) * 10) / 10 >= threshold;
}

export function isLowConfidence(confidence: number, threshold = LOW_CONFIDENCE): boolean {
  return confidence < threshold;
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * `▂▃▅▅▆` — values on the fixed 1–5 scale (not rescaled to their own range, so a
 * flat line means no movement and dimensions compare at a glance). With `width`,
 * only the last `width` values, left-padded with spaces to exactly that width.
 */
export function sparkline(values: readonly number[], width?: number): string {
  const shown = width === undefined ? values : values.slice(-Math.max(0, width));
  const marks = shown.map((v) => {
    if (!Number.isFinite(v)) return ' ';
    const t = (clamp(v, TRAIT_MIN, TRAIT_MAX) - TRAIT_MIN) / (TRAIT_MAX - TRAIT_MIN);
    return SPARKS[Math.min(SPARKS.length - 1, Math.round(t * (SPARKS.length - 1)))]!;
  });
  const line = marks.join('');
  return width === undefined ? line : line.padStart(width, ' ');
}

export interface MeterRow<K extends string> {
  key: K;
  target: number | undefined;
  measured: number | undefined;
  confidence: number | undefined;
  drift: number | undefined;
  largeDrift: boolean;
  lowConfidence: boolean;
  trajectory: number[];
}

/** One row per dimension, in canonical order: what a meter panel draws. */
export function meterRows<K extends string>(
  keys: readonly K[],
  targets: Readonly<Partial<Record<K, number>>> | undefined,
  measured: Readonly<Partial<Record<K, DimensionMeter>>> | undefined,
): MeterRow<K>[] {
  return keys.map((key) => {
    const m = measured?.[key];
    const target = targets?.[key];
    const d = drift(m?.current.value, target);
    return {
      key,
      target,
      measured: m?.current.value,
      confidence: m?.current.confidence,
      drift: d,
      largeDrift: isLargeDrift(d),
      lowConfidence: m ? isLowConfidence(m.current.confidence) : true,
      trajectory: m?.trajectory ?? [],
    };
  });
}
