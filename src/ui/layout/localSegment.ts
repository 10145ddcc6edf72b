import { LOCAL_BASE_URL } from '../../app/providers.js';
import type { Turn } from '../../core/domain.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import type { ConversationState } from '../conversation/state.js';

/**
 * The status line's word on the model inside the app: "local · MODEL · N tok/s",
 * the speed of the last model-written turn (its tokens over its time, prompt
 * included: what a reader waits for). Undefined for a conversation on a server.
 */
export function localModelSegment(state: Pick<ConversationState, 'header' | 'turns'>): string | undefined {
  const supporter = state.header?.models.supporter;
  if (!supporter || supporter.baseURL !== LOCAL_BASE_URL) return undefined;
  const model = cleanForDisplay(supporter.model).replace(/\.gguf$/i, '');
  const rate = lastTurnRate(state.turns);
  return `local · ${model}${rate === undefined ? '' : ` · ${rate < 10 ? rate.toFixed(1) : Math.round(rate)} tok/s`}`;
}

/** Tokens per second of the last AI turn that counted its tokens; undefined before one has. */
export function lastTurnRate(turns: readonly Turn[]): number | undefined {
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i]!;
    const tokens = t.usage?.completionTokens ?? 0;
    if (t.by === 'ai' && tokens > 0 && t.latencyMs !== undefined && t.latencyMs > 0) return (tokens * 1000) / t.latencyMs;
  }
  return undefined;
}
