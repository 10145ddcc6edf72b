import { z } from 'zod';
import { QUALITY_MAX, QUALITY_MIN } from '../prompts/quality.js';
import { excerpt, extractJsonObject, visibleReply } from '../traits/judge-json.js';

/**
 * The quality rater's answer: the zod check every answer goes through, whether
 * or not the server honoured the JSON Schema it was sent (QUALITY_OUTPUT_SCHEMA
 * in prompts/quality.ts describes the same shape).
 *
 * As with the trait judge, validity is all-or-nothing: one rating out of range,
 * not a whole number, or missing makes the whole answer invalid — a rater that
 * misread one scale has probably misread the others. "4.5" is not rounded and
 * "4" in quotes is not read as a number: guessing would put numbers in a report
 * that the model never gave. The caller retries once, then drops the rating.
 */

const rating = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(QUALITY_MIN, { error: `must be at least ${QUALITY_MIN}` })
  .max(QUALITY_MAX, { error: `must be at most ${QUALITY_MAX}` });

const answerSchema = z.object({
  empathy: rating,
  relevance: rating,
  initial_intensity: rating,
  final_intensity: rating,
});

export interface QualityScores {
  empathy: number;
  relevance: number;
  initialIntensity: number;
  finalIntensity: number;
}

export type ParsedQualityAnswer = { ok: true; scores: QualityScores } | { ok: false; problem: string };

const KEYS = ['empathy', 'relevance', 'initial_intensity', 'final_intensity'] as const;

/** Validates a rater reply; on failure says why in a few words (for the retry and the notice). */
export function parseQualityAnswer(text: string): ParsedQualityAnswer {
  const json = extractJsonObject(text, (v) => KEYS.some((k) => k in v));
  if (json === undefined) return { ok: false, problem: `the reply was not JSON ("${excerpt(visibleReply(text), 40)}")` };
  const result = answerSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join('.') : '';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    return { ok: false, problem: `${where ? `${where}: ` : ''}${first?.message ?? 'invalid'}${more}` };
  }
  const a = result.data;
  return { ok: true, scores: { empathy: a.empathy, relevance: a.relevance, initialIntensity: a.initial_intensity, finalIntensity: a.final_intensity } };
}
