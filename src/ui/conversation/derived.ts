import { END_REASON_TEXT } from '../../app/messages.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import { plural } from '../../core/text.js';
import type { Speaker, Turn } from '../../core/domain.js';
import type { Persona } from '../../core/personas/schema.js';
import { STRATEGIES, type Strategy } from '../../core/strategies.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, type HexacoKey } from '../../core/traits/dimensions.js';
import type { DimensionMeter } from '../../core/traits/meter.js';
import type { ConversationState, MeasuredTraits } from './state.js';

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

export interface InventoryDrift {
  /** Mean |measured − target| over the dimensions that have both. */
  meanAbs: number;
  /** The dimension with the largest |drift|, signed. */
  largest: { key: string; label: string; delta: number };
}

export interface SpeakerDrift {
  speaker: Speaker;
  name: string;
  hexaco?: InventoryDrift;
  csi?: InventoryDrift;
}

function inventoryDrift<K extends string>(
  keys: readonly K[],
  labels: Readonly<Record<K, string>>,
  target: Partial<Record<K, number>> | undefined,
  measured: Partial<Record<K, DimensionMeter>>,
): InventoryDrift | undefined {
  if (!target) return undefined;
  const deltas = keys.flatMap((k) => {
    const m = measured[k]?.current.value;
    const t = target[k];
    return m === undefined || t === undefined ? [] : [{ key: k as string, label: labels[k], delta: m - t }];
  });
  if (deltas.length === 0) return undefined;
  const meanAbs = deltas.reduce((sum, d) => sum + Math.abs(d.delta), 0) / deltas.length;
  const largest = deltas.reduce((a, b) => (Math.abs(b.delta) > Math.abs(a.delta) ? b : a));
  return { meanAbs, largest };
}

/**
 * Where each speaker ended up against its persona: the paper's trait shift
 * (mean absolute difference) from the live meter's last smoothed values.
 */
export function traitDrift(personas: { seeker: Persona; supporter: Persona }, measured: MeasuredTraits): SpeakerDrift[] {
  return (['seeker', 'supporter'] as const).flatMap((speaker) => {
    const meter = measured[speaker];
    const persona = personas[speaker];
    if (!meter) return [];
    const hexaco = inventoryDrift(HEXACO_KEYS, HEXACO_SHORT, persona.hexaco, meter.hexaco);
    const csi = inventoryDrift(CSI_KEYS, CSI_NAMES, persona.csi, meter.csi);
    return hexaco || csi ? [{ speaker, name: persona.name, ...(hexaco ? { hexaco } : {}), ...(csi ? { csi } : {}) }] : [];
  });
}

const HEXACO_SHORT: Readonly<Record<HexacoKey, string>> = { H: 'H', E: 'E', X: 'X', A: 'A', C: 'C', O: 'O' };

/**
 * One line about a conversation for the normal screen after the app closes:
 * who talked, how many turns, how it ended (or that it can be resumed).
 */
export function sessionSummaryLine(state: Pick<ConversationState, 'turns' | 'ended' | 'header'>, personas: { seeker: Persona; supporter: Persona } | undefined): string {
  const who = personas ? `${cleanForDisplay(personas.seeker.name)} ↔ ${cleanForDisplay(personas.supporter.name)}` : 'a conversation';
  const how = state.ended ? `ended: ${END_REASON_TEXT[state.ended.reason]}` : `unfinished (persona-talks resume ${cleanForDisplay(state.header?.id ?? '')} continues it)`;
  return `${who} · ${plural(state.turns.length, 'turn')} · ${how}`;
}
