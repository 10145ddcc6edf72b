/**
 * A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI chat API for
 * tests: streamed and plain completions, a usage chunk, GET /models, and scripted
 * faults (status codes with Retry-After, resets before headers, streams cut or
 * left idle mid-reply). Tests drive the real openai SDK against it, so what is
 * exercised is the same HTTP the app speaks to Ollama or OpenAI.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { AddressInfo, Socket } from 'node:net';
import { defaultPersonaHandler } from './fake-persona-handler.js';
import {
  SSE_DONE,
  chunkJson,
  completionJson,
  contentChunks,
  roughTokens,
  sseEvent,
  usageChunkJson,
  type FakeUsage,
} from './sse-chunks.js';

export * from './sse-chunks.js';
export { defaultPersonaHandler } from './fake-persona-handler.js';

export interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean } };
  temperature?: number;
  seed?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body; an empty object for GET requests or unparsable bodies. */
  body: ChatBody;
  rawBody: string;
  /** performance.now() when the body had arrived, and when the response was over (sent or abandoned). */
  receivedAt?: number;
  settledAt?: number;
}

export type Reply =
  | { kind: 'text'; content: string; chunkSize?: number; delayMs?: number; usage?: FakeUsage; finishReason?: string }
  | { kind: 'status'; status: number; retryAfter?: number | string; retryAfterMs?: number; body?: unknown }
  /** Destroy the socket before any response header is written. */
  | { kind: 'reset' }
  /** Stream `after` content chunks of `content`, then destroy the socket. */
  | { kind: 'cut'; content: string; after: number; chunkSize?: number }
  /** Stream `after` content chunks, then go silent without ending (until the client aborts or close()). */
  | { kind: 'idle'; content: string; after: number; chunkSize?: number }
  | { kind: 'delay'; ms: number; then: Reply }
  /** Raw SSE `data:` payloads written as they are (no [DONE] added), for hand-built streams. */
  | { kind: 'sse'; events: string[]; delayMs?: number }
  /** Any body under any content type (an HTML proxy page, a web server on the wrong port). */
  | { kind: 'raw'; status?: number; contentType: string; body: string };

export type ReplyHandler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeServerOptions {
  handler?: ReplyHandler;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Ids GET /v1/models lists; null makes /models a 404, like servers that have no model list. */
  models?: string[] | null;
  /** When set, any request without `Authorization: Bearer <requireKey>` gets a 401, like a hosted API. */
  requireKey?: string;
  /** Default content chunk size in code points. */
  chunkSize?: number;
  /**
   * Answer the context-length questions one kind of server answers (for doctor):
   * llama.cpp `GET /props`, Ollama `POST /api/show`, vLLM `max_model_len` on /v1/models.
   */
  flavour?: ServerFlavour;
  /** The context length that flavour reports. Default 8192. */
  contextLength?: number;
  /** Answer every request, /models included, with this HTML page: a web server that is not an API. */
  htmlPage?: string;
}

export type ServerFlavour = 'llamacpp' | 'ollama' | 'vllm';

export interface FakeServer {
  /** Base URL including /v1, ready for the SDK's `baseURL`. */
  url: string;
  port: number;
  /** Every request in arrival order, recorded before its reply starts. */
  requests: RecordedRequest[];
  /** Chat requests only. */
  chatRequests(): RecordedRequest[];
  respond(handler: ReplyHandler): void;
  /** One-shot replies taken, in order, before the handler is consulted. */
  enqueue(...replies: Reply[]): void;
  close(): Promise<void>;
}

const DEFAULT_ERROR_MESSAGES: Record<number, string> = {
  400: 'Bad request.',
  401: 'Invalid API key.',
  403: 'Forbidden.',
  404: 'The model does not exist.',
  408: 'Request timeout.',
  429: 'Rate limit reached, slow down.',
  500: 'The server had an error while processing your request.',
  503: 'The server is overloaded.',
};

