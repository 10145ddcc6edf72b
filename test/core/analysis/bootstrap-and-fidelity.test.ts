import { describe, expect, it } from 'vitest';
import { bootstrapClusteredMean, bootstrapMean, quantileSorted, seedFor, type BootstrapInterval } from '../../../src/core/analysis/bootstrap.js';
import { personaFidelity, traitShiftByGroup, type TraitObservation } from '../../../src/core/analysis/trait-fidelity.js';
import { expectNear } from './reference/close.js';

// Reference values: SciPy 1.10.1 / NumPy 1.24.2 (Debian 12), test/core/analysis/reference/reference_values.py.
// Bootstrap intervals are Monte Carlo on both sides (different generators), so they are compared
// with a tolerance of 0.015 (a few times the simulation error at 20 000 resamples here and 200 000 there).

function interval(ci: BootstrapInterval): [number, number] {
  if (!ci.ok) throw new Error(`expected an interval, got: ${ci.reason}`);
  return [ci.lower, ci.upper];
}

const ABS_DIFF = [0.25, 1.0, 0.5, 0.0, 1.75, 0.75, 0.5, 1.25, 0.25, 2.0, 0.5, 0.75, 1.0, 0.0, 0.25, 1.5, 0.75, 0.5, 0.25, 1.0, 0.5, 0.75, 3.0, 0.25, 0.5, 1.25, 0.0, 0.75, 1.0, 0.5];

describe('quantiles and seeds', () => {
  it('interpolates like numpy.percentile (type 7)', () => {
    const sorted = [3.0, 1.0, 4.0, 1.5, 9.0, 2.6].sort((a, b) => a - b);
    expect(quantileSorted(sorted, 0.025)).toBeCloseTo(1.0625, 12);
    expect(quantileSorted(sorted, 0.5)).toBeCloseTo(2.8, 12);
    expect(quantileSorted(sorted, 0.975)).toBeCloseTo(8.375, 12);
    expect(quantileSorted(sorted, 1)).toBe(9);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });

  it('derives distinct, stable per-cell seeds', () => {
    expect(seedFor(7, 'aware', 'E')).toBe(seedFor(7, 'aware', 'E'));
    expect(seedFor(7, 'aware', 'E')).not.toBe(seedFor(7, 'blind', 'E'));
    expect(seedFor(7, 'aware', 'E')).not.toBe(seedFor(8, 'aware', 'E'));
    // Parts are separated, so ("ab", "c") and ("a", "bc") differ.
    expect(seedFor(1, 'ab', 'c')).not.toBe(seedFor(1, 'a', 'bc'));
  });
});

describe('percentile bootstrap of a mean', () => {
  it('agrees with scipy.stats.bootstrap(method="percentile") within Monte Carlo error', () => {
    const [lo, hi] = interval(bootstrapMean(ABS_DIFF, { seed: 1, resamples: 20_000 }));
    expect(Math.abs(lo - 0.5583333333333333)).toBeLessThan(0.015);
    expect(Math.abs(hi - 1.0166666666666666)).toBeLessThan(0.015);
  });

  it('is deterministic for a seed and moves with another seed', () => {
    const a = bootstrapMean(ABS_DIFF, { seed: 42 });
    expect(bootstrapMean(ABS_DIFF, { seed: 42 })).toEqual(a);
    expect(bootstrapMean(ABS_DIFF, { seed: 43 })).not.toEqual(a);
    expect(a).toMatchObject({ ok: true, level: 0.95, resamples: 2000 });
  });

  it('a wider level gives a wider interval around the mean', () => {
    const [lo95, hi95] = interval(bootstrapMean(ABS_DIFF, { seed: 3 }));
    const [lo99, hi99] = interval(bootstrapMean(ABS_DIFF, { seed: 3, level: 0.99 }));
    expect(lo99).toBeLessThanOrEqual(lo95);
    expect(hi99).toBeGreaterThanOrEqual(hi95);
    expect(lo95).toBeLessThan(0.775);
    expect(hi95).toBeGreaterThan(0.775);
  });

  it('resamples whole clusters: equal-sized clusters give the interval of the cluster means', () => {
    const clusters = [1, 4, 2, 7, 3].map((v, i) => ({ sum: v * 2 + i * 0.5, count: 2 }));
    const means = clusters.map((c) => c.sum / 2);
    const clustered = interval(bootstrapClusteredMean(clusters, { seed: 5 }));
    const plain = interval(bootstrapMean(means, { seed: 5 }));
    expect(clustered[0]).toBeCloseTo(plain[0], 12);
    expect(clustered[1]).toBeCloseTo(plain[1], 12);
  });

  it('edge cases: no values or one value is not computable; zero variance gives a zero-width interval', () => {
    expect(bootstrapMean([], { seed: 1 })).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 2/) });
    expect(bootstrapMean([0.5], { seed: 1 })).toMatchObject({ ok: false });
    expect(bootstrapMean([2, 2, 2], { seed: 1 })).toMatchObject({ ok: true, lower: 2, upper: 2 });
    expect(() => bootstrapMean([1, 2], { seed: 1.5 })).toThrow(RangeError);
    expect(() => bootstrapMean([1, 2], { seed: 1, resamples: 0 })).toThrow(RangeError);
    expect(() => bootstrapMean([1, 2], { seed: 1, level: 95 })).toThrow(RangeError);
    expect(() => bootstrapClusteredMean([{ sum: 1, count: 0 }, { sum: 1, count: 1 }], { seed: 1 })).toThrow(RangeError);
  });
});

