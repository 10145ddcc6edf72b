import { useEffect } from 'react';
import type { Comparison } from '../../app/compare.js';
import type { ComparisonSide } from '../../core/domain.js';
import { createDeltaBatcher } from '../conversation/deltaBatcher.js';
import { useKeyedReducer } from '../hooks/useKeyedReducer.js';
import { compareReducer, initialCompareState, type CompareAction, type CompareState } from './compareState.js';

/**
 * Reads a comparison's events into the pair's reducer. Each side's text deltas
 * are batched like a single conversation's; any other event of that side flushes
 * its batch first, so each side's reducer sees its events in engine order.
 */
export function useComparison(comparison: Comparison, options: { deltaFlushMs?: number; turnCap?: number; paused?: boolean } = {}) {
  const { deltaFlushMs = 50, turnCap, paused } = options;
  const [state, dispatch, latest] = useKeyedReducer<CompareState, CompareAction>(compareReducer, () => initialCompareState({ ...(turnCap !== undefined ? { turnCap } : {}), ...(paused ? { paused } : {}) }));
  useEffect(() => {
    let active = true;
    const events = comparison.events();
    const batcher = (side: ComparisonSide) =>
      createDeltaBatcher((items) => {
        if (active) dispatch({ type: 'deltas', side, items });
      }, deltaFlushMs);
    const batchers = { A: batcher('A'), B: batcher('B') };
    void (async () => {
      try {
        for await (const event of events) {
          if (!active) break;
          if (event.type === 'side' && event.event.type === 'text-delta') {
            batchers[event.side].push({ index: event.event.index, text: event.event.text });
            continue;
          }
          if (event.type === 'side') batchers[event.side].flush();
          dispatch({ type: 'comparison', event, receivedAt: Date.now() });
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        for (const side of ['A', 'B'] as const) if (active) dispatch({ type: 'comparison', event: { type: 'side', side, event: { type: 'error', message, recoverable: false } } });
      } finally {
        batchers.A.flush();
        batchers.B.flush();
      }
    })();
    return () => {
      active = false;
      batchers.A.dispose();
      batchers.B.dispose();
      void events.return(undefined);
    };
  }, [comparison, deltaFlushMs]);
  return [state, dispatch, latest] as const;
}
