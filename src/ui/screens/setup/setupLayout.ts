/** Below this width the lists sit side by side above the preview instead of left of it. */
export const WIDE_COLUMNS = 96;
const LEFT_PANE_WIDTH = 36;

export interface SetupLayout {
  wide: boolean;
  /** Width of each persona list. */
  listWidth: number;
  /** Rows for each list's items (its title is extra). */
  listRows: number;
  previewWidth: number;
  /** Rows for preview content (its title is extra). */
  previewRows: number;
  errorRows: number;
  helpRows: number;
}

/**
 * Row and column budget for the setup screen, so it fits at 60×20 and grows
 * with the terminal. Fixed rows: title, server status, two option rows, help,
 * and the error summary when there are errors.
 */
export function setupLayout(columns: number, rows: number, counts: { seekers: number; supporters: number; errors: number; note?: boolean }): SetupLayout {
  const cols = Math.max(40, columns);
  const wide = cols >= WIDE_COLUMNS;
  // The footer is fitted to one line (the help key lists the rest).
  const helpRows = 1;
  const errorRows = counts.errors === 0 ? 0 : 1 + Math.min(counts.errors, rows >= 30 ? 3 : 1);
  const fixed = 1 + 1 + 2 + helpRows + errorRows + (counts.note ? 1 : 0);
  const body = Math.max(6, rows - fixed);
  const longest = Math.max(1, counts.seekers, counts.supporters);

  if (wide) {
    // Two lists stacked on the left (each with a title row), the preview on the right.
    const listRows = Math.max(2, Math.min(longest, Math.floor((body - 2) / 2)));
    return {
      wide, listWidth: LEFT_PANE_WIDTH, listRows,
      previewWidth: cols - LEFT_PANE_WIDTH - 2, previewRows: body - 1,
      errorRows, helpRows,
    };
  }
  // Lists side by side take about a third of the body; the preview gets the rest.
  const listRows = Math.max(2, Math.min(longest, Math.floor((body - 2) / 3)));
  return {
    wide, listWidth: Math.floor((cols - 1) / 2), listRows,
    previewWidth: cols, previewRows: Math.max(2, body - 2 - listRows),
    errorRows, helpRows,
  };
}