// Twenty conversations, one supporter row each on dimension E (also in the reference script).
const TARGET = [4.0, 2.0, 3.5, 1.5, 4.5, 3.0, 2.5, 4.0, 2.0, 3.5, 1.0, 5.0, 3.0, 2.5, 4.0, 3.5, 2.0, 4.5, 1.5, 3.0];
const MEASURED = [3.2, 2.9, 3.5, 2.6, 3.9, 3.1, 3.4, 3.0, 2.2, 3.3, 2.4, 4.1, 2.7, 3.0, 3.3, 3.6, 2.9, 3.8, 2.5, 3.1];

function observations(): TraitObservation[] {
  return TARGET.map((target, i) => ({
    conversation: `c${i}`,
    dimension: 'E',
    target,
    measured: MEASURED[i] as number,
    factors: { condition: i % 2 === 0 ? 'aware' : 'blind', model: 'm1', role: 'supporter', engine: 'agents' },
  }));
}

describe('RQ2: trait shift by group', () => {
  it('one group: MAD and mean shift from NumPy, bootstrap interval near SciPy’s', () => {
    const [cell] = traitShiftByGroup(observations(), ['engine'], { seed: 9, resamples: 20_000 });
    expect(cell).toMatchObject({ group: { engine: 'agents' }, dimension: 'E', n: 20, conversations: 20 });
    expectNear(cell?.meanAbsoluteDifference as number, 0.62, 1e-12);
    expectNear(cell?.meanShift as number, 0.1, 1e-9);
    const [lo, hi] = interval(cell?.ci as BootstrapInterval);
    expect(Math.abs(lo - 0.445)).toBeLessThan(0.015);
    expect(Math.abs(hi - 0.795)).toBeLessThan(0.015);
  });

  it('groups by any factors, in sorted order, with dimensions in HEXACO-then-CSI order', () => {
    const rows = observations().flatMap((o) => [o, { ...o, dimension: 'expressiveness', measured: o.target }, { ...o, dimension: 'H' }]);
    const cells = traitShiftByGroup(rows, ['condition', 'model'], { seed: 1 });
    expect(cells.map((c) => `${c.group.condition}/${c.group.model}/${c.dimension}`)).toEqual([
      'aware/m1/H', 'aware/m1/E', 'aware/m1/expressiveness', 'blind/m1/H', 'blind/m1/E', 'blind/m1/expressiveness',
    ]);
    const exact = cells.find((c) => c.dimension === 'expressiveness');
    expect(exact).toMatchObject({ meanAbsoluteDifference: 0, meanShift: 0, ci: { ok: true, lower: 0, upper: 0 } });
    // By hand: aware rows are the even indices.
    const aware = TARGET.flatMap((t, i) => (i % 2 === 0 ? [Math.abs((MEASURED[i] as number) - t)] : []));
    expect(cells[1]?.meanAbsoluteDifference).toBeCloseTo(aware.reduce((s, v) => s + v, 0) / aware.length, 12);
    expect(traitShiftByGroup(rows, ['condition'], { seed: 1, dimensions: ['E'] }).map((c) => c.dimension)).toEqual(['E', 'E']);
  });

  it('a group’s interval depends on its own data and the seed, not on the other groups or the input order', () => {
    const base = observations();
    const extra = base.map((o) => ({ ...o, conversation: `x-${o.conversation}`, factors: { ...o.factors, condition: 'baseline' } }));
    const alone = traitShiftByGroup(base, ['condition'], { seed: 4 });
    const withExtra = traitShiftByGroup([...extra, ...base].reverse(), ['condition'], { seed: 4 });
    expect(withExtra.filter((c) => c.group.condition !== 'baseline')).toEqual(alone);
  });

  it('a cell with one conversation has a mean but no interval; a missing factor or NaN score throws', () => {
    const [one] = traitShiftByGroup(observations().slice(0, 1), ['role'], { seed: 1 });
    expect(one).toMatchObject({ n: 1, ci: { ok: false } });
    expect(JSON.stringify(one)).not.toMatch(/NaN|null/);
    expect(traitShiftByGroup([], ['role'], { seed: 1 })).toEqual([]);
    expect(() => traitShiftByGroup(observations(), ['temperature'], { seed: 1 })).toThrow(/no factor "temperature"/);
    expect(() => traitShiftByGroup([{ ...observations()[0]!, measured: Number.NaN }], ['role'], { seed: 1 })).toThrow(RangeError);
  });
});

