/**
 * A seeded, conversation-level train/validation/test split: whole conversations
 * are shuffled with a seeded generator and dealt out by the ratios, so one
 * conversation never straddles two splits and the same files with the same seed
 * always split the same way, wherever they are stored.
 */

export const SPLITS = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];
export type SplitRatios = Record<SplitName, number>;

export const DEFAULT_RATIOS: SplitRatios = { train: 0.8, validation: 0.1, test: 0.1 };
export const DEFAULT_SEED = 1;

/** "80/10/10", "0.8,0.1,0.1" or "8:1:1" — three non-negative parts, scaled to sum to 1. Returns a message when unreadable. */
export function parseSplitRatios(text: string): SplitRatios | string {
  const parts = text.split(/[/,:]/).map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 3 || parts.some((p) => p === '') || numbers.some((n) => !Number.isFinite(n) || n < 0)) {
    return `--split needs three non-negative numbers for train/validation/test, such as 80/10/10 (got "${text}")`;
  }
  const [train, validation, test] = numbers as [number, number, number];
  const total = train + validation + test;
  if (total === 0 || train === 0) return '--split needs a train share above 0';
  return { train: train / total, validation: validation / total, test: test / total };
}

/** mulberry32: a small, well-mixed 32-bit generator; enough to shuffle, and identical on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many conversations each split gets: rounded shares, and at least one for a non-zero share when there are enough to go round. */
export function splitSizes(total: number, ratios: SplitRatios): Record<SplitName, number> {
  const share = (name: 'validation' | 'test') => {
    const n = Math.round(total * ratios[name]);
    return ratios[name] > 0 && n === 0 && total >= 3 ? 1 : n;
  };
  let validation = share('validation');
  let test = share('test');
  // Train keeps at least one conversation.
  while (total - validation - test < 1 && (validation > 0 || test > 0)) {
    if (test >= validation && test > 0) test -= 1;
    else validation -= 1;
  }
  return { train: total - validation - test, validation, test };
}

/**
 * The split of every key (one per conversation). Keys are sorted first, so the
 * result depends on the set of keys and the seed, not on the order they came in.
 */
export function assignSplits(keys: readonly string[], seed: number, ratios: SplitRatios = DEFAULT_RATIOS): Map<string, SplitName> {
  const order = [...new Set(keys)].sort();
  const random = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const sizes = splitSizes(order.length, ratios);
  const out = new Map<string, SplitName>();
  order.forEach((key, i) => out.set(key, i < sizes.validation ? 'validation' : i < sizes.validation + sizes.test ? 'test' : 'train'));
  return out;
}
