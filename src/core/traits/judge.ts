import type { MeterReading, Speaker, Turn } from '../domain.js';
import { readLabels, type ReadLabel } from '../engine/perceived.js';
import type { ChatClient, Usage } from '../llm/types.js';
import { JUDGE_DEFAULT_TURNS, judgeMessages, judgeSchema, type JudgeContext } from '../prompts/judge.js';
import { extractJsonObject } from './judge-json.js';
import { parseJudgeAnswer } from './judge-schema.js';

/**
 * One trait-judge estimate for one speaker. An answer that fails validation is
 * asked for once more (models often get it right the second time); if that
 * fails too the estimate is dropped and the caller shows the reason. Provider
 * errors (LlmError, including cancellation) are thrown: the client already
 * retried what was worth retrying.
 */

export interface JudgeRequest {
  turns: readonly Turn[];
  speaker: Speaker;
  signal?: AbortSignal;
  temperature?: number;
  seed?: number;
  /** Answers asked for in total when they come back invalid. Default 2 (one retry). */
  attempts?: number;
  /** Called once per model reply, valid or not. */
  onUsage?: (usage: Usage) => void;
  /** The latest turns the judge reads when `context.earlier` is not given (default JUDGE_DEFAULT_TURNS). */
  maxTurns?: number;
  /** What came before `turns` (then `turns` is exactly what is shown), and supporter turns to label. */
  context?: JudgeContext;
}

/**
 * The reading, or why there is none; and, either way, the labels of the supporter
 * turns it was asked to label that some answer gave (a label missing from every
 * answer is absent).
 */
export type JudgeOutcome = ({ ok: true; reading: MeterReading } | { ok: false; problem: string; attempts: number }) & { labels?: Map<number, ReadLabel> };

/** Judges are rated by reproducibility more than flair: a low default temperature. */
export const JUDGE_TEMPERATURE = 0.2;

export async function judgeSpeaker(client: ChatClient, request: JudgeRequest): Promise<JudgeOutcome> {
  const { turns, speaker } = request;
  const last = turns[turns.length - 1];
  if (!last || !turns.some((t) => t.speaker === speaker)) {
    return { ok: false, problem: `the ${speaker} has not written anything yet`, attempts: 0 };
  }
  const attempts = Math.max(1, request.attempts ?? 2);
  const context = request.context ?? {};
  const label = context.label ?? [];
  const messages = judgeMessages(turns, speaker, request.maxTurns ?? JUDGE_DEFAULT_TURNS, context);
  const jsonSchema = judgeSchema(label);
  const labels = new Map<number, ReadLabel>();
  const withLabels = <T extends object>(outcome: T): T & { labels?: Map<number, ReadLabel> } => (label.length > 0 ? { ...outcome, labels } : outcome);
  let problem = 'no answer';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await client.chat(
      {
        messages,
        jsonSchema,
        temperature: request.temperature ?? JUDGE_TEMPERATURE,
        ...(request.seed !== undefined ? { seed: request.seed + attempt - 1 } : {}),
      },
      { signal: request.signal },
    );
    if (result.usage) request.onUsage?.(result.usage);
    if (label.length > 0) {
      // Labels are kept from whichever answer gave them: a retry for a bad score need not lose a good label,
      // and a label that failed in one answer may be read from the next.
      const json = extractJsonObject(result.text, (v) => 'strategies' in v);
      const given = json && typeof json === 'object' && 'strategies' in json ? (json as { strategies: unknown }).strategies : undefined;
      const open = label.filter((i) => { const had = labels.get(i); return !had || 'failed' in had; });
      for (const [index, read] of readLabels(given, open)) labels.set(index, read);
    }
    const parsed = parseJudgeAnswer(result.text);
    if (parsed.ok) return withLabels({ ok: true as const, reading: { speaker, afterTurn: last.index, ...parsed.estimate } });
    problem = parsed.problem;
  }
  return withLabels({ ok: false as const, problem, attempts });
}
