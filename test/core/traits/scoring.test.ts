import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';
import { loadBundledInventory, loadInventory, type HexacoInventory } from '../../../src/core/traits/inventory.js';
import { itemScore, scoreInventory, toCsi, toHexaco, unscoredDimensions } from '../../../src/core/traits/scoring.js';

// A small inventory written to disk and loaded through the real loader.
const FIXTURE = `name: scoring fixture
version: test
kind: hexaco
scale: { min: 1, max: 5 }
items:
  - { id: h1, dimension: H, text: "The person h1.", reverse: false }
  - { id: h2, dimension: H, text: "The person h2.", reverse: true }
  - { id: e1, dimension: E, text: "The person e1.", reverse: false }
  - { id: e2, dimension: E, text: "The person e2.", reverse: true }
  - { id: e3, dimension: E, text: "The person e3.", reverse: false }
  - { id: x1, dimension: X, text: "The person x1.", reverse: true }
  - { id: a1, dimension: A, text: "The person a1.", reverse: false }
  - { id: c1, dimension: C, text: "The person c1.", reverse: false }
  - { id: o1, dimension: O, text: "The person o1.", reverse: true }
  - { id: o2, dimension: O, text: "The person o2.", reverse: false }
`;

describe('itemScore', () => {
  it('keeps forward ratings and flips reverse ones (6 − raw)', () => {
    expect([1, 2, 3, 4, 5].map((r) => itemScore(r, false))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map((r) => itemScore(r, true))).toEqual([5, 4, 3, 2, 1]);
  });

  it('rejects ratings that are not whole numbers from 1 to 5', () => {
    for (const bad of [0, 6, -1, 2.5, Number.NaN, Infinity]) {
      expect(() => itemScore(bad, false), String(bad)).toThrow(RangeError);
    }
    expect(() => itemScore('3' as unknown as number, false)).toThrow(RangeError);
  });
});

describe('scoreInventory', () => {
  let dir: string;
  let inventory: HexacoInventory;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pt-scoring-'));
    await writeFile(join(dir, 'fixture.yaml'), FIXTURE);
    inventory = await loadInventory(join(dir, 'fixture.yaml'), 'hexaco');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('averages item scores per dimension with reverse keys applied', () => {
    const result = scoreInventory(inventory, { h1: 4, h2: 2, e1: 5, e2: 5, e3: 3, x1: 1, a1: 2, o1: 4, o2: 4, zz9: 3 });
    // H: h1 = 4, h2 reversed 6 − 2 = 4            → (4 + 4) / 2     = 4
    // E: e1 = 5, e2 reversed 6 − 5 = 1, e3 = 3    → (5 + 1 + 3) / 3 = 3
    // X: x1 reversed 6 − 1 = 5                     → 5
    // A: a1 = 2                                    → 2
    // C: c1 unanswered                             → absent (not 0)
    // O: o1 reversed 6 − 4 = 2, o2 = 4             → (2 + 4) / 2     = 3
    expect(result.scores).toEqual({ H: 4, E: 3, X: 5, A: 2, O: 3 });
    expect('C' in result.scores).toBe(false);
    expect(result.answered).toEqual({ H: 2, E: 3, X: 1, A: 1, O: 2 });
    expect(result.missing).toEqual(['c1']);
    expect(result.unknown).toEqual(['zz9']);
    expect(toHexaco(result)).toBeUndefined();
    expect(unscoredDimensions(HEXACO_KEYS, result)).toEqual(['C']);
  });

  it('gives a complete Hexaco once every dimension has an answer', () => {
    // Same as above plus c1 = 4; E now with e2 = 3 (reversed 3): (5 + 3 + 3) / 3 = 11/3.
    const result = scoreInventory(inventory, { h1: 4, h2: 2, e1: 5, e2: 3, e3: 3, x1: 1, a1: 2, c1: 4, o1: 4, o2: 4 });
    const hexaco = toHexaco(result);
    expect(hexaco).toBeDefined();
    expect(Object.keys(hexaco ?? {})).toEqual([...HEXACO_KEYS]);
    expect(hexaco?.C).toBe(4);
    expect(hexaco?.E).toBeCloseTo(11 / 3, 12);
  });

  it('names the item when an answer is out of range', () => {
    expect(() => scoreInventory(inventory, { h1: 4, e1: 7 })).toThrow(/item e1: .*got 7/);
    expect(() => scoreInventory(inventory, { a1: 0 })).toThrow(RangeError);
  });

  it('scores the bundled CSI inventory: all 3s give 3 everywhere, all 5s give (4·5 + 2·1)/6 on balanced dimensions', async () => {
    const csi = await loadBundledInventory('csi');
    const threes = scoreInventory(csi, Object.fromEntries(csi.items.map((i) => [i.id, 3])));
    expect(toCsi(threes)).toEqual({
      expressiveness: 3, preciseness: 3, verbal_aggressiveness: 3, questioningness: 3, emotionality: 3, impression_manipulativeness: 3,
    });
    const fives = toCsi(scoreInventory(csi, Object.fromEntries(csi.items.map((i) => [i.id, 5]))));
    // Each bundled CSI dimension has 4 forward items (5 each) and 2 reverse (6 − 5 = 1): 22 / 6.
    for (const value of Object.values(fives ?? {})) expect(value).toBeCloseTo(22 / 6, 12);
  });
});