describe('persona fidelity per model and role', () => {
  function fidelityRows(): TraitObservation[] {
    const rows: TraitObservation[] = [];
    // Model "close" misses by 0.5 on each dimension, "far" by 1.5, "mid" by 1.0 (supporter), and as seeker "far" is best.
    const miss: Record<string, Record<string, number>> = { supporter: { close: 0.5, far: 1.5, mid: 1.0 }, seeker: { close: 1.0, far: 0.25 } };
    for (const [role, models] of Object.entries(miss)) {
      for (const [model, by] of Object.entries(models)) {
        for (let c = 0; c < 4; c++) {
          for (const dimension of ['E', 'X', 'emotionality']) {
            // Alternate the sign of the miss: the MAD ignores direction.
            const measured = 3 + (c % 2 === 0 ? by : -by);
            rows.push({ conversation: `${role}-${model}-${c}`, dimension, target: 3, measured, factors: { role, model } });
          }
        }
      }
    }
    return rows;
  }

  it('ranks models by mean absolute difference within each role', () => {
    const tables = personaFidelity(fidelityRows(), { seed: 11 });
    const supporter = tables.find((t) => t.role === 'supporter');
    const seeker = tables.find((t) => t.role === 'seeker');
    expect(supporter?.rows.map((r) => [r.model, r.rank, r.meanAbsoluteDifference])).toEqual([
      ['close', 1, 0.5],
      ['mid', 2, 1.0],
      ['far', 3, 1.5],
    ]);
    expect(seeker?.rows.map((r) => r.model)).toEqual(['far', 'close']);
    expect(supporter?.rows[0]).toMatchObject({ conversations: 4, observations: 12, ci: { ok: true, lower: 0.5, upper: 0.5 } });
    expect(supporter?.rows[0]?.byDimension).toEqual([
      { dimension: 'E', n: 4, meanAbsoluteDifference: 0.5 },
      { dimension: 'X', n: 4, meanAbsoluteDifference: 0.5 },
      { dimension: 'emotionality', n: 4, meanAbsoluteDifference: 0.5 },
    ]);
  });

  it('equal fidelity shares a rank; factor names can be chosen', () => {
    const rows = fidelityRows()
      .filter((r) => r.factors.role === 'supporter' && r.factors.model !== 'far')
      .map((r) => ({ ...r, measured: 3.5, factors: { part: 'helper', llm: r.factors.model as string } }));
    const [table] = personaFidelity(rows, { seed: 1, modelFactor: 'llm', roleFactor: 'part' });
    expect(table?.role).toBe('helper');
    expect(table?.rows.map((r) => [r.model, r.rank])).toEqual([
      ['close', 1],
      ['mid', 1],
    ]);
  });
});
