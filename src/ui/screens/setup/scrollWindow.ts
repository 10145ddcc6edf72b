/**
 * Which slice of a list to show so the focused row stays visible: the window
 * follows the focus and is never shorter than it has to be at the end.
 * Returns [start, end) indices.
 */
export function scrollWindow(total: number, focus: number, height: number): { start: number; end: number } {
  const h = Math.max(1, Math.floor(height));
  if (total <= h) return { start: 0, end: total };
  const f = Math.min(Math.max(0, focus), total - 1);
  const start = Math.min(Math.max(0, f - Math.floor(h / 2)), total - h);
  return { start, end: start + h };
}

/** Greedy word wrap for plain text; long words are cut so no line exceeds width. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > w) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(word.slice(0, w));
        word = word.slice(w);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= w) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}
