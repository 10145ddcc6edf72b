/**
 * The ChatClient over the official openai SDK, for any OpenAI-compatible server.
 *
 * Why our own retry loop instead of the SDK's: the app shows a message for every
 * retry (hooks.onRetry), and a retry is only safe before any words reached the
 * screen. Why our own watchdog: the SDK's timeout stops counting once headers
 * arrive, so a stream that goes silent mid-reply would hang forever.
 */
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { notApiResponse } from './api-response.js';
import { CancelledError, LlmError, RateLimitedError, StreamCutError, StreamIdleError } from './errors.js';
import { estimateTokens, type EndpointLimiter, type Permit } from './limiter.js';
import { backoffMs, sleep } from './retry-policy.js';
import { createSdk } from './sdk.js';
import { translateError, type ErrorContext } from './translate-error.js';
import type { ChatClient, ChatHooks, ChatRequest, ChatResult, Endpoint, Usage } from './types.js';

export { PLACEHOLDER_API_KEY } from './sdk.js';

export interface ChatClientOptions {
  /** Longest silence allowed inside a stream before the watchdog aborts it. Default 30 s. */
  idleTimeoutMs?: number;
  /** Time allowed until response headers arrive. Default 60 s. */
  requestTimeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** First backoff step when the server gives no Retry-After. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest wait we accept; a longer Retry-After gives up with RateLimitedError. Default 60 s. */
  maxRetryDelayMs?: number;
  fetch?: typeof globalThis.fetch;
  /** The endpoint's shared rate limiter (limiter.ts): every attempt waits for it, and a 429's Retry-After pauses it for all. */
  limiter?: EndpointLimiter;
}

const DEFAULTS = {
  idleTimeoutMs: 30_000,
  requestTimeoutMs: 60_000,
  maxRetries: 4,
  retryBaseMs: 500,
  maxRetryDelayMs: 60_000,
};

export function createChatClient(endpoint: Endpoint, options: ChatClientOptions = {}): ChatClient {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const { sdk, where, secrets } = createSdk(endpoint, { timeoutMs: settings.requestTimeoutMs, fetch: options.fetch });
  // Optional request parameters this server has refused with a 400/422: left out from then on.
  const refused = new Set<OptionalParam>();

  async function chat(request: ChatRequest, hooks: ChatHooks = {}): Promise<ChatResult> {
    const maxAttempts = settings.maxRetries + 1;
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const permit = await limiterPermit(settings.limiter, request, hooks.signal);
      try {
        const result = await streamOnce(request, hooks, started);
        permit?.settle(result.usage ? result.usage.promptTokens + result.usage.completionTokens : undefined);
        return result;
      } catch (error) {
        permit?.settle(undefined);
        const failure = error instanceof LlmError ? error : translateError(error, context(''));
        const param = refusedParam(failure, request, refused);
        if (param) {
          // Some OpenAI-compatible servers reject what others ignore (structured output, usage
          // in the stream, seeds, token caps, temperature). Drop it and ask again; the turn
          // parser copes with free text.
          refused.add(param);
          hooks.onRetry?.({ attempt: attempt + 1, maxAttempts, delayMs: 0, reason: `the server does not accept "${param}"; asking again without it` });
          continue;
        }
        const canRetry = failure.retryable && failure.partialText === '' && attempt < maxAttempts;
        if (!canRetry) throw exhausted(failure, attempt);
        const delayMs = failure.retryAfterMs ?? backoffMs(attempt, settings.retryBaseMs, settings.maxRetryDelayMs);
        if (delayMs > settings.maxRetryDelayMs) {
          throw new RateLimitedError(
            `The model server at ${where} asked to wait ${Math.ceil(delayMs / 1000)} s before retrying, longer than ` +
              `the ${Math.round(settings.maxRetryDelayMs / 1000)} s we wait. Try again later or use another model.`,
            { status: failure.status, retryAfterMs: delayMs, cause: failure },
          );
        }
        hooks.onRetry?.({ attempt: attempt + 1, maxAttempts, delayMs, reason: failure.message });
        if (sharesPause(settings.limiter, failure)) {
          // The wait the server named holds every caller on this endpoint; the next permit waits it out.
          settings.limiter.pauseFor(delayMs);
          continue;
        }
        await sleep(delayMs, hooks.signal, () => new CancelledError('The request was cancelled while waiting to retry.'));
      }
    }
  }

  function context(partialText: string): ErrorContext {
    return { where, model: endpoint.model, secrets, partialText, requestTimeoutMs: settings.requestTimeoutMs };
  }

  /** After the last attempt a retryable error says how many tries it took. */
  function exhausted(failure: LlmError, attempts: number): LlmError {
    if (!failure.retryable || attempts === 1) return failure;
    const Kind = failure.constructor as new (message: string, options: object) => LlmError;
    return new Kind(`${failure.message} (gave up after ${attempts} attempts)`, {
      retryable: failure.retryable,
      status: failure.status,
      retryAfterMs: failure.retryAfterMs,
      cause: failure,
    });
  }

  async function streamOnce(request: ChatRequest, hooks: ChatHooks, started: number): Promise<ChatResult> {
    const controller = new AbortController();
    const callerSignal = hooks.signal;
    const cancel = () => controller.abort();
    if (callerSignal?.aborted) throw new CancelledError('The request was cancelled.');
    callerSignal?.addEventListener('abort', cancel, { once: true });

    let text = '';
    let reasoning = '';
    let usage: Usage | undefined;
    let finishReason: string | undefined;
    let firstTokenMs: number | undefined;
    let idleFired = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const armWatchdog = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        idleFired = true;
        controller.abort();
      }, settings.idleTimeoutMs);
    };
    // Both our signals end a raw stream's for-await loop silently, so each exit path checks them.
    const interrupted = (): LlmError | undefined => {
      if (callerSignal?.aborted) return new CancelledError('The request was cancelled.', { partialText: text });
      if (idleFired) {
        return new StreamIdleError(
          `The model server at ${where} went silent for ${Math.round(settings.idleTimeoutMs / 1000)} s ` +
            `${text ? `mid-reply after ${text.length} characters; the unfinished reply is discarded` : 'before replying'}. ` +
            'It may be overloaded.',
          // Silence before any words is as safe to retry as a timeout.
          { partialText: text, retryable: text === '' },
        );
      }
      return undefined;
    };

    try {
      const { data: stream, response } = await sdk.chat.completions
        .create(buildBody(endpoint.model, request, refused), { signal: controller.signal })
        .withResponse();
      const notApi = notApiResponse(response, where);
      if (notApi) {
        controller.abort();
        throw notApi;
      }
      armWatchdog();
      for await (const chunk of stream) {
        armWatchdog();
        if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
        const choice = chunk.choices?.[0];
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        const thought = reasoningDelta(choice?.delta);
        if (thought) {
          reasoning += thought;
          hooks.onReasoning?.(thought);
        }
        const delta = choice?.delta?.content;
        if (delta) {
          firstTokenMs ??= Date.now() - started;
          text += delta;
          hooks.onDelta?.(delta);
        }
      }
      const stopped = interrupted();
      if (stopped) throw stopped;
      if (!finishReason) {
        // A clean end without a finish reason: the server gave up mid-reply.
        throw new StreamCutError(
          `The reply from ${where} ended early, after ${text.length} characters, without saying it was finished; ` +
            'the unfinished reply is discarded.',
          { partialText: text, retryable: text === '' },
        );
      }
      return { text, usage, finishReason, latencyMs: Date.now() - started, firstTokenMs, ...(reasoning ? { reasoning } : {}) };
    } catch (error) {
      throw interrupted() ?? translateError(error, context(text));
    } finally {
      clearTimeout(idleTimer);
      callerSignal?.removeEventListener('abort', cancel);
    }
  }

  return { endpoint, chat };
}

