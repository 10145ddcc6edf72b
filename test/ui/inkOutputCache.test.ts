import { describe, expect, it } from 'vitest';
import { installInkOutputCache, renderWithoutFrameCache } from '../../src/ui/inkOutputCache.js';

/**
 * The frame cache must never change a frame: every frame built with it is
 * compared with the same frame built the way Ink builds it unpatched, over
 * many frames that reuse, change, clip and overlap lines (styles, wide
 * characters and emoji included), as a conversation's frames do.
 */

interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = new (options: { width: number; height: number }) => OutputLike;

async function inkOutput(): Promise<OutputClass> {
  const url = new URL('./output.js', import.meta.resolve('ink'));
  return ((await import(url.href)) as { default: OutputClass }).default;
}

/** A small deterministic generator, so a failure names a frame that can be rebuilt. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const SGR = ['\u001b[31m', '\u001b[1m', '\u001b[38;5;214m', '\u001b[2m', '\u001b[4m'];
const RESET = '\u001b[0m';
const WORDS = ['I', 'feel', 'tired', 'of', 'everything', '—', 'work…', '漢字', '😀', 'naïve', 'é', '│', '█░', 'ok', '·', 'family'];

function phrase(r: ReturnType<typeof random>): string {
  const words = Array.from({ length: 1 + r.int(8) }, () => {
    const w = r.pick(WORDS);
    return r.next() < 0.3 ? `${r.pick(SGR)}${w}${RESET}` : w;
  });
  return words.join(' ');
}

describe('the Ink frame cache', () => {
  it('is installed into the Ink this app runs on (a changed Ink would silently lose it)', async () => {
    expect(['installed', 'already']).toContain(await installInkOutputCache());
    expect(await installInkOutputCache()).toBe('already');
  });

  it('builds every frame exactly as Ink does without it', async () => {
    await installInkOutputCache();
    const Output = await inkOutput();
    const r = random(12345);
    // A pool of lines reused across frames (cache hits), refreshed a little each frame (misses).
    const pool = Array.from({ length: 40 }, () => phrase(r));
    const width = 60;
    const height = 20;
    let differing = 0;
    for (let frame = 0; frame < 400; frame++) {
      for (let k = 0; k < 3; k++) pool[r.int(pool.length)] = phrase(r);
      const ops: ((o: OutputLike) => void)[] = [];
      let depth = 0;
      for (let n = 0; n < 25; n++) {
        const roll = r.next();
        if (roll < 0.1) {
          const box = { x1: r.int(20), x2: 20 + r.int(45), y1: r.int(8), y2: 6 + r.int(16) };
          const clip = r.next() < 0.2 ? { x1: box.x1, x2: box.x2 } : box;
          ops.push((o) => o.clip(clip));
          depth++;
        } else if (roll < 0.15 && depth > 0) {
          ops.push((o) => o.unclip());
          depth--;
        } else {
          const text = r.next() < 0.2 ? `${r.pick(pool)}\n${r.pick(pool)}` : r.pick(pool);
          const x = r.int(width + 4) - 3;
          const y = r.int(height + 2) - 1;
          const upper = r.next() < 0.1;
          ops.push((o) => o.write(x, y, text, { transformers: upper ? [(line) => line.toUpperCase()] : [] }));
        }
      }
      const cached = new Output({ width, height });
      const plain = new Output({ width, height });
      for (const op of ops) {
        op(cached);
        op(plain);
      }
      const got = cached.get();
      const want = renderWithoutFrameCache(Output, plain) as { output: string; height: number };
      if (got.output !== want.output) differing++;
      expect(got, `frame ${frame}`).toEqual(want);
    }
    expect(differing).toBe(0);
  });
});
