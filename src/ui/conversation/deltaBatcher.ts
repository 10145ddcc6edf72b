import type { DeltaItem } from './actions.js';

export interface DeltaBatcher {
  /** Queue a delta; the first one of a window arms the flush timer. */
  push(item: DeltaItem): void;
  /** Dispatch whatever is queued now (call before any non-delta event to keep order). */
  flush(): void;
  /** Drop the timer without dispatching (unmount). */
  dispose(): void;
}

/**
 * Token deltas arrive far faster than a terminal can usefully repaint. Gathering
 * them for a tenth of a second (useConversation's DELTA_FLUSH_MS) turns hundreds of renders per turn into a handful; adjacent
 * deltas of the same turn are merged so each flush is one small action.
 */
export function createDeltaBatcher(
  onFlush: (items: DeltaItem[]) => void,
  flushMs = 50,
  timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout },
): DeltaBatcher {
  let queued: DeltaItem[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) {
      timers.clear(timer);
      timer = undefined;
    }
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    onFlush(items);
  };

  return {
    push(item) {
      const last = queued[queued.length - 1];
      if (last && last.index === item.index) queued[queued.length - 1] = { index: last.index, text: last.text + item.text };
      else queued.push(item);
      if (timer === undefined) timer = timers.set(flush, flushMs);
    },
    flush,
    dispose() {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      queued = [];
    },
  };
}
