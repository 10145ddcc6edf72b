import { TRAIT_MAX, TRAIT_MIN } from './traits/dimensions.js';

/**
 * Plain-text layout every front end shares: word wrap, truncation, plurals and
 * the 1–5 trait bar. Pure, measured in code points, for text that has already
 * been made safe to show.
 */

export interface WrapOptions {
  /**
   * 'collapse' (prose): runs of spaces between words become one.
   * 'keep': spaces stay where they are, as a terminal shows typed text and as
   * tables need them for their columns; only the space a line breaks at goes.
   */
  spaces?: 'collapse' | 'keep';
  /** Put before every line after the first of a paragraph (a hanging indent). */
  indent?: string;
}

const length = (text: string) => [...text].length;

/**
 * Greedy word wrap, paragraph by paragraph ("\n" always breaks). A word longer
 * than the width is cut across lines rather than left to overflow it.
 */
export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
  const w = Math.max(1, Math.floor(width));
  const indent = options.indent !== undefined && length(options.indent) < w ? options.indent : '';
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    // Each token is a word with the spaces before it.
    const tokens =
      options.spaces === 'keep'
        ? (paragraph.match(/\s*\S+|\s+$/g) ?? [])
        : paragraph
            .split(/\s+/)
            .filter(Boolean)
            .map((word, i) => (i === 0 ? word : ` ${word}`));
    let line = '';
    /** The line holds text, not just the indent. */
    let started = false;
    /** The line continues a paragraph: the spaces it broke at are not carried over. */
    let continued = false;
    const breakLine = () => {
      lines.push(line);
      line = indent;
      started = false;
      continued = true;
    };
    for (const token of tokens) {
      if (started && length(line + token) > w) breakLine();
      let piece: string = continued && !started ? token.trimStart() : token;
      // A word too long for any line: as much as fits here, the rest on the next lines.
      while (length(line + piece) > w) {
        const room = w - length(line);
        const chars = [...piece];
        line += chars.slice(0, room).join('');
        piece = chars.slice(room).join('');
        breakLine();
      }
      line += piece;
      started = started || piece !== '';
    }
    lines.push(line);
  }
  return lines;
}

/** One line of at most `width` code points, spaces collapsed, "…" where it was cut. */
export function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (width <= 0) return '';
  const chars = [...flat];
  return chars.length <= width ? flat : `${chars.slice(0, Math.max(0, width - 1)).join('').trimEnd()}…`;
}

/** "1 session", "10,000 sessions": thousands grouped, so large counts stay readable. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

const FULL = '█';
const HALF = '▌';
const EMPTY = '░';

/**
 * A 1–5 trait score as a fixed-width text bar. Each of `width` cells covers an
 * equal share of the range and a half-filled cell shows a half step, so 0.5 steps
 * stay visible even in a short bar. Out-of-range and non-finite values are
 * clamped: persona files are hand-written.
 */
export function traitBar(value: number, width = 10): string {
  const cells = Math.max(1, Math.floor(width));
  const v = Number.isFinite(value) ? Math.min(TRAIT_MAX, Math.max(TRAIT_MIN, value)) : TRAIT_MIN;
  const filledHalves = Math.round(((v - TRAIT_MIN) / (TRAIT_MAX - TRAIT_MIN)) * cells * 2);
  const full = Math.floor(filledHalves / 2);
  const half = filledHalves % 2;
  return FULL.repeat(full) + HALF.repeat(half) + EMPTY.repeat(cells - full - half);
}

/** "3.5" for 3.5, "4" for 4: a score with at most one decimal. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
