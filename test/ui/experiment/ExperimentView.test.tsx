import { describe, expect, it } from 'vitest';
import type { ExperimentEvent } from '../../../src/app/experiment-events.js';
import { ExperimentView, type ProgressFeed } from '../../../src/ui/experiment/ExperimentView.js';
import { bar, duration, progressLines } from '../../../src/ui/experiment/progressLayout.js';
import { initialProgress, progressReducer, rates, type ProgressAction, type ProgressState } from '../../../src/ui/experiment/progressState.js';
import { frame, renderAtSize, waitForFrame, widestLine } from '../helpers.js';

const CELLS = Array.from({ length: 12 }, (_, i) => `with-persona · seeker-${i} · warm-listener · agents · default`);

const STARTED: ExperimentEvent = {
  type: 'experiment-started',
  experimentId: 'persona-effects-1a2b3c4d',
  dir: '/tmp/x',
  total: 24,
  concurrency: 4,
  cells: CELLS.map((cell, i) => ({ cell, total: 2, done: i < 2 ? 2 : 0 })),
  already: { finished: 4, failed: 0 },
  todo: { start: 20, resume: 0, measure: 0 },
};

/** The events of part of a run: two conversations finish, one fails, one is still running. */
function story(): ExperimentEvent[] {
  const cell = CELLS[2]!;
  return [
    STARTED,
    { type: 'conversation-started', id: 'c1', cell, how: 'start' },
    { type: 'conversation-started', id: 'c2', cell, how: 'start' },
    { type: 'conversation-started', id: 'c3', cell: CELLS[3]!, how: 'start' },
    { type: 'conversation-started', id: 'c4', cell: CELLS[4]!, how: 'resume' },
    { type: 'turn', id: 'c1', cell, index: 0, tokens: 100 },
    { type: 'turn', id: 'c1', cell, index: 1, tokens: 250 },
    { type: 'conversation-finished', id: 'c1', cell, turns: 2, reason: 'turn-cap', tokens: 300, ms: 4000 },
    { type: 'conversation-finished', id: 'c2', cell, turns: 2, reason: 'turn-cap', tokens: 200, ms: 4000 },
    { type: 'conversation-failed', id: 'c3', cell: CELLS[3]!, error: 'supporter turn failed: the server at http://127.0.0.1:1/v1 answered 500 \u001b[31mred' },
  ];
}

function fold(events: ExperimentEvent[], startAt = 0, step = 1000): ProgressState {
  return events.reduce<ProgressState>((state, event, i) => progressReducer(state, { type: 'event', event, at: startAt + i * step }), initialProgress(startAt));
}

describe('experiment progress (pure state and layout)', () => {
  it('folds the run into counts, per-cell progress, rates and the last errors', () => {
    const state = fold(story());
    expect(state).toMatchObject({ total: 24, done: 6, failed: 1, doneThisRun: 2, turns: 2, tokens: 500 });
    expect([...state.running.keys()]).toEqual(['c4']);
    expect(state.cells[2]).toMatchObject({ done: 2, running: 0 });
    expect(state.cells[3]).toMatchObject({ failed: 1, running: 0 });
    expect(state.errors).toEqual([expect.stringContaining('c3: supporter turn failed')]);
    // 9 s since the start: 2 turns, 500 tokens; 17 left at 2 per 9 s.
    const r = rates(state);
    expect(r.turnsPerSecond).toBeCloseTo(2 / 9);
    expect(r.tokensPerSecond).toBeCloseTo(500 / 9);
    expect(r.etaSeconds).toBeCloseTo((17 * 9) / 2);
  });

  it('bars and durations', () => {
    expect(bar(0.5, 10)).toBe('█████░░░░░');
    expect(bar(2, 4)).toBe('████');
    expect(duration(undefined)).toBe('—');
    expect(duration(65)).toBe('1m05s');
    expect(duration(3 * 3600 + 120)).toBe('3h02m');
  });

  it.each([
    [60, 20],
    [100, 30],
  ])('fits %i×%i: every line within the width, the frame within the height, errors neutralised', (columns, rows) => {
    const lines = progressLines(fold(story()), { columns, rows });
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const line of lines) expect(Array.from(line.text).length).toBeLessThanOrEqual(columns);
    const text = lines.map((l) => l.text).join('\n');
    expect(text).toContain('6/24');
    expect(text).toContain('done 6 · running 1 · failed 1');
    expect(text).toMatch(/turns\/s/);
    expect(text).toContain('ETA');
    expect(text).toContain('Last errors');
    expect(text).not.toContain('\u001b');
    // The cell still running comes first among the cells.
    expect(text.indexOf('seeker-4')).toBeLessThan(text.indexOf('seeker-0'));
    if (rows === 20) expect(text).toMatch(/… and \d+ more cells/);
  });
});

describe('the Ink view', () => {
  function feedOf(): { feed: ProgressFeed; send: (a: ProgressAction) => void } {
    const listeners = new Set<(a: ProgressAction) => void>();
    return {
      feed: { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
      send: (a) => listeners.forEach((l) => l(a)),
    };
  }

  it.each([
    [60, 20],
    [100, 30],
  ])('shows the run at %i×%i as events arrive', async (columns, rows) => {
    const { feed, send } = feedOf();
    const r = renderAtSize(<ExperimentView feed={feed} now={() => 5000} />, columns, rows);
    await waitForFrame(r, 'Experiment');
    for (const event of story()) send({ type: 'event', event, at: 5000 });
    const shown = await waitForFrame(r, 'failed 1');
    expect(shown).toContain('persona-effects-1a2b3c4d — running');
    expect(shown).toContain('6/24');
    expect(widestLine(shown)).toBeLessThanOrEqual(columns);
    expect(shown.split('\n').length).toBeLessThanOrEqual(rows);
    send({ type: 'stopping' });
    await waitForFrame(r, 'stopping…');
    send({ type: 'event', event: { type: 'experiment-ended', finished: 6, failed: 1, stopped: 1, remaining: 17, turns: 2, tokens: 500, ms: 9000 }, at: 9000 });
    await waitForFrame(r, '— stopped');
    expect(frame(r)).toContain('ETA —');
    r.unmount();
  });
});
