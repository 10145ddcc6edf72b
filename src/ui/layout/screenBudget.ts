/** Rows the trait panel takes: a header and six dimensions. */
export const TRAIT_PANEL_ROWS = 7;

export interface BudgetInput {
  rows: number;
  traitPanel: boolean;
  /** Rows taken by whatever sits under the live turn (composer, picker, banner, notices…). */
  otherRows: number;
}

/**
 * How many lines of the streaming turn to show so the live region stays within
 * the screen: status and hint lines, the turn's own header, the panels below it.
 * Never less than three lines, so something is always visibly moving.
 */
export function liveLinesBudget({ rows, traitPanel, otherRows }: BudgetInput): number {
  const fixed = 2 /* status + hint */ + 2 /* turn header + margin */;
  const available = rows - fixed - (traitPanel ? TRAIT_PANEL_ROWS : 0) - otherRows;
  return Math.max(3, available);
}

/** The trait panel is hidden automatically when it would leave the live turn under three lines. */
export function traitPanelFits(rows: number, otherRows: number): boolean {
  return rows - 4 - TRAIT_PANEL_ROWS - otherRows >= 3;
}
