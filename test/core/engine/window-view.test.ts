import { describe, expect, it } from 'vitest';
import type { ConversationSummary, Turn } from '../../../src/core/domain.js';
import { leftOut, summaryChunk, summaryDue, windowView } from '../../../src/core/engine/window-view.js';
import { dialogue } from '../traits/judge-fixtures.js';

const summary = (throughTurn: number): ConversationSummary => ({ throughTurn, text: `turns 1–${throughTurn + 1} in short` });
const indexes = (turns: readonly Turn[]) => turns.map((t) => t.index);

describe('the window the agents read', () => {
  it('is the whole conversation while it fits, or when there is no window', () => {
    const turns = dialogue(24);
    expect(windowView(turns, 24, [summary(11)])).toEqual({ turns });
    const long = dialogue(300);
    expect(windowView(long, 0)).toEqual({ turns: long });
  });

  it('after that, the turns after the oldest summary that leaves at most a window of them', () => {
    const summaries = [summary(11), summary(23)];
    // 25 turns: the summary of 1–12 leaves 13 (≤ 24): the older one, so the prompt's start stays put.
    const at25 = windowView(dialogue(25), 24, summaries);
    expect(indexes(at25.turns)).toEqual(Array.from({ length: 13 }, (_, i) => 12 + i));
    expect(at25.earlier).toEqual({ shownFrom: 12, summary: summary(11) });
    expect(windowView(dialogue(36), 24, summaries).earlier?.summary).toEqual(summary(11));
    // 37 turns: 1–12 would leave 25; 1–24 leaves 13.
    const at37 = windowView(dialogue(37), 24, [...summaries].reverse());
    expect(at37.earlier).toEqual({ shownFrom: 24, summary: summary(23) });
    expect(at37.turns).toHaveLength(13);
    expect(leftOut(at37.earlier!)).toBe(0);
  });

  it('when no summary reaches far enough, the last window of turns, and says how many are lost', () => {
    const view = windowView(dialogue(40), 24, [summary(11)]);
    expect(indexes(view.turns)).toEqual(Array.from({ length: 24 }, (_, i) => 16 + i));
    expect(view.earlier).toEqual({ shownFrom: 16, summary: summary(11) });
    expect(leftOut(view.earlier!)).toBe(4);
    const none = windowView(dialogue(30), 24);
    expect(none.earlier).toEqual({ shownFrom: 6 });
    expect(leftOut(none.earlier!)).toBe(6);
  });

  it('never shows more than the window, whatever the summaries', () => {
    for (let n = 1; n <= 120; n++) {
      for (const summaries of [[], [summary(5)], [summary(40), summary(70)]]) {
        const view = windowView(dialogue(n), 10, summaries);
        expect(view.turns.length).toBeLessThanOrEqual(10);
        expect(view.turns.at(-1)?.index).toBe(n - 1);
      }
    }
  });
});

describe('when the next summary is due', () => {
  it('half a window of turns at a time, two turns before the window is full', () => {
    expect(summaryDue(21, 0, 24)).toBeUndefined();
    expect(summaryDue(22, 0, 24)).toEqual({ from: 0, to: 12 });
    // After it: 12 covered; due again when 22 are unsummarised.
    expect(summaryDue(33, 12, 24)).toBeUndefined();
    expect(summaryDue(34, 12, 24)).toEqual({ from: 12, to: 24 });
    expect(summaryDue(500, 0, 0)).toBeUndefined();
  });

  it('catches up a whole window at a time after a failure', () => {
    expect(summaryDue(40, 0, 24)).toEqual({ from: 0, to: 24 });
    expect(summaryDue(30, 0, 24)).toEqual({ from: 0, to: 18 });
  });

  it('keeps every view within what each side read at the window’s end when each summary is written as soon as it is due', () => {
    for (const window of [2, 3, 4, 5, 6, 7, 12, 24, 25]) {
      const summaries: ConversationSummary[] = [];
      const atWindowEnd = [0, 0];
      const all = dialogue(200);
      for (let n = 0; n < 200; n++) {
        const view = windowView(all.slice(0, n), window, summaries);
        // Nothing is ever lost when summaries come in time.
        if (view.earlier) expect(leftOut(view.earlier)).toBe(0);
        // The side writing turn n: before the first summary it reads more each turn; after, never more than then.
        if (!view.earlier) atWindowEnd[n % 2] = view.turns.length;
        else expect(view.turns.length).toBeLessThanOrEqual(atWindowEnd[n % 2]!);
        const due = n > 0 ? summaryDue(n, (summaries.at(-1)?.throughTurn ?? -1) + 1, window) : undefined;
        if (due) summaries.push(summary(due.to - 1));
      }
      expect(summaries.length).toBeGreaterThan(0);
    }
  });

  it('folds an even stretch into each summary, about half a window', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 24, 25].map(summaryChunk)).toEqual([1, 2, 2, 2, 4, 4, 4, 4, 12, 14]);
  });
});
