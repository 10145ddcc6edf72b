import { describe, expect, it } from 'vitest';
import {
  applyReading,
  drift,
  isLargeDrift,
  isLowConfidence,
  meterRows,
  smoothStep,
  sparkline,
} from '../../../src/core/traits/meter.js';
import { HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';

describe('smoothStep (confidence-weighted EMA)', () => {
  it('takes the first reading as it is', () => {
    expect(smoothStep(undefined, { score: 4, confidence: 0.3 })).toEqual({ value: 4, confidence: 0.3, samples: 1 });
  });

  it('weights new and old by alpha times confidence', () => {
    // w = 0.5·0.8 / (0.5·0.8 + 0.5·0.2) = 0.8 → 2 + 0.8·(4 − 2) = 3.6; confidence 0.2 + 0.5·(0.8 − 0.2) = 0.5
    const next = smoothStep({ value: 2, confidence: 0.2, samples: 1 }, { score: 4, confidence: 0.8 }, 0.5);
    expect(next.value).toBeCloseTo(3.6, 10);
    expect(next.confidence).toBeCloseTo(0.5, 10);
    expect(next.samples).toBe(2);
  });

  it('barely moves a confident value for an unsure reading', () => {
    const next = smoothStep({ value: 2, confidence: 0.9, samples: 3 }, { score: 5, confidence: 0.1 }, 0.5);
    // w = 0.05 / (0.05 + 0.45) = 0.1 → 2.3
    expect(next.value).toBeCloseTo(2.3, 10);
  });

  it('falls back to the plain EMA when both confidences are zero, and clamps inputs', () => {
    expect(smoothStep({ value: 2, confidence: 0, samples: 1 }, { score: 4, confidence: 0 }, 0.25).value).toBeCloseTo(2.5, 10);
    expect(smoothStep(undefined, { score: 9, confidence: 3 })).toEqual({ value: 5, confidence: 1, samples: 1 });
  });
});

describe('applyReading', () => {
  const reading = (afterTurn: number, E: number, confidence = 1) => ({ afterTurn, hexaco: { E: { score: E, confidence } }, csi: {} });

  it('builds a trajectory of smoothed values, capped at its length', () => {
    let m = applyReading(undefined, reading(0, 1), { alpha: 1, trajectoryLength: 3 });
    for (const [i, E] of [2, 3, 4, 5].entries()) m = applyReading(m, reading(i + 1, E), { alpha: 1, trajectoryLength: 3 });
    expect(m.hexaco.E?.trajectory).toEqual([3, 4, 5]);
    expect(m.hexaco.E?.current.samples).toBe(5);
    expect(m.afterTurn).toBe(4);
  });

  it('ignores a reading older than what it already holds, and keeps dimensions a reading abstains on', () => {
    const m1 = applyReading(undefined, { afterTurn: 5, hexaco: { E: { score: 4, confidence: 1 }, X: { score: 2, confidence: 1 } }, csi: {} });
    expect(applyReading(m1, reading(3, 1))).toBe(m1);
    const m2 = applyReading(m1, reading(6, 4));
    expect(m2.hexaco.X).toEqual(m1.hexaco.X);
  });

});

describe('drift and thresholds', () => {
  it('is measured minus target, undefined when either is missing', () => {
    expect(drift(4.5, 3)).toBe(1.5);
    expect(drift(undefined, 3)).toBeUndefined();
    expect(drift(3, undefined)).toBeUndefined();
  });

  it('flags |drift| ≥ 1 as large, as displayed to one decimal', () => {
    expect(isLargeDrift(-1)).toBe(true);
    expect(isLargeDrift(0.96)).toBe(true); // shown as "+1.0"
    expect(isLargeDrift(0.94)).toBe(false);
    expect(isLargeDrift(undefined)).toBe(false);
    expect(isLowConfidence(0.49)).toBe(true);
    expect(isLowConfidence(0.5)).toBe(false);
  });

  it('meterRows lines up target, measured, drift and flags per dimension', () => {
    const m = applyReading(undefined, { afterTurn: 1, hexaco: { E: { score: 2, confidence: 0.3 } }, csi: {} });
    const rows = meterRows(HEXACO_KEYS, { H: 3, E: 4.6, X: 2, A: 3, C: 3, O: 3 }, m.hexaco);
    const e = rows.find((r) => r.key === 'E')!;
    expect(e).toMatchObject({ target: 4.6, measured: 2, largeDrift: true, lowConfidence: true, trajectory: [2] });
    expect(e.drift).toBeCloseTo(-2.6, 10);
    expect(rows.find((r) => r.key === 'H')).toMatchObject({ measured: undefined, drift: undefined, largeDrift: false });
  });
});

describe('sparkline', () => {
  it('maps the fixed 1–5 scale onto eight blocks', () => {
    expect(sparkline([1, 2, 3, 4, 5])).toBe('▁▃▅▆█');
  });

  it('keeps the last `width` values and pads to exactly that width', () => {
    expect(sparkline([1, 5, 5], 2)).toBe('██');
    expect(sparkline([3], 4)).toBe('   ▅');
    expect(sparkline([], 3)).toBe('   ');
  });

  it('clamps out-of-scale values and blanks non-numbers', () => {
    expect(sparkline([0, 9, Number.NaN])).toBe('▁█ ');
  });
});
