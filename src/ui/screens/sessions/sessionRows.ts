import type { StrategyCounts } from '../../../core/analysis/strategy-distribution.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { SessionSummary } from '../../../core/sessions/list.js';
import { STRATEGIES, type Strategy } from '../../../core/strategies.js';

/** Pure helpers for the session browser's list: filtering, the mix bar, column widths. */

/** Every whitespace-separated term must appear in the session's ids, names, condition, engine or status. */
export function filterSessions(sessions: readonly SessionSummary[], query: string): SessionSummary[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...sessions];
  return sessions.filter((s) => {
    const hay = [s.id, s.seeker.id, s.seeker.name, s.supporter.id, s.supporter.name, s.condition, s.engine, statusWord(s)].join(' ').toLowerCase();
    return terms.every((t) => hay.includes(t));
  });
}

export function statusWord(s: SessionSummary): string {
  if (s.imported) return 'imported';
  return s.finished ? (s.endReason ?? 'finished') : 'unfinished';
}

/** One glyph for the status column: ■ ended, ◌ unfinished (resumable), ⇣ imported. */
export function statusGlyph(s: SessionSummary): string {
  return s.imported ? '⇣' : s.finished ? '■' : '◌';
}

/** Letters for the mix bar under NO_COLOR, one per strategy, all different. */
export const MIX_LETTERS: Readonly<Record<Strategy, string>> = {
  Question: 'q',
  'Restatement or Paraphrasing': 'r',
  'Reflection of Feelings': 'f',
  'Self-disclosure': 'd',
  'Affirmation and Reassurance': 'a',
  'Providing Suggestions': 's',
  Information: 'i',
  Others: 'o',
};

/**
 * Cells of a `width`-wide bar, each owned by a strategy in proportion to its count
 * (largest remainders, so the cells always add up to the width). Empty without labels.
 */
export function mixCells(counts: StrategyCounts, width: number): Strategy[] {
  const total = STRATEGIES.reduce((n, s) => n + counts[s], 0);
  if (total === 0 || width <= 0) return [];
  const exact = STRATEGIES.map((s) => ({ s, share: (counts[s] / total) * width }));
  const cells = exact.map((e) => ({ s: e.s, n: Math.floor(e.share), rest: e.share - Math.floor(e.share) }));
  let left = width - cells.reduce((n, c) => n + c.n, 0);
  for (const c of [...cells].sort((a, b) => b.rest - a.rest)) {
    if (left <= 0) break;
    c.n += 1;
    left -= 1;
  }
  return cells.flatMap((c) => Array<Strategy>(c.n).fill(c.s));
}

export interface RowLayout {
  bar: number;
  names: number;
  engine: boolean;
  reason: boolean;
}

/** Fixed columns first; the names take what is left. Engine and end reason only where they fit. */
export function rowLayout(width: number): RowLayout {
  const engine = width >= 80;
  const reason = width >= 100;
  const bar = width >= 80 ? 10 : 6;
  // cursor+mark 4, date 11+1, glyph 2, turns 4, bar+1, condition 6, engine 7, reason 14
  const fixed = 4 + 12 + 2 + 4 + bar + 1 + 6 + (engine ? 7 : 0) + (reason ? 14 : 0);
  return { bar, names: Math.max(8, width - fixed), engine, reason };
}

/** "03-01 10:00" from an ISO time; the year only matters across a year, and the detail shows it. */
export function shortDate(iso: string): string {
  return /^\d{4}-(\d\d-\d\d)T(\d\d:\d\d)/.exec(iso)?.slice(1, 3).join(' ') ?? iso.slice(0, 11);
}

export function fit(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text.padEnd(width);
  return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

export function pairLabel(s: SessionSummary): string {
  return `${cleanForDisplay(s.seeker.name)} → ${cleanForDisplay(s.supporter.name)}`;
}
