import { wrap } from '../../core/text.js';

/**
 * The live turn is redrawn on every flush; if it grows taller than the screen,
 * Ink has to clear and repaint everything each frame. Showing only its last lines
 * keeps the live region short; the whole turn lands in the transcript when done.
 */

/** The last `maxLines` wrapped lines of `text`, and how many were left out above. */
export function textTail(text: string, width: number, maxLines: number): { text: string; hiddenLines: number } {
  // As the terminal shows it: spaces where they were typed, long words cut.
  const lines = wrap(text, width, { spaces: 'keep' });
  const keep = Math.max(1, Math.floor(maxLines));
  if (lines.length <= keep) return { text, hiddenLines: 0 };
  return { text: lines.slice(-keep).join('\n'), hiddenLines: lines.length - keep };
}
