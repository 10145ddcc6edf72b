import { useEffect, useMemo, type RefObject } from 'react';
import type { Conversation } from '../../core/engine/types.js';
import type { Mode, Speaker } from '../../core/domain.js';
import type { Strategy } from '../../core/strategies.js';
import type { UiAction } from './actions.js';
import { createDeltaBatcher } from './deltaBatcher.js';
import { conversationReducer } from './reducer.js';
import { initialConversationState, type ConversationState } from './state.js';
import { useKeyedReducer } from '../hooks/useKeyedReducer.js';

export interface ConversationControls {
  pause(): void;
  resume(): void;
  step(): void;
  steer(strategy: Strategy | undefined): void;
  stop(): void;
  submitHuman(speaker: Speaker, text: string, strategy?: Strategy): void;
  /** Presentational actions (overlays, toggles, composer text). */
  dispatch(action: UiAction): void;
  /** The state after every action so far, for key handlers that run before React renders again. */
  latest: RefObject<ConversationState>;
}

export interface UseConversationOptions {
  /** Batching window for text deltas; 50 ms keeps streaming smooth at a fraction of the renders. */
  deltaFlushMs?: number;
  turnCap?: number;
  mode?: Mode;
}

/**
 * How long streamed text is gathered before it is drawn: ten frames a second,
 * about three tokens each at a typical model's pace. Every frame costs a render,
 * a layout and the cursor moves that reach the changed row, whatever it shows,
 * so drawing each token as it lands would cost several times the text itself.
 */
export const DELTA_FLUSH_MS = 100;

/**
 * Reads a conversation's events into the reducer. Deltas are batched; any other
 * event flushes the batch first so the reducer sees events in engine order.
 * Unmounting stops reading (the owner decides whether to stop the conversation).
 */
export function useConversation(
  conversation: Conversation,
  options: UseConversationOptions = {},
): [ConversationState, ConversationControls] {
  const { deltaFlushMs = DELTA_FLUSH_MS, turnCap, mode } = options;
  const [state, dispatch, latest] = useKeyedReducer(conversationReducer, () => initialConversationState({ turnCap, mode }));

  useEffect(() => {
    let active = true;
    const events = conversation.events();
    const batcher = createDeltaBatcher((items) => {
      if (active) dispatch({ type: 'deltas', items });
    }, deltaFlushMs);
    void (async () => {
      try {
        for await (const event of events) {
          if (!active) break;
          if (event.type === 'text-delta') {
            batcher.push({ index: event.index, text: event.text });
            continue;
          }
          batcher.flush();
          // A notice keeps the time it arrived: a retry's countdown counts from it.
          dispatch(event.type === 'notice' ? { ...event, receivedAt: Date.now() } : event);
        }
        batcher.flush();
        if (active) dispatch({ type: 'events-done' });
      } catch (error) {
        batcher.flush();
        if (active) dispatch({ type: 'error', message: error instanceof Error ? error.message : String(error), recoverable: false });
      }
    })();
    return () => {
      active = false;
      batcher.dispose();
      // Ends the generator once its pending step settles; the engine keeps its own state.
      void events.return(undefined);
    };
  }, [conversation, deltaFlushMs]);

  const controls = useMemo<ConversationControls>(
    () => ({
      pause() {
        dispatch({ type: 'pause-requested' });
        conversation.pause();
      },
      resume: () => conversation.resume(),
      step: () => conversation.step(),
      steer(strategy) {
        dispatch({ type: 'set-steer', strategy });
        conversation.steer(strategy);
      },
      stop() {
        dispatch({ type: 'confirm-stop', open: false });
        conversation.stop();
      },
      submitHuman(speaker, text, strategy) {
        dispatch({ type: 'human-submitted', speaker, text, ...(strategy ? { strategy } : {}) });
        conversation.submitHuman(text, strategy);
      },
      dispatch,
      latest,
    }),
    [conversation, dispatch, latest],
  );

  return [state, controls];
}