type OptionalParam = 'response_format' | 'stream_options' | 'seed' | 'max_tokens' | 'temperature';

/** The optional parameter a 400/422 complains about, if we sent it and have not dropped it yet. */
function refusedParam(failure: LlmError, request: ChatRequest, refused: ReadonlySet<OptionalParam>): OptionalParam | undefined {
  if (failure.kind !== 'bad-request' || (failure.status !== 400 && failure.status !== 422)) return undefined;
  const said = failure.message.toLowerCase();
  const sent: Array<[OptionalParam, boolean, string[]]> = [
    ['response_format', request.jsonSchema !== undefined, ['response_format', 'json_schema', 'structured output']],
    ['stream_options', true, ['stream_options', 'include_usage']],
    ['seed', request.seed !== undefined, ['seed']],
    // Reasoning models refuse max_tokens (they want max_completion_tokens) and any temperature but 1.
    ['max_tokens', request.maxTokens !== undefined, ['max_tokens']],
    ['temperature', request.temperature !== undefined, ['temperature']],
  ];
  return sent.find(([param, wasSent, words]) => wasSent && !refused.has(param) && words.some((w) => said.includes(w)))?.[0];
}

/** The request body sent for `request` (exported so a batch file carries exactly what a live call sends). */
export function buildBody(model: string, request: ChatRequest, refused: ReadonlySet<OptionalParam> = new Set()): ChatCompletionCreateParamsStreaming {
  const jsonSchema = refused.has('response_format') ? undefined : request.jsonSchema;
  return {
    model,
    messages: request.messages,
    stream: true,
    ...(refused.has('stream_options') ? {} : { stream_options: { include_usage: true } }),
    ...(request.temperature !== undefined && !refused.has('temperature') ? { temperature: request.temperature } : {}),
    ...(request.seed !== undefined && !refused.has('seed') ? { seed: request.seed } : {}),
    // max_tokens, not max_completion_tokens: local servers (Ollama, llama.cpp, older vLLM) only know this one.
    ...(request.maxTokens !== undefined && !refused.has('max_tokens') ? { max_tokens: request.maxTokens } : {}),
    ...(jsonSchema
      ? {
          response_format: {
            type: 'json_schema' as const,
            json_schema: { name: jsonSchema.name, schema: jsonSchema.schema, strict: true },
          },
        }
      : {}),
  };
}

/**
 * Reasoning split off by the server: `reasoning_content` (DeepSeek's API, vLLM and
 * llama.cpp reasoning parsers, Ollama's compatibility layer) or `reasoning`
 * (OpenRouter, newer vLLM). Not in the SDK's types, so read defensively.
 */
function reasoningDelta(delta: unknown): string | undefined {
  if (!delta || typeof delta !== 'object') return undefined;
  const d = delta as { reasoning_content?: unknown; reasoning?: unknown };
  const value = d.reasoning_content ?? d.reasoning;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A permit from the endpoint's limiter, when there is one (a cancelled wait is a cancelled request). */
function limiterPermit(limiter: EndpointLimiter | undefined, request: ChatRequest, signal: AbortSignal | undefined): Promise<Permit | undefined> {
  if (!limiter) return Promise.resolve(undefined);
  return limiter.acquire(estimateTokens(request.messages, request.maxTokens), signal, () => new CancelledError('The request was cancelled while waiting for the rate limit.'));
}

/** A 429 that says how long to wait is about the endpoint, not this request: the limiter makes everyone wait. */
function sharesPause(limiter: EndpointLimiter | undefined, failure: LlmError): limiter is EndpointLimiter {
  return limiter !== undefined && failure.status === 429 && failure.retryAfterMs !== undefined;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
