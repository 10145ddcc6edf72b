import type { MeterReading, Speaker, Turn } from '../domain.js';
import type { ChatClient, Usage } from '../llm/types.js';
import { JUDGE_OUTPUT_SCHEMA, judgeMessages } from '../prompts/judge.js';
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
}

export type JudgeOutcome = { ok: true; reading: MeterReading } | { ok: false; problem: string; attempts: number };

/** Judges are rated by reproducibility more than flair: a low default temperature. */
export const JUDGE_TEMPERATURE = 0.2;

export async function judgeSpeaker(client: ChatClient, request: JudgeRequest): Promise<JudgeOutcome> {
  const { turns, speaker } = request;
  const last = turns[turns.length - 1];
  if (!last || !turns.some((t) => t.speaker === speaker)) {
    return { ok: false, problem: `the ${speaker} has not written anything yet`, attempts: 0 };
  }
  const attempts = Math.max(1, request.attempts ?? 2);
  const messages = judgeMessages(turns, speaker);
  let problem = 'no answer';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await client.chat(
      {
        messages,
        jsonSchema: JUDGE_OUTPUT_SCHEMA,
        temperature: request.temperature ?? JUDGE_TEMPERATURE,
        ...(request.seed !== undefined ? { seed: request.seed + attempt - 1 } : {}),
      },
      { signal: request.signal },
    );
    if (result.usage) request.onUsage?.(result.usage);
    const parsed = parseJudgeAnswer(result.text);
    if (parsed.ok) return { ok: true, reading: { speaker, afterTurn: last.index, ...parsed.estimate } };
    problem = parsed.problem;
  }
  return { ok: false, problem, attempts };
}
