/**
 * The windows of the screens that scroll a list to keep a focused row in view
 * (persona lists, the session list, the editor's and the settings' fields).
 */

/**
 * Which rows to show when rows differ in height (a field with a problem takes
 * extra lines): the focused row always, then neighbours below and above in
 * turn while they fit the budget. Returns [start, end) indices.
 */
export function fieldWindow(heights: readonly number[], focus: number, budget: number): { start: number; end: number } {
  if (heights.length === 0) return { start: 0, end: 0 };
  const f = Math.min(Math.max(0, focus), heights.length - 1);
  let start = f;
  let end = f + 1;
  let used = heights[f]!;
  let grew = true;
  while (grew) {
    grew = false;
    const below = heights[end];
    if (below !== undefined && used + below <= budget) {
      used += below;
      end++;
      grew = true;
    }
    const above = heights[start - 1];
    if (above !== undefined && used + above <= budget) {
      used += above;
      start--;
      grew = true;
    }
  }
  return { start, end };
}

/**
 * Which slice of a list of one-line rows to show so the focused row stays in
 * view: the same window as fieldWindow, every row one line high.
 */
export function scrollWindow(total: number, focus: number, height: number): { start: number; end: number } {
  return fieldWindow(Array<number>(Math.max(0, total)).fill(1), focus, Math.max(1, Math.floor(height)));
}
