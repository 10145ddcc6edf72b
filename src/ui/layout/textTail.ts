/**
 * The live turn is redrawn on every flush; if it grows taller than the screen,
 * Ink has to clear and repaint everything each frame. Showing only its last lines
 * keeps the live region short; the whole turn lands in the transcript when done.
 */

/** Lines as the terminal would wrap them: on spaces where possible, hard breaks otherwise. */
export function wrapLines(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (rest.length > 0 || line === '') {
        const candidate = line === '' ? rest : `${line} ${rest}`;
        if (candidate.length <= w) {
          line = candidate;
          rest = '';
          break;
        }
        if (line !== '') {
          out.push(line);
          line = '';
          continue;
        }
        out.push(rest.slice(0, w));
        rest = rest.slice(w);
      }
    }
    out.push(line);
  }
  return out;
}

/** The last `maxLines` wrapped lines of `text`, and how many were left out above. */
export function textTail(text: string, width: number, maxLines: number): { text: string; hiddenLines: number } {
  const lines = wrapLines(text, width);
  const keep = Math.max(1, Math.floor(maxLines));
  if (lines.length <= keep) return { text, hiddenLines: 0 };
  return { text: lines.slice(-keep).join('\n'), hiddenLines: lines.length - keep };
}
