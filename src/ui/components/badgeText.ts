import type { LabelSource } from '../../core/domain.js';
import { STRATEGY_SHORT, type Strategy } from '../../core/strategies.js';

/** Full names need room; below this many columns badges use the three-letter code. */
export const FULL_BADGE_MIN_COLUMNS = 80;

export function badgeLabel(strategy: Strategy, full: boolean): string {
  return `[${full ? strategy : STRATEGY_SHORT[strategy]}]`;
}

/**
 * What a badge's mark says about where its label came from: `*` the user steered
 * the turn to it; `~` the classifier named it (a human supporter skipped picking).
 * The legend explains both.
 */
export const BADGE_MARKS = { steered: '*', perceived: '~' } as const;

export function badgeMarks(source: LabelSource | undefined): string {
  if (source === 'steered') return BADGE_MARKS.steered;
  if (source === 'perceived') return BADGE_MARKS.perceived;
  return '';
}
