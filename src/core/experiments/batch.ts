import { z } from 'zod';
import type { Usage } from '../llm/types.js';

/**
 * The OpenAI Batch API's file formats (which vLLM's offline `run_batch` reads and
 * writes too): one request a line in, one result a line out, matched by
 * `custom_id` — here the conversation id.
 */

export interface BatchRequestLine {
  custom_id: string;
  method: 'POST';
  url: '/v1/chat/completions';
  body: Record<string, unknown>;
}

/** A batch line carries the live request's body as it is, less streaming: a batch answers in one piece. */
export function batchRequestLine(customId: string, liveBody: Record<string, unknown>): BatchRequestLine {
  const { stream: _stream, stream_options: _options, ...body } = liveBody;
  return { custom_id: customId, method: 'POST', url: '/v1/chat/completions', body };
}

const ResultSchema = z.object({
  custom_id: z.string().min(1),
  response: z
    .object({
      status_code: z.number(),
      body: z
        .object({
          model: z.string().optional(),
          choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }).passthrough() }).passthrough()).optional(),
          usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).passthrough().nullable().optional(),
        })
        .passthrough()
        .nullable()
        .optional(),
    })
    .passthrough()
    .nullable()
    .optional(),
  error: z.unknown().optional(),
});

export type BatchAnswer =
  | { ok: true; customId: string; content: string; usage?: Usage; model?: string }
  | { ok: false; customId?: string; problem: string };

/** One line of a results file: the answer's text, or what is wrong with the line (never thrown). */
export function readBatchResult(line: string): BatchAnswer {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  const parsed = ResultSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: `not a batch result (${parsed.error.issues[0]?.path.join('.') || 'line'}: ${parsed.error.issues[0]?.message})` };
  const { custom_id: customId, response, error } = parsed.data;
  if (error !== undefined && error !== null) return { ok: false, customId, problem: `the batch reported an error: ${describeError(error)}` };
  if (!response) return { ok: false, customId, problem: 'no response' };
  if (response.status_code !== 200) return { ok: false, customId, problem: `the request failed with HTTP ${response.status_code}${response.body ? `: ${describeError((response.body as { error?: unknown }).error ?? '')}` : ''}` };
  const content = response.body?.choices?.[0]?.message.content;
  if (typeof content !== 'string' || content.trim() === '') return { ok: false, customId, problem: 'the answer has no message content' };
  const usage = response.body?.usage ? { promptTokens: response.body.usage.prompt_tokens, completionTokens: response.body.usage.completion_tokens } : undefined;
  return { ok: true, customId, content, ...(usage ? { usage } : {}), ...(response.body?.model ? { model: response.body.model } : {}) };
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error.slice(0, 300);
  if (error && typeof error === 'object' && 'message' in error && typeof (error as { message: unknown }).message === 'string') return (error as { message: string }).message.slice(0, 300);
  return JSON.stringify(error).slice(0, 300);
}
