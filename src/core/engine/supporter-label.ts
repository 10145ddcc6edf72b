import { findStrategyIn, parseStrategy, type Strategy } from '../strategies.js';
import type { LabelSource } from './events.js';

export interface ResolvedLabel {
  strategy: Strategy;
  labelSource: LabelSource;
  /** Set when the model's label could not be used as sent. */
  note?: string;
}

/**
 * The one canonical label a supporter turn ends up with. A steer wins (the user
 * asked for it); then what the model declared (exact, alias or findable in the
 * text); otherwise "Others" — ESConv's own catch-all — with a note saying why.
 */
export function resolveSupporterLabel(declared: unknown, steer: Strategy | undefined, jsonMode: boolean): ResolvedLabel {
  if (steer) return { strategy: steer, labelSource: 'steered' };
  if (typeof declared === 'string' && declared.trim() !== '') {
    const exact = parseStrategy(declared);
    if (exact) return { strategy: exact, labelSource: jsonMode ? 'declared' : 'parsed' };
    const found = findStrategyIn(declared);
    const shown = JSON.stringify(declared.slice(0, 40));
    if (found) return { strategy: found, labelSource: 'parsed', note: `supporter label ${shown} read as "${found}"` };
    return { strategy: 'Others', labelSource: 'fallback', note: `supporter used an unknown strategy label ${shown}; recorded as "Others"` };
  }
  return { strategy: 'Others', labelSource: 'fallback', note: 'supporter reply carried no strategy label; recorded as "Others"' };
}
