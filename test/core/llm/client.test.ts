import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatClient, type ChatClientOptions } from '../../../src/core/llm/client.js';
import {
  AuthError,
  BadRequestError,
  CancelledError,
  ConnectionError,
  LlmError,
  RateLimitedError,
  ServerError,
  StreamCutError,
  StreamIdleError,
} from '../../../src/core/llm/errors.js';
import type { ChatRequest, RetryInfo } from '../../../src/core/llm/types.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';

const HELLO: ChatRequest = { messages: [{ role: 'user', content: 'Hello there' }] };
// Tiny backoff so retry tests take milliseconds; the delays themselves are asserted through onRetry.
const FAST: ChatClientOptions = { retryBaseMs: 5, maxRetryDelayMs: 5_000 };

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeOpenAI();
});
afterEach(async () => {
  await server.close();
});

function client(options: ChatClientOptions = FAST, apiKey?: string) {
  return createChatClient({ baseURL: server.url, model: 'fake-model', apiKey }, options);
}

async function failureOf(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe('streaming', () => {
  it('streams deltas and returns text, usage and finish reason', async () => {
    server.respond(() => ({ kind: 'text', content: 'I hear you, that sounds hard.', chunkSize: 5, usage: { prompt_tokens: 11, completion_tokens: 7 } }));
    const deltas: string[] = [];
    const result = await client().chat(HELLO, { onDelta: (d) => deltas.push(d) });

    expect(result.text).toBe('I hear you, that sounds hard.');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(result.text);
    expect(result.usage).toEqual({ promptTokens: 11, completionTokens: 7 });
    expect(result.finishReason).toBe('stop');
    expect(result.firstTokenMs).toBeTypeOf('number');
    expect(result.latencyMs).toBeGreaterThanOrEqual(result.firstTokenMs ?? 0);
  });

  it('always asks for a stream with usage, and forwards seed, temperature, max_tokens and json_schema', async () => {
    const schema = { type: 'object', properties: { reply: { type: 'string' } }, required: ['reply'], additionalProperties: false };
    const result = await client().chat({
      ...HELLO,
      seed: 42,
      temperature: 0.3,
      maxTokens: 200,
      jsonSchema: { name: 'turn', schema },
    });

    const [request] = server.chatRequests();
    expect(request?.body).toMatchObject({
      model: 'fake-model',
      stream: true,
      stream_options: { include_usage: true },
      seed: 42,
      temperature: 0.3,
      max_tokens: 200,
      response_format: { type: 'json_schema', json_schema: { name: 'turn', schema, strict: true } },
    });
    // The default handler honours the schema, so the reply parses.
    expect(JSON.parse(result.text)).toHaveProperty('reply');
  });

  it('sends the API key as a bearer token, and a placeholder when there is none', async () => {
    await client(FAST, 'sk-test-bearer-1234').chat(HELLO);
    await client(FAST).chat(HELLO);
    const [withKey, without] = server.chatRequests();
    expect(withKey?.headers.authorization).toBe('Bearer sk-test-bearer-1234');
    expect(without?.headers.authorization).toBe('Bearer not-needed');
  });
});

describe('retries before any content', () => {
  it('honours Retry-After on 429, reports the retry, then succeeds', async () => {
    server.enqueue({ kind: 'status', status: 429, retryAfter: 1 });
    const retries: RetryInfo[] = [];
    const result = await client().chat(HELLO, { onRetry: (r) => retries.push(r) });

    expect(result.text.length).toBeGreaterThan(0);
    expect(server.chatRequests()).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.delayMs).toBe(1000);
    expect(retries[0]).toMatchObject({ attempt: 2, maxAttempts: 5 });
    expect(retries[0]?.reason).toMatch(/rate-limiting/);
  });

  it('honours retry-after-ms', async () => {
    server.enqueue({ kind: 'status', status: 503, retryAfterMs: 30 });
    const retries: RetryInfo[] = [];
    await client().chat(HELLO, { onRetry: (r) => retries.push(r) });
    expect(retries.map((r) => r.delayMs)).toEqual([30]);
  });

  it('gives up at once when the server asks to wait longer than the cap', async () => {
    server.enqueue({ kind: 'status', status: 429, retryAfter: 120 });
    const error = await failureOf(client().chat(HELLO));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error.message).toMatch(/asked to wait 120 s/);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('retries a 500 and succeeds', async () => {
    server.enqueue({ kind: 'status', status: 500 });
    const retries: RetryInfo[] = [];
    const result = await client().chat(HELLO, { onRetry: (r) => retries.push(r) });
    expect(result.finishReason).toBe('stop');
    expect(retries).toHaveLength(1);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('retries a connection reset before headers and succeeds', async () => {
    server.enqueue({ kind: 'reset' });
    const retries: RetryInfo[] = [];
    const result = await client().chat(HELLO, { onRetry: (r) => retries.push(r) });
    expect(result.text.length).toBeGreaterThan(0);
    expect(retries).toHaveLength(1);
    expect(server.chatRequests()).toHaveLength(2);
  });

  it('throws ServerError when retries run out', async () => {
    server.respond(() => ({ kind: 'status', status: 503 }));
    const retries: RetryInfo[] = [];
    const error = await failureOf(client({ ...FAST, maxRetries: 2 }).chat(HELLO, { onRetry: (r) => retries.push(r) }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/gave up after 3 attempts/);
    expect(retries.map((r) => r.attempt)).toEqual([2, 3]);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it('a server that sends no headers within the request timeout fails after one wait, naming the timeout and how to raise it', async () => {
    server.respond(() => ({ kind: 'delay', ms: 5_000, then: { kind: 'text', content: 'late' } }));
    const retries: RetryInfo[] = [];
    const error = await failureOf(client({ ...FAST, requestTimeoutMs: 150, maxRetries: 4 }).chat(HELLO, { onRetry: (r) => retries.push(r) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('did not start answering within the request timeout (150 ms)');
    expect(error.message).toContain('--request-timeout SECONDS or the requestTimeout setting');
    // Waiting the whole timeout again would only multiply it: one request, no retry.
    expect(retries).toEqual([]);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('a server that answers an HTML page is said at once not to be an OpenAI-compatible API, with its content type', async () => {
    server.respond(() => ({ kind: 'raw', contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>Router login</title><h1>Sign in</h1>' }));
    const retries: RetryInfo[] = [];
    const error = await failureOf(client({ ...FAST, maxRetries: 4 }).chat(HELLO, { onRetry: (r) => retries.push(r) }));
    expect(error.message).toContain('is not an OpenAI-compatible API response');
    expect(error.message).toContain('content type text/html; charset=utf-8');
    expect(error.message).not.toContain('ended early');
    expect(error.retryable).toBe(false);
    expect(retries).toEqual([]);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('does not retry a 400 and passes on the server message', async () => {
    server.respond(() => ({ kind: 'status', status: 404, body: { error: { message: 'model "nope" not found' } } }));
    const error = await failureOf(client().chat(HELLO));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('model "nope" not found');
    expect(error.message).toMatch(/--model/);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('maps 401 to AuthError without retrying', async () => {
    server.respond(() => ({ kind: 'status', status: 401 }));
    const error = await failureOf(client().chat(HELLO));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/PERSONA_TALKS_API_KEY/);
    expect(server.chatRequests()).toHaveLength(1);
  });
});

describe('failures after content started', () => {
  it('a connection the server keeps resetting: retried, then a message that says so and does not send the user to start a running server', async () => {
    server.respond(() => ({ kind: 'reset' }));
    const retries: RetryInfo[] = [];
    const error = await failureOf(client({ ...FAST, maxRetries: 2 }).chat(HELLO, { onRetry: (r) => retries.push(r) }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(retries).toHaveLength(2);
    for (const text of [...retries.map((r) => r.reason), error.message]) {
      expect(text).toContain('closed the connection before replying');
      expect(text).not.toMatch(/start the server/i);
    }
    expect(error.message).toContain('(gave up after 3 attempts)');
  });

  it('nothing listening is still "could not reach … start the server"', async () => {
    const url = server.url;
    await server.close();
    const error = await failureOf(createChatClient({ baseURL: url, model: 'fake-model' }, { ...FAST, maxRetries: 0 }).chat(HELLO));
    expect(error.message).toMatch(/Could not reach the model server .*connection refused.*Start the server/);
    server = await startFakeOpenAI();
  });

  it('a port fetch will not dial (9, on the blocked-ports list) is named as such, not as "fetch failed"', async () => {
    const error = await failureOf(createChatClient({ baseURL: 'http://127.0.0.1:9/v1', model: 'fake-model' }, { ...FAST, maxRetries: 0 }).chat(HELLO));
    expect(error.message).toMatch(/Could not reach the model server .*blocked-ports list.*use another port/);
    expect(error.message).not.toContain('fetch failed');
  });

  it('a cut stream throws StreamCutError with the partial text, and is not retried', async () => {
    server.enqueue({ kind: 'cut', content: 'abcdefghijklmnopqrstuvwxyz', after: 2, chunkSize: 4 });
    const deltas: string[] = [];
    const error = await failureOf(client().chat(HELLO, { onDelta: (d) => deltas.push(d) }));
    expect(error).toBeInstanceOf(StreamCutError);
    expect(error.partialText).toBe('abcdefgh');
    expect(deltas.join('')).toBe('abcdefgh');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('a stream that ends without a finish reason counts as cut', async () => {
    const { chunkJson } = await import('../../support/fake-openai-server.js');
    server.enqueue({ kind: 'sse', events: [chunkJson({ role: 'assistant', content: 'half a sen' })] });
    const error = await failureOf(client().chat(HELLO));
    expect(error).toBeInstanceOf(StreamCutError);
    expect(error.partialText).toBe('half a sen');
  });

  it('an idle stream trips the watchdog: StreamIdleError with the partial text', async () => {
    server.enqueue({ kind: 'idle', content: 'one two three four', after: 1, chunkSize: 4 });
    const error = await failureOf(client({ ...FAST, idleTimeoutMs: 200 }).chat(HELLO));
    expect(error).toBeInstanceOf(StreamIdleError);
    expect(error.partialText).toBe('one ');
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('silence before any content is retried like a timeout', async () => {
    server.enqueue({ kind: 'idle', content: 'never', after: 0 });
    const retries: RetryInfo[] = [];
    const result = await client({ ...FAST, idleTimeoutMs: 200 }).chat(HELLO, { onRetry: (r) => retries.push(r) });
    expect(result.finishReason).toBe('stop');
    expect(retries[0]?.reason).toMatch(/went silent/);
  });
});

describe('cancellation', () => {
  it('aborting mid-stream throws CancelledError promptly with the partial text', async () => {
    server.enqueue({ kind: 'idle', content: 'streaming words here', after: 2, chunkSize: 5 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const promise = client({ ...FAST, idleTimeoutMs: 60_000 }).chat(HELLO, {
      signal: controller.signal,
      onDelta: (d) => {
        deltas.push(d);
        if (deltas.length === 2) setImmediate(() => controller.abort());
      },
    });
    // Test timeout (20 s) is far below the 60 s watchdog: only the abort can end this promptly.
    const error = await failureOf(promise);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.partialText).toBe('streaming '); // two 5-char chunks
  });

  it('aborting during a retry wait throws CancelledError without another request', async () => {
    server.enqueue({ kind: 'status', status: 429, retryAfter: 30 });
    const controller = new AbortController();
    const promise = client({ ...FAST, maxRetryDelayMs: 60_000 }).chat(HELLO, {
      signal: controller.signal,
      onRetry: () => setImmediate(() => controller.abort()),
    });
    const error = await failureOf(promise);
    expect(error).toBeInstanceOf(CancelledError);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    const error = await failureOf(client().chat(HELLO, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('unreachable server and secrets', () => {
  it('names the base URL (without credentials) when nothing listens', async () => {
    const closed = await startFakeOpenAI();
    const url = closed.url;
    await closed.close();
    const withCredentials = url.replace('http://', 'http://alice:hunter2secret@');
    const error = await failureOf(
      createChatClient({ baseURL: withCredentials, model: 'm' }, { ...FAST, maxRetries: 1 }).chat(HELLO),
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain(url);
    expect(error.message).toMatch(/PERSONA_TALKS_BASE_URL/);
    expect(inspect(error, { depth: 6 })).not.toContain('hunter2secret');
  });

  it('never puts the API key in an error, even when the server echoes it', async () => {
    const key = 'sk-DISTINCTIVE-fake-key-7f3a9c';
    server.respond((req) => ({
      kind: 'status',
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${String(req.headers.authorization)}` } },
    }));
    const errors: LlmError[] = [];
    errors.push(await failureOf(client(FAST, key).chat(HELLO)));
    server.respond((req) => ({ kind: 'status', status: 400, body: { error: { message: `bad ${req.rawBody} key=${key}` } } }));
    errors.push(await failureOf(client(FAST, key).chat(HELLO)));
    server.respond(() => ({ kind: 'status', status: 500, body: { error: { message: `upstream said ${key}` } } }));
    errors.push(await failureOf(client({ ...FAST, maxRetries: 1 }, key).chat(HELLO)));

    for (const error of errors) {
      expect(error.message).toContain('[redacted]');
      expect(error.message).not.toContain(key);
      expect(inspect(error, { depth: 8 })).not.toContain(key);
      expect(JSON.stringify(error)).not.toContain(key);
    }
  });
});
