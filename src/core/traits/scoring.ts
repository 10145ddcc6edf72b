import { CSI_KEYS, HEXACO_KEYS, type Csi, type CsiKey, type Hexaco, type HexacoKey } from './dimensions.js';
import type { Inventory, InventoryItem } from './inventory.js';

/**
 * Inventory scoring as the paper does it: each statement is rated 1–5,
 * reverse-keyed statements become 6 − raw, and a dimension's score is the mean
 * of its item scores. Pure functions, so the judge, the persona scorer and the
 * batch reports all score identically.
 */

const SCALE_MIN = 1;
const SCALE_MAX = 5;

/** One item's contribution: the raw rating, flipped when reverse-keyed. Throws RangeError unless raw is an integer 1–5. */
export function itemScore(raw: number, reverse: boolean): number {
  if (!Number.isInteger(raw) || raw < SCALE_MIN || raw > SCALE_MAX) {
    throw new RangeError(`a rating must be a whole number from ${SCALE_MIN} to ${SCALE_MAX}, got ${String(raw)}`);
  }
  return reverse ? SCALE_MIN + SCALE_MAX - raw : raw;
}

export interface InventoryScores<D extends string = string> {
  /** Mean item score per dimension; a dimension without any answered item is absent (never 0). */
  scores: Partial<Record<D, number>>;
  /** How many items were answered per dimension (dimensions with none are absent). */
  answered: Partial<Record<D, number>>;
  /** Item ids of the inventory that have no answer, in inventory order. */
  missing: string[];
  /** Answer keys that match no item of the inventory (a judge inventing ids shows up here). */
  unknown: string[];
}

type DimensionOfInventory<I extends Inventory> = I['items'][number]['dimension'];

/**
 * Score answers (item id → raw 1–5 rating) against an inventory. Throws a
 * RangeError naming the item when an answer is out of range or not a whole number.
 */
export function scoreInventory<I extends Inventory>(
  inventory: I,
  answers: Readonly<Record<string, number>>,
): InventoryScores<DimensionOfInventory<I>> {
  type D = DimensionOfInventory<I>;
  const sums = new Map<D, number>();
  const counts = new Map<D, number>();
  const missing: string[] = [];
  const items = inventory.items as ReadonlyArray<InventoryItem<D>>;
  for (const item of items) {
    if (!Object.hasOwn(answers, item.id)) {
      missing.push(item.id);
      continue;
    }
    let score: number;
    try {
      score = itemScore(answers[item.id] as number, item.reverse);
    } catch (error) {
      throw new RangeError(`item ${item.id}: ${(error as Error).message}`);
    }
    sums.set(item.dimension, (sums.get(item.dimension) ?? 0) + score);
    counts.set(item.dimension, (counts.get(item.dimension) ?? 0) + 1);
  }
  const known = new Set(items.map((item) => item.id));
  const scores: Partial<Record<D, number>> = {};
  const answered: Partial<Record<D, number>> = {};
  for (const [dimension, n] of counts) {
    scores[dimension] = (sums.get(dimension) ?? 0) / n;
    answered[dimension] = n;
  }
  return { scores, answered, missing, unknown: Object.keys(answers).filter((id) => !known.has(id)) };
}

function complete<K extends string>(keys: readonly K[], scores: Partial<Record<K, number>>): Record<K, number> | undefined {
  const out = {} as Record<K, number>;
  for (const key of keys) {
    const value = scores[key];
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}

/** A full Hexaco object (canonical key order) when every dimension has a score; otherwise undefined. */
export function toHexaco(result: Pick<InventoryScores<HexacoKey>, 'scores'>): Hexaco | undefined {
  return complete(HEXACO_KEYS, result.scores);
}

/** A full Csi object (canonical key order) when every dimension has a score; otherwise undefined. */
export function toCsi(result: Pick<InventoryScores<CsiKey>, 'scores'>): Csi | undefined {
  return complete(CSI_KEYS, result.scores);
}

/** Dimensions with no answered item, in canonical order — for "incomplete" messages. */
export function unscoredDimensions<K extends string>(keys: readonly K[], result: Pick<InventoryScores<K>, 'scores'>): K[] {
  return keys.filter((key) => result.scores[key] === undefined);
}