export async function startFakeOpenAI(options: FakeServerOptions = {}): Promise<FakeServer> {
  let handler: ReplyHandler = options.handler ?? defaultPersonaHandler;
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const models = options.models === undefined ? ['fake-model'] : options.models;
  const defaultChunkSize = options.chunkSize ?? 12;
  const contextLength = options.contextLength ?? 8192;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: parseJson(rawBody),
      rawBody,
      receivedAt: performance.now(),
    };
    res.once('close', () => (recorded.settledAt = performance.now()));
    requests.push(recorded);
    const path = recorded.path.split('?')[0] ?? '';

    if (options.htmlPage !== undefined) {
      sendRaw(res, 200, options.htmlPage, { 'content-type': 'text/html; charset=utf-8' });
      return;
    }
    if (options.requireKey && recorded.headers.authorization !== `Bearer ${options.requireKey}`) {
      // Echo the presented credentials, as some servers do: the client must redact them.
      const presented = recorded.headers.authorization ?? '(none)';
      sendJson(res, 401, { error: { message: `Incorrect API key provided: ${presented}`, type: 'invalid_request_error' } });
      return;
    }
    if (recorded.method === 'GET' && /\/models$/.test(path) && models) {
      const extra = options.flavour === 'vllm' ? { max_model_len: contextLength } : {};
      sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake', ...extra })) });
      return;
    }
    if (options.flavour === 'llamacpp' && recorded.method === 'GET' && path === '/props') {
      sendJson(res, 200, { default_generation_settings: { n_ctx: contextLength, temperature: 0.8 }, total_slots: 1, model_path: 'models/fake.gguf' });
      return;
    }
    if (options.flavour === 'ollama' && recorded.method === 'POST' && path === '/api/show') {
      sendJson(res, 200, { details: { family: 'fake', parameter_size: '1B' }, model_info: { 'general.architecture': 'fake', 'fake.context_length': contextLength } });
      return;
    }
    if (recorded.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
      sendJson(res, 404, { error: { message: `No route for ${recorded.method} ${path}`, type: 'invalid_request_error' } });
      return;
    }
    const reply = queue.shift() ?? (await handler(recorded));
    await play(reply, recorded, req, res);
  }

  async function play(reply: Reply, request: RecordedRequest, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const model = request.body.model ?? 'fake-model';
    const stream = request.body.stream === true;
    switch (reply.kind) {
      case 'delay':
        await sleepUnlessClosed(reply.ms, res);
        if (!res.destroyed) await play(reply.then, request, req, res);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'status': {
        const headers: Record<string, string> = {};
        if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
        if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
        const body = reply.body ?? {
          error: { message: DEFAULT_ERROR_MESSAGES[reply.status] ?? `Status ${reply.status}.`, type: 'fake_error', code: null },
        };
        sendJson(res, reply.status, body, headers);
        return;
      }
      case 'text': {
        const usage = reply.usage ?? { prompt_tokens: promptTokens(request.body), completion_tokens: roughTokens(reply.content) };
        const finish = reply.finishReason ?? 'stop';
        if (!stream) {
          if (reply.delayMs) await sleepUnlessClosed(reply.delayMs, res);
          sendRaw(res, 200, completionJson(reply.content, usage, model, finish));
          return;
        }
        startSse(res);
        const events = [
          ...contentChunks(reply.content, reply.chunkSize ?? defaultChunkSize, model),
          chunkJson({ finishReason: finish, model }),
        ];
        if (request.body.stream_options?.include_usage) events.push(usageChunkJson(usage, model));
        for (const event of events) {
          if (res.destroyed) return;
          await write(res, sseEvent(event));
          if (reply.delayMs) await sleepUnlessClosed(reply.delayMs, res);
        }
        await write(res, SSE_DONE);
        res.end();
        return;
      }
      case 'raw':
        sendRaw(res, reply.status ?? 200, reply.body, { 'content-type': reply.contentType });
        return;
      case 'sse':
        startSse(res);
        for (const event of reply.events) {
          if (res.destroyed) return;
          await write(res, sseEvent(event));
          if (reply.delayMs) await sleepUnlessClosed(reply.delayMs, res);
        }
        res.end();
        return;
      case 'cut':
      case 'idle': {
        startSse(res);
        const chunks = contentChunks(reply.content, reply.chunkSize ?? defaultChunkSize, model).slice(0, reply.after);
        for (const chunk of chunks) await write(res, sseEvent(chunk));
        // Idle: the response stays open until the client gives up or close() runs.
        if (reply.kind === 'cut') req.socket.destroy();
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    respond(next) {
      handler = next;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    close() {
      // Idle streams would keep server.close() waiting forever: drop every socket first.
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(raw: string): ChatBody {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' ? (value as ChatBody) : {};
  } catch {
    return {};
  }
}

/** The usage the server reports for a request when the reply does not set one. */
export function promptTokens(body: ChatBody): number {
  return roughTokens((body.messages ?? []).map((m) => m.content).join('\n'));
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

function sendRaw(res: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function startSse(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
}

function write(res: http.ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(text, () => resolve());
  });
}

/** Waits, but wakes early when the client has gone so no timer outlives the test. */
function sleepUnlessClosed(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
    res.on('close', done);
  });
}
