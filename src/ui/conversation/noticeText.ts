import type { Refusal } from '../../core/domain.js';
import { cleanForDisplay } from '../../core/sanitize.js';
import { truncate } from '../../core/text.js';
import type { Notice } from './state.js';

/** A model declining its persona, said plainly: who, why, what happened next, and the start of its words. */
export function refusalNotice(refusal: Refusal): Notice {
  const what = refusal.kind === 'refusal' ? 'refused to play its persona' : 'answered out of character';
  const next = refusal.outcome === 'asked-again' ? 'asked again with an in-character reminder' : 'the turn is paused';
  const words = truncate(cleanForDisplay(refusal.text), 70);
  return {
    level: 'warn',
    kind: 'refusal',
    message: `the ${refusal.role} model (${cleanForDisplay(refusal.model)}) ${what} (${cleanForDisplay(refusal.reason)}); ${next}: “${words}”`,
  };
}

/** Whole seconds until `at`, never below zero. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const RETRY_IN = /retrying in [\d.]+ s/;

/** A notice as shown now: a retry's "retrying in 4.0 s" counts down to "retrying now". */
export function noticeText(notice: Notice, now: number): string {
  const text = cleanForDisplay(notice.message);
  if (notice.retryAt === undefined) return text;
  const left = secondsUntil(notice.retryAt, now);
  const countdown = left > 0 ? `retrying in ${left} s` : 'retrying now';
  return RETRY_IN.test(text) ? text.replace(RETRY_IN, countdown) : `${text} · ${countdown}`;
}

/** Whether any notice is still counting down (the screen ticks once a second while one is). */
export function countingDown(notices: readonly Notice[], now: number): boolean {
  return notices.some((n) => n.retryAt !== undefined && n.retryAt > now);
}
