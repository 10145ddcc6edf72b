import { useEffect, useRef, useState } from 'react';
import type { ConversationState } from '../conversation/state.js';

/** The time, renewed once a second while `ticking` (a countdown is on screen); otherwise still. */
export function useNow(ticking: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [ticking, everyMs]);
  return ticking ? now : Date.now();
}

/** A stream silent for less than this is just a model thinking between tokens. */
export const STALL_AFTER_SECONDS = 3;

/**
 * How long the turn being written has gone without a word or a thinking tick,
 * once that is over STALL_AFTER_SECONDS (undefined otherwise): the status line
 * says "waiting for the server · Ns". It ticks once a second only while a turn
 * is live and not paused, and never re-renders on tokens itself.
 */
export function useStalledSeconds(state: ConversationState): number | undefined {
  const live = state.live;
  const watching = live !== undefined && live.by === 'ai' && !state.paused && state.status === 'running';
  const activity = live ? `${live.index}:${live.text.length}:${live.thinkingMs ?? ''}` : '';
  const last = useRef({ activity, at: Date.now() });
  if (last.current.activity !== activity) last.current = { activity, at: Date.now() };
  const now = useNow(watching);
  if (!watching) return undefined;
  const seconds = Math.floor((now - last.current.at) / 1000);
  return seconds >= STALL_AFTER_SECONDS ? seconds : undefined;
}
