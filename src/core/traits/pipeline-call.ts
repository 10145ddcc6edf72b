import type { ChatClient, ChatMessage, JsonSchemaFormat, Usage } from '../llm/types.js';
import { retryMessages } from '../prompts/measurement.js';
import { excerpt, extractJsonObject, visibleReply } from './judge-json.js';

/** A step of the measurement pipeline whose answer stayed unusable after its retry. */
export class PipelineError extends Error {
  override readonly name = 'PipelineError';
}

export interface StepOptions {
  signal?: AbortSignal;
  seed?: number;
  /** Sampling temperature; 0 (the default) for every measuring step, which should not be creative. */
  temperature?: number;
  onUsage?: (usage: Usage) => void;
}

/** Validation result: the value, or a few words on what is wrong (fed back into the retry). */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * One structured call of the pipeline: ask, validate, and when the answer is
 * unusable ask once more, telling the model what was wrong. Throws
 * PipelineError after the second miss; LlmErrors pass through.
 */
export async function structuredStep<T>(
  client: ChatClient,
  step: string,
  messages: ChatMessage[],
  schema: JsonSchemaFormat,
  check: (json: unknown) => Checked<T>,
  options: StepOptions = {},
): Promise<T> {
  let conversation = messages;
  let problem = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const result = await client.chat(
      { messages: conversation, jsonSchema: schema, temperature: options.temperature ?? 0, ...(options.seed !== undefined ? { seed: options.seed + attempt - 1 } : {}) },
      { signal: options.signal },
    );
    if (result.usage) options.onUsage?.(result.usage);
    const json = extractJsonObject(result.text, (v) => check(v).ok);
    const shown = visibleReply(result.text);
    const checked: Checked<T> = json === undefined ? { ok: false, problem: `the reply was not JSON ("${excerpt(shown, 40)}")` } : check(json);
    if (checked.ok) return checked.value;
    problem = checked.problem;
    // Its words without its reasoning: some servers reject reasoning sent back, and it costs context.
    conversation = retryMessages(messages, shown, problem);
  }
  throw new PipelineError(`${step}: the model's answer could not be used twice in a row (${problem})`);
}
