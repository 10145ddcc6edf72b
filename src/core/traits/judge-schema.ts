import { z } from 'zod';
import type { JudgedScore } from '../domain.js';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN, type CsiKey, type HexacoKey } from './dimensions.js';
import { extractJsonObject, excerpt, visibleReply } from './judge-json.js';

/**
 * The trait judge's answer: the zod check every answer goes through, whether or
 * not the server honoured the JSON Schema it was sent (JUDGE_OUTPUT_SCHEMA in
 * prompts/judge.ts, which describes the same shape).
 *
 * Validity is all-or-nothing per answer. A score may be null — the judge
 * abstains for lack of evidence and the dimension is simply absent — but one
 * out-of-range, non-numeric or missing dimension makes the whole answer
 * invalid: a judge that misreads one scale has probably misread the others, so
 * its remaining numbers are not trusted either. The caller retries once, then
 * drops the estimate with a notice. No invalid number ever leaves this module.
 */

const dimension = z.object({
  score: z.number().min(TRAIT_MIN).max(TRAIT_MAX).nullable(),
  confidence: z.number().min(0).max(1),
});

const answerSchema = z.object({
  hexaco: z.object(Object.fromEntries(HEXACO_KEYS.map((k) => [k, dimension])) as Record<HexacoKey, typeof dimension>),
  csi: z.object(Object.fromEntries(CSI_KEYS.map((k) => [k, dimension])) as Record<CsiKey, typeof dimension>),
});

export interface JudgeEstimate {
  hexaco: Partial<Record<HexacoKey, JudgedScore>>;
  csi: Partial<Record<CsiKey, JudgedScore>>;
}

export type ParsedJudgeAnswer = { ok: true; estimate: JudgeEstimate } | { ok: false; problem: string };

function keep<K extends string>(keys: readonly K[], raw: Record<K, { score: number | null; confidence: number }>): Partial<Record<K, JudgedScore>> {
  const out: Partial<Record<K, JudgedScore>> = {};
  for (const key of keys) {
    const { score, confidence } = raw[key];
    if (score !== null) out[key] = { score, confidence };
  }
  return out;
}

/** Validates a judge reply; on failure says why in a few words (for the retry and the notice). */
export function parseJudgeAnswer(text: string): ParsedJudgeAnswer {
  const json = extractJsonObject(text, (v) => 'hexaco' in v && 'csi' in v);
  if (json === undefined) return { ok: false, problem: `the reply was not JSON ("${excerpt(visibleReply(text), 40)}")` };
  const result = answerSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join('.') : '';
    return { ok: false, problem: `${where ? `${where}: ` : ''}${first?.message ?? 'invalid'}${result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : ''}` };
  }
  return { ok: true, estimate: { hexaco: keep(HEXACO_KEYS, result.data.hexaco), csi: keep(CSI_KEYS, result.data.csi) } };
}
