import { describe, expect, it } from 'vitest';
import type { DeltaItem } from '../../../src/ui/conversation/actions.js';
import { createDeltaBatcher } from '../../../src/ui/conversation/deltaBatcher.js';

/** Timers the test fires by hand, so batching is checked without waiting on a clock. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    set: ((fn: () => void) => {
      const id = next++;
      pending.set(id, fn);
      return id;
    }) as unknown as typeof setTimeout,
    clear: ((id: number) => pending.delete(id)) as unknown as typeof clearTimeout,
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((fn) => fn());
    },
    get count() {
      return pending.size;
    },
  };
}

describe('delta batcher', () => {
  it('merges deltas of one turn into one flush when the window closes', () => {
    const flushed: DeltaItem[][] = [];
    const timers = manualTimers();
    const b = createDeltaBatcher((items) => flushed.push(items), 50, timers);
    b.push({ index: 1, text: 'a' });
    b.push({ index: 1, text: 'b' });
    b.push({ index: 2, text: 'c' });
    expect(timers.count).toBe(1);
    expect(flushed).toEqual([]);
    timers.fire();
    expect(flushed).toEqual([[{ index: 1, text: 'ab' }, { index: 2, text: 'c' }]]);
  });

  it('flushes at once on demand and cancels the timer; dispose drops the queue', () => {
    const flushed: DeltaItem[][] = [];
    const timers = manualTimers();
    const b = createDeltaBatcher((items) => flushed.push(items), 50, timers);
    b.push({ index: 0, text: 'x' });
    b.flush();
    expect(flushed).toEqual([[{ index: 0, text: 'x' }]]);
    expect(timers.count).toBe(0);
    b.flush();
    expect(flushed).toHaveLength(1);
    b.push({ index: 0, text: 'y' });
    b.dispose();
    timers.fire();
    expect(flushed).toHaveLength(1);
  });
});
