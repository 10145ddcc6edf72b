import type { StyledLine } from './styledLines.js';

/**
 * The full-screen transcript's window onto its lines. It follows the newest line
 * until the reader scrolls back; then it stays anchored to the line they scrolled
 * to (a turn and a line in it, so new turns below and a resize that re-wraps
 * everything leave the same text at the top), until they scroll back down to the
 * end. Pure, so scrolling is tested without a terminal.
 */

/** Where the window's top is: following the end, or a line of a turn (its block). */
export type ScrollAnchor = 'follow' | { block: number; line: number };

export interface ViewWindow {
  /** The rows to show, at most `height` (one fewer when the marker row is needed). */
  lines: StyledLine[];
  following: boolean;
  /** Blocks (turns) with lines below the window. */
  blocksBelow: number;
  /** First shown line, in all lines. */
  top: number;
  total: number;
}

function starts(blocks: readonly (readonly StyledLine[])[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const b of blocks) {
    out.push(at);
    at += b.length;
  }
  out.push(at);
  return out;
}

/** The line index an anchor points at, clamped into the text. */
function topOf(blocks: readonly (readonly StyledLine[])[], anchor: Exclude<ScrollAnchor, 'follow'>): number {
  const at = starts(blocks);
  if (blocks.length === 0) return 0;
  const block = Math.min(Math.max(0, anchor.block), blocks.length - 1);
  return at[block]! + Math.min(Math.max(0, anchor.line), Math.max(0, blocks[block]!.length - 1));
}

/** The anchor for line `index` of all lines. */
export function anchorAtLine(blocks: readonly (readonly StyledLine[])[], index: number): ScrollAnchor {
  const at = starts(blocks);
  const i = Math.max(0, index);
  for (let b = blocks.length - 1; b >= 0; b--) if (at[b]! <= i) return { block: b, line: i - at[b]! };
  return { block: 0, line: 0 };
}

/**
 * The top line while following: the window moves in jumps of two thirds of its
 * height (as an editor's scroll jump does), never a line at a time. Moving the
 * window rewrites every row of it on the terminal, so a jump per line of
 * streamed text would cost a whole screen per line; this way the newest line is
 * always shown, a third of the window above it stays as context, and a screen
 * is rewritten every two thirds of a screen of text.
 */
export function followTop(total: number, height: number): number {
  const h = Math.max(1, Math.floor(height));
  const step = Math.max(1, Math.floor((2 * h) / 3));
  return Math.ceil(Math.max(0, total - h) / step) * step;
}

export function viewWindow(blocks: readonly (readonly StyledLine[])[], height: number, anchor: ScrollAnchor): ViewWindow {
  const h = Math.max(1, Math.floor(height));
  const all = blocks.flat();
  const total = all.length;
  const following = followTop(total, h);
  if (anchor === 'follow' || topOf(blocks, anchor) >= following) {
    return { lines: all.slice(following, following + h), following: true, blocksBelow: 0, top: following, total };
  }
  // Scrolled back: one row is the marker saying what is below.
  const rows = Math.max(1, h - 1);
  const top = topOf(blocks, anchor);
  const end = top + rows;
  const at = starts(blocks);
  let blocksBelow = 0;
  for (let b = 0; b < blocks.length; b++) if (at[b + 1]! > end) blocksBelow++;
  return { lines: all.slice(top, end), following: false, blocksBelow, top, total };
}

/**
 * The anchor after moving the window by `delta` lines from where `view` shows it;
 * reaching the end follows again. `to` jumps to the start or the end.
 */
export function scrolled(blocks: readonly (readonly StyledLine[])[], height: number, view: Pick<ViewWindow, 'top' | 'total'>, move: { delta: number } | { to: 'start' | 'end' }): ScrollAnchor {
  const h = Math.max(1, Math.floor(height));
  if ('to' in move) return move.to === 'end' || view.total <= h ? 'follow' : anchorAtLine(blocks, 0);
  const top = Math.max(0, view.top + move.delta);
  return top >= followTop(view.total, h) ? 'follow' : anchorAtLine(blocks, top);
}
