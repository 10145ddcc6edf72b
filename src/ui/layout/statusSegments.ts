import { cleanForDisplay } from '../../core/sanitize.js';
import type { ConversationState } from '../conversation/state.js';
import { currentTurnNumber, totalTokens } from '../conversation/derived.js';
import { localModelSegment } from './localSegment.js';

export interface StatusSegment {
  text: string;
  role: 'state' | 'plain' | 'muted' | 'warning';
}

const SEPARATOR = ' · ';

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 100_000) return `${(n / 1000).toFixed(1)}k`;
  return `${Math.round(n / 1000)}k`;
}

export function stateLabel(state: ConversationState): string {
  switch (state.status) {
    case 'starting':
      return '◌ starting';
    case 'running':
      if (state.pauseRequested) return '◐ pausing after this turn';
      return state.sent?.classifying ? '◌ classifying your reply' : '● running';
    case 'paused':
      if (state.error) return '‖ paused (error)';
      // The engine holds after the streaming turn finishes.
      return state.live ? '◐ pausing after this turn' : '‖ paused';
    case 'awaiting-human':
      return '✎ your turn';
    case 'ended':
      return `■ ended (${state.ended?.reason ?? 'done'})`;
  }
}

/**
 * Segments of the status line, most important first kept: state, a stalled
 * stream, turn n/N, steer, tokens, latency, models. Lower-priority segments are
 * dropped until it fits.
 */
export function statusSegments(state: ConversationState, width: number, stalledSeconds?: number): StatusSegment[] {
  const cap = state.turnCap;
  const turnNo = Math.max(currentTurnNumber(state), 0);
  const models = state.header
    ? `${cleanForDisplay(state.header.models.seeker.model)} ↔ ${cleanForDisplay(state.header.models.supporter.model)}`
    : undefined;
  const candidates: Array<StatusSegment & { priority: number }> = [
    { text: stateLabel(state), role: 'state', priority: 0 },
    { text: `turn ${turnNo}${cap ? `/${cap}` : ''}`, role: 'plain', priority: 1 },
  ];
  // A stream gone quiet is the thing to know now: it outranks all but the state.
  if (stalledSeconds !== undefined) candidates.push({ text: `waiting for the server · ${stalledSeconds}s`, role: 'warning', priority: 0.5 });
  if (state.steer) candidates.push({ text: `steer → ${state.steer}`, role: 'warning', priority: 2 });
  candidates.push({ text: `${formatTokens(totalTokens(state))} tok`, role: 'muted', priority: 3 });
  if (state.lastLatencyMs !== undefined) {
    candidates.push({ text: `${(state.lastLatencyMs / 1000).toFixed(1)}s`, role: 'muted', priority: 4 });
  }
  const local = localModelSegment(state);
  if (local) candidates.push({ text: local, role: 'muted', priority: 2.5 });
  else if (models) candidates.push({ text: models, role: 'muted', priority: 5 });

  const kept = [...candidates];
  const length = () => kept.reduce((n, s) => n + s.text.length, 0) + SEPARATOR.length * (kept.length - 1);
  while (kept.length > 1 && length() > width) {
    let drop = 0;
    for (let i = 1; i < kept.length; i++) if (kept[i]!.priority > kept[drop]!.priority) drop = i;
    kept.splice(drop, 1);
  }
  return kept.map(({ text, role }) => ({ text, role }));
}

export { SEPARATOR as STATUS_SEPARATOR };
