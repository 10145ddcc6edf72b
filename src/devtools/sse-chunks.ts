/**
 * Builders for the JSON an OpenAI-compatible server streams, so tests can script
 * exact byte sequences (escape sequences in text, JSON split across chunks, a
 * stream with no finish reason …) through the fake server's `sse` reply.
 */

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export const FAKE_COMPLETION_ID = 'chatcmpl-fake';
const CREATED = 1_700_000_000; // fixed, so recorded fixtures stay byte-identical

/** One `chat.completion.chunk` carrying a content delta and/or a finish reason. */
export function chunkJson(options: {
  content?: string;
  role?: 'assistant';
  finishReason?: string | null;
  model?: string;
}): string {
  const delta: Record<string, string> = {};
  if (options.role) delta.role = options.role;
  if (options.content !== undefined) delta.content = options.content;
  return JSON.stringify({
    id: FAKE_COMPLETION_ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: options.model ?? 'fake-model',
    choices: [{ index: 0, delta, finish_reason: options.finishReason ?? null }],
  });
}

/** A chunk carrying reasoning in a separate delta field, as reasoning parsers stream it. */
export function reasoningChunkJson(text: string, options: { field?: 'reasoning_content' | 'reasoning'; model?: string; role?: boolean } = {}): string {
  return JSON.stringify({
    id: FAKE_COMPLETION_ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model: options.model ?? 'fake-model',
    choices: [{ index: 0, delta: { ...(options.role ? { role: 'assistant' } : {}), content: null, [options.field ?? 'reasoning_content']: text }, finish_reason: null }],
  });
}

/** The trailing chunk servers send when `stream_options.include_usage` is set: no choices, only usage. */
export function usageChunkJson(usage: FakeUsage, model = 'fake-model'): string {
  return JSON.stringify({
    id: FAKE_COMPLETION_ID,
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices: [],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

/** A whole non-streamed `chat.completion` body. */
export function completionJson(content: string, usage: FakeUsage, model = 'fake-model', finishReason = 'stop'): string {
  return JSON.stringify({
    id: FAKE_COMPLETION_ID,
    object: 'chat.completion',
    created: CREATED,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finishReason }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  });
}

/** Frames one SSE event. */
export function sseEvent(data: string): string {
  return `data: ${data}\n\n`;
}

export const SSE_DONE = sseEvent('[DONE]');

/** Splits text into pieces of `size` code points (never halves a surrogate pair). */
export function splitText(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += Math.max(1, size)) pieces.push(points.slice(i, i + size).join(''));
  return pieces;
}

/** The content chunks (first one carries the role), without finish or usage chunks. */
export function contentChunks(text: string, size: number, model?: string): string[] {
  return splitText(text, size).map((piece, i) =>
    chunkJson({ content: piece, ...(i === 0 ? { role: 'assistant' as const } : {}), ...(model ? { model } : {}) }),
  );
}

/** A rough token count: deterministic, close enough for usage bookkeeping tests. */
export function roughTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
