import { styledCharsToString } from '@alcalzone/ansi-tokenize';

/**
 * Ink builds every frame from scratch: a fresh `Output` with fresh caches
 * tokenizes and measures every visible line again, allocates a cell object for
 * every cell of the screen, and turns every row back into a string, whatever
 * changed. In a conversation almost nothing changes between frames — a few
 * words at the end of the streaming turn — and a profile of a 20-turn
 * full-screen run put most of the TUI's rendering time in that repeated work.
 *
 * This keeps what a frame learns for the frames after it:
 * - one set of text caches (styled cells per line, widths) shared by every
 *   frame, bounded so a long session does not grow it;
 * - one blank cell shared by every empty cell;
 * - each row's string, reused when the row holds the very same cell objects as
 *   the last time that row was built (cells come from the shared cache and are
 *   never changed in place, so the same objects mean the same text).
 *
 * Ink does not export its `Output`, so the module is reached by its file next
 * to Ink's entry (the URL Ink itself imports it by, hence the same class). Its
 * own `applyWriteOperation` still places the text; only the frame around it is
 * ours. If a later Ink no longer has this shape, nothing is changed and Ink
 * renders as it always did.
 */

/** Entries per cache before it starts over: a frame uses a few hundred. */
const ENTRIES = 8192;

/** A Map that empties itself when full: lookups stay a plain Map's, and memory stays bounded. */
class BoundedMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (this.size >= ENTRIES) this.clear();
    return super.set(key, value);
  }
}

interface Cell {
  type: string;
  value: string;
  fullWidth: boolean;
  styles: unknown[];
}
interface Clip {
  x1?: number | undefined;
  x2?: number | undefined;
  y1?: number | undefined;
  y2?: number | undefined;
}
type Operation = { type: 'write' } | { type: 'clip'; clip: Clip } | { type: 'unclip' };
interface OutputCaches {
  widths: Map<string, number>;
  blockWidths: Map<string, number>;
  styledChars: Map<string, unknown>;
}
interface OutputInstance {
  width: number;
  height: number;
  operations: Operation[];
  caches: OutputCaches;
  applyWriteOperation(rows: (Cell | undefined)[][], operation: Operation, clip: Clip | undefined): void;
}
interface OutputProto {
  get(this: OutputInstance): { output: string; height: number };
  applyWriteOperation?: unknown;
}
interface OutputClass {
  new (options: { width: number; height: number }): OutputInstance;
  prototype: OutputProto;
}

const PATCHED = Symbol.for('persona-talks.inkOutputCache');
/** Each patched class's own `get`, for a test that compares frames rendered both ways. */
const ORIGINAL_GET = new WeakMap<object, OutputProto['get']>();

/** Renders `output` as Ink does unpatched: its own fresh caches, every cell and row built anew. */
export function renderWithoutFrameCache(Output: unknown, output: unknown): { output: string; height: number } {
  const get = ORIGINAL_GET.get(Output as object) ?? (Output as OutputClass).prototype.get;
  return get.call(output as OutputInstance);
}

/** The tighter of two optional bounds; an undefined bound is no bound. */
function tighter(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return pick(a, b);
}

/** A clip inside another shows only what both let through. */
function within(outer: Clip | undefined, inner: Clip): Clip {
  if (!outer) return inner;
  return {
    x1: tighter(outer.x1, inner.x1, Math.max),
    x2: tighter(outer.x2, inner.x2, Math.min),
    y1: tighter(outer.y1, inner.y1, Math.max),
    y2: tighter(outer.y2, inner.y2, Math.min),
  };
}

function sameCells(a: readonly (Cell | undefined)[], b: readonly (Cell | undefined)[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rowText(cells: readonly (Cell | undefined)[]): string {
  return styledCharsToString(cells.filter((c): c is Cell => c !== undefined) as Parameters<typeof styledCharsToString>[0]).trimEnd();
}

/** Installs the frame cache into an Output class of Ink's shape; anything else is left alone. */
export function shareOutputCaches(Output: unknown): 'installed' | 'already' | 'unsupported' {
  if (typeof Output !== 'function') return 'unsupported';
  const proto = (Output as OutputClass).prototype as OutputProto & { [PATCHED]?: true };
  if (proto[PATCHED]) return 'already';
  const probe = new (Output as OutputClass)({ width: 1, height: 1 }) as Partial<OutputInstance>;
  const caches = probe.caches as Partial<OutputCaches> | undefined;
  const shaped =
    caches !== undefined &&
    ['widths', 'blockWidths', 'styledChars'].every((k) => caches[k as keyof OutputCaches] instanceof Map) &&
    Array.isArray(probe.operations) &&
    typeof proto.applyWriteOperation === 'function' &&
    typeof proto.get === 'function';
  if (!shaped) return 'unsupported';

  const shared: OutputCaches = Object.assign(caches, {
    widths: new BoundedMap<string, number>(),
    blockWidths: new BoundedMap<string, number>(),
    styledChars: new BoundedMap<string, unknown>(),
  });
  const blank: Cell = { type: 'char', value: ' ', fullWidth: false, styles: [] };
  // Row y's cells and text the last time it was built; a hint only, checked cell by cell.
  const lastRows: { cells: (Cell | undefined)[]; text: string }[] = [];

  ORIGINAL_GET.set(Output, proto.get);
  proto.get = function cachedFrame(this: OutputInstance) {
    this.caches = shared;
    const rows: (Cell | undefined)[][] = [];
    for (let y = 0; y < this.height; y++) rows.push(new Array<Cell>(this.width).fill(blank));
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(within(clips.at(-1), operation.clip));
      else if (operation.type === 'unclip') clips.pop();
      else this.applyWriteOperation(rows, operation, clips.at(-1));
    }
    const lines = rows.map((cells, y) => {
      const last = lastRows[y];
      if (last && sameCells(last.cells, cells)) return last.text;
      const text = rowText(cells);
      lastRows[y] = { cells, text };
      return text;
    });
    return { output: lines.join('\n'), height: rows.length };
  };
  proto[PATCHED] = true;
  return 'installed';
}

/** Finds Ink's Output module next to Ink's entry and installs the frame cache. */
export async function installInkOutputCache(): Promise<'installed' | 'already' | 'unsupported'> {
  try {
    const url = new URL('./output.js', import.meta.resolve('ink'));
    const module = (await import(url.href)) as { default?: unknown };
    return shareOutputCaches(module.default);
  } catch {
    return 'unsupported';
  }
}
