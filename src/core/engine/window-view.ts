import type { ConversationSummary, Turn } from '../domain.js';

/**
 * Which turns a model reads word for word, and what it is told about the rest.
 * The agents and the trait judge read a conversation through this one rule, so
 * their prompts stop growing once a conversation is longer than the window.
 */

/** What came before the first turn shown. */
export interface Earlier {
  /** How many turns came before the first one shown (that turn's index). */
  shownFrom: number;
  /** The running summary of turns 0 … summary.throughTurn, when there is one (throughTurn < shownFrom). */
  summary?: ConversationSummary;
}

export interface WindowView {
  turns: readonly Turn[];
  /** Absent while the whole conversation is shown. */
  earlier?: Earlier;
}

/** Turns before the first one shown that no summary covers (0 when nothing was lost). */
export function leftOut(earlier: Earlier): number {
  return earlier.shownFrom - (earlier.summary ? earlier.summary.throughTurn + 1 : 0);
}

/**
 * The whole conversation while it fits in `window` turns (0: always). After that,
 * the turns after the oldest summary that leaves at most `window` of them — the
 * oldest, so that what a model reads grows turn by turn between summaries and its
 * prompt keeps the same beginning (servers reuse the cached prefix). When no
 * summary reaches far enough (the next one is still being written, or failed),
 * the last `window` turns, after the newest summary: some turns are then neither
 * shown nor summarised, and `leftOut` says how many.
 */
export function windowView(turns: readonly Turn[], window: number, summaries: readonly ConversationSummary[] = []): WindowView {
  const n = turns.length;
  if (window <= 0 || n <= window) return { turns };
  // A summary of every turn there is (a hand-edited log) would leave nothing to answer: not used.
  const last = turns[n - 1]!.index;
  const ordered = summaries.filter((s) => s.throughTurn < last).sort((a, b) => a.throughTurn - b.throughTurn);
  for (const summary of ordered) {
    const start = firstAfter(turns, summary.throughTurn);
    if (n - start <= window) return { turns: turns.slice(start), earlier: { shownFrom: turns[start]?.index ?? summary.throughTurn + 1, summary } };
  }
  const start = n - window;
  const shownFrom = turns[start]!.index;
  const newest = ordered.filter((s) => s.throughTurn < shownFrom).at(-1);
  return { turns: turns.slice(start), earlier: { shownFrom, ...(newest ? { summary: newest } : {}) } };
}

/**
 * How many turns one summary folds in: about half a window, so one call serves
 * that many turns, and an even number, so each agent keeps seeing turns in the same
 * rhythm — turns alternate, and an odd stretch would let one side read one more
 * turn after a summary than it ever read before one.
 */
export function summaryChunk(window: number): number {
  if (window <= 1) return 1;
  const half = Math.ceil(window / 2);
  return Math.min(window, half + (half % 2));
}

/** Turns of head start a summary gets: it is asked for this many turns before the window is full. */
export const SUMMARY_LEAD_TURNS = 2;

/**
 * The next stretch of turns to fold into the running summary, as array positions
 * [from, to), or undefined when none is due yet. `covered` is how many turns the
 * newest summary covers. A summary is asked for SUMMARY_LEAD_TURNS turns before the
 * window would overflow, so it is normally written while the agents talk. When the
 * summaries have fallen behind (a failure), it takes up to a whole window at once.
 */
export function summaryDue(turnCount: number, covered: number, window: number): { from: number; to: number } | undefined {
  if (window <= 0) return undefined;
  const chunk = summaryChunk(window);
  const unsummarised = turnCount - covered;
  if (unsummarised < Math.max(chunk, window - SUMMARY_LEAD_TURNS)) return undefined;
  const behind = Math.min(window, unsummarised - (window - chunk));
  const size = Math.max(chunk, chunk === 1 ? behind : behind - (behind % 2));
  return { from: covered, to: covered + size };
}

function firstAfter(turns: readonly Turn[], throughTurn: number): number {
  const at = turns.findIndex((t) => t.index > throughTurn);
  return at < 0 ? turns.length : at;
}
