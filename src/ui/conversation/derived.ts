import type { Turn } from '../../core/engine/events.js';
import { STRATEGIES, type Strategy } from '../../core/strategies.js';
import type { ConversationState } from './state.js';

/** Supporter turns per strategy, in the canonical order (zeros included). */
export function strategyCounts(turns: readonly Turn[]): Array<{ strategy: Strategy; count: number }> {
  const counts = new Map<Strategy, number>(STRATEGIES.map((s) => [s, 0]));
  for (const turn of turns) {
    if (turn.speaker === 'supporter' && turn.strategy) counts.set(turn.strategy, (counts.get(turn.strategy) ?? 0) + 1);
  }
  return STRATEGIES.map((strategy) => ({ strategy, count: counts.get(strategy) ?? 0 }));
}

/** The 1-based number of the turn being written (or the last one once ended). */
export function currentTurnNumber(state: ConversationState): number {
  if (state.live) return state.live.index + 1;
  if (state.awaiting) return state.awaiting.index + 1;
  return state.turns.length;
}

export function totalTokens(state: ConversationState): number {
  let sum = 0;
  for (const u of Object.values(state.usage)) sum += u.promptTokens + u.completionTokens;
  return sum;
}
