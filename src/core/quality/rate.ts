import type { QualityResult } from '../domain.js';
import type { ChatClient } from '../llm/types.js';
import { QUALITY_OUTPUT_SCHEMA, QUALITY_PROMPT_VERSION, qualityMessages } from '../prompts/quality.js';
import type { LoadedSession } from '../sessions/reader.js';
import { JUDGE_TEMPERATURE } from '../traits/judge.js';
import { parseQualityAnswer } from './schema.js';

/**
 * One dialogue-quality rating of a saved conversation, by the judge model. The
 * same rules as the trait judge: an answer that fails validation is asked for
 * once more, and if that fails too the rating is dropped and the caller says
 * why — an invalid number never leaves this module. Provider errors (LlmError,
 * including cancellation) are thrown: the client already retried what was
 * worth retrying.
 */

export interface RateOptions {
  signal?: AbortSignal;
  /** Sent to servers that take one; a retry uses seed + 1. Default: the session's seed. */
  seed?: number;
  temperature?: number;
  /** Answers asked for in total when they come back invalid. Default 2 (one retry). */
  attempts?: number;
}

/** A rating ready to record: `{ type: 'quality', ...fields }` is its session record. */
export type QualityRating = { ok: true } & QualityResult;
export type QualityFailure = { ok: false; problem: string; attempts: number };

export const QUALITY_PROMPT = `quality@${QUALITY_PROMPT_VERSION}`;

export async function rateQuality(client: ChatClient, session: Pick<LoadedSession, 'turns' | 'header'>, options: RateOptions = {}): Promise<QualityRating | QualityFailure> {
  const { turns } = session;
  const last = turns[turns.length - 1];
  if (!last || !turns.some((t) => t.speaker === 'seeker') || !turns.some((t) => t.speaker === 'supporter')) {
    return { ok: false, problem: 'the conversation needs a message from each side before it can be rated', attempts: 0 };
  }
  const attempts = Math.max(1, options.attempts ?? 2);
  const seed = options.seed ?? session.header.seed;
  const messages = qualityMessages(turns);
  let calls = 0;
  /** Summed while every reply reports its tokens; undefined after one that does not (a partial sum would undercount). */
  let tokens: { promptTokens: number; completionTokens: number } | undefined = { promptTokens: 0, completionTokens: 0 };
  let problem = 'no answer';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const result = await client.chat(
      {
        messages,
        jsonSchema: QUALITY_OUTPUT_SCHEMA,
        temperature: options.temperature ?? JUDGE_TEMPERATURE,
        ...(seed !== undefined ? { seed: seed + attempt - 1 } : {}),
      },
      { ...(options.signal ? { signal: options.signal } : {}) },
    );
    calls += 1;
    tokens = tokens && result.usage ? { promptTokens: tokens.promptTokens + result.usage.promptTokens, completionTokens: tokens.completionTokens + result.usage.completionTokens } : undefined;
    const parsed = parseQualityAnswer(result.text);
    if (parsed.ok) {
      return {
        ok: true,
        ...parsed.scores,
        afterTurn: last.index,
        model: { baseURL: client.endpoint.baseURL, model: client.endpoint.model },
        prompt: QUALITY_PROMPT,
        usage: { calls, ...tokens },
      };
    }
    problem = parsed.problem;
  }
  return { ok: false, problem, attempts };
}
