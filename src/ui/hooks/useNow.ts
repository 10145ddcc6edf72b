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
 * says "waiting for the server · Ns". A clock checks once a second while a turn
 * is live and not paused, but the screen is drawn again only when what the
 * status line says changes — an idle tick that changes nothing costs no frame.
 */
export function useStalledSeconds(state: ConversationState): number | undefined {
  const live = state.live;
  const watching = live !== undefined && live.by === 'ai' && !state.paused && state.status === 'running';
  const activity = live ? `${live.index}:${live.text.length}:${live.thinkingMs ?? ''}` : '';
  const last = useRef({ activity, at: Date.now() });
  if (last.current.activity !== activity) last.current = { activity, at: Date.now() };
  const [shown, setShown] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!watching) return;
    const check = () => setShown(stalledFor(Date.now() - last.current.at));
    check();
    const timer = setInterval(check, 1000);
    return () => clearInterval(timer);
  }, [watching]);
  if (!watching || shown === undefined) return undefined;
  // A word that arrived since the last tick clears the warning in the frame that shows the word.
  return stalledFor(Date.now() - last.current.at) === undefined ? undefined : shown;
}

/** Whole seconds of silence, once they count as a stall. Equal values let React skip the render. */
function stalledFor(silentMs: number): number | undefined {
  const seconds = Math.floor(silentMs / 1000);
  return seconds >= STALL_AFTER_SECONDS ? seconds : undefined;
}
