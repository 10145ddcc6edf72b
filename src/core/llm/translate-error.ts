/**
 * Turns whatever the openai SDK (or fetch underneath it) threw into one of our
 * LlmErrors with a message that says what to do. Server-provided text is
 * untrusted: it is redacted, stripped of control characters and shortened.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import { cleanForDisplay } from '../sanitize.js';
import {
  AuthError,
  BadRequestError,
  ConnectionError,
  LlmError,
  RateLimitedError,
  ServerError,
  StreamCutError,
} from './errors.js';
import { redact } from './redact.js';
import { isRetryableStatus, retryAfterMs } from './retry-policy.js';

export interface ErrorContext {
  /** describeEndpoint(baseURL): printable, no credentials. */
  where: string;
  model: string;
  secrets: readonly (string | undefined)[];
  /** Content delivered so far in this attempt. */
  partialText: string;
  /** The request timeout a chat request ran under, for a message that names it. */
  requestTimeoutMs?: number;
}

const MAX_SERVER_TEXT = 300;

export function safeServerText(text: string, secrets: readonly (string | undefined)[]): string {
  const clean = cleanForDisplay(redact(text, secrets)).replace(/\s+/g, ' ').trim();
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT)}…` : clean;
}

/** A stand-in for the original error, carrying only redacted text (the original may hold request details). */
function safeCause(error: unknown, secrets: readonly (string | undefined)[]): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const inner = original.cause instanceof Error ? `: ${original.cause.message}` : '';
  const cause = new Error(safeServerText(`${original.message}${inner}`, secrets));
  cause.name = original.name;
  return cause;
}

function serverMessage(error: APIError, secrets: readonly (string | undefined)[]): string {
  const body = error.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === 'string' ? body.message : error.message.replace(/^\d{3}\s*/, '');
  return safeServerText(raw, secrets);
}

export function translateError(error: unknown, ctx: ErrorContext): LlmError {
  if (error instanceof LlmError) return error;
  const cause = safeCause(error, ctx.secrets);
  const { where, partialText } = ctx;

  if (partialText && !(error instanceof APIError && error.status)) {
    // Content had started: whatever went wrong, the reply is incomplete and must not be retried blindly.
    // What happens next is the caller's: an agent turn starts over, a judge call is dropped.
    // Either way the unfinished words are not used, so the message must not promise them.
    return new StreamCutError(
      `The connection to ${where} dropped mid-reply after ${partialText.length} characters (${cause.message}); ` +
        'the unfinished reply is discarded.',
      { partialText, cause },
    );
  }
  if (error instanceof APIUserAbortError) {
    // An abort we did not ask for (the caller's signal is checked before this): treat as a dropped connection.
    return new ConnectionError(`The request to ${where} was aborted before it finished. Try again.`, { cause });
  }
  if (error instanceof APIConnectionTimeoutError) {
    // Not retried: a server that let the whole timeout pass will most likely do it again,
    // and retrying would multiply the wait the user chose.
    if (ctx.requestTimeoutMs === undefined) {
      return new ConnectionError(`The model server at ${where} did not answer in time. Check that it is running and not overloaded.`, { cause, retryable: false });
    }
    return new ConnectionError(
      `The model server at ${where} did not start answering within the request timeout (${duration(ctx.requestTimeoutMs)}). ` +
        'Check that it is running, not overloaded and serving this model, or raise the timeout with ' +
        '--request-timeout SECONDS or the requestTimeout setting.',
      { cause, retryable: false },
    );
  }
  if (error instanceof APIConnectionError) {
    const reason = connectionReason(error);
    if (reason?.dropped) {
      // Something answered and then hung up: the server is there, starting it is not the advice.
      return new ConnectionError(
        `The model server at ${where} closed the connection before replying (${reason.text}). It may be restarting or overloaded.`,
        { cause },
      );
    }
    return new ConnectionError(
      `Could not reach the model server at ${where} (${reason?.text ?? cause.message}). Start the server, or point the app at ` +
        'another one with --base-url or PERSONA_TALKS_BASE_URL.',
      { cause },
    );
  }
  if (error instanceof APIError) {
    return fromStatus(error, ctx, cause);
  }
  if (error instanceof SyntaxError) {
    return new ServerError(`The model server at ${where} sent a malformed stream (${cause.message}). Try again.`, {
      retryable: true,
      cause,
    });
  }
  // fetch's own "terminated"/socket errors before any content: the connection dropped, try again.
  return new ConnectionError(
    `The connection to ${where} dropped before the reply started (${cause.message}). Try again.`,
    { cause },
  );
}

function fromStatus(error: APIError, ctx: ErrorContext, cause: Error): LlmError {
  const { where, model } = ctx;
  const status = error.status;
  const detail = serverMessage(error, ctx.secrets);
  if (status === undefined) {
    // An error event inside an SSE stream: no status, but the server said what went wrong.
    return new ServerError(`The model server at ${where} reported an error: ${detail}. Try again.`, {
      retryable: true,
      cause,
    });
  }
  const waitMs = retryAfterMs(error.headers);
  const common = { status, cause, retryAfterMs: waitMs };
  if (status === 401 || status === 403) {
    return new AuthError(
      `The model server at ${where} refused the credentials (${status}: ${detail}). ` +
        'Set a valid API key in PERSONA_TALKS_API_KEY or OPENAI_API_KEY, or check the key has access to this model.',
      common,
    );
  }
  if (status === 429) {
    return new RateLimitedError(
      `The model server at ${where} is rate-limiting requests (429: ${detail}). Wait a little, lower batch ` +
        'concurrency, or use another model.',
      common,
    );
  }
  if (isRetryableStatus(status)) {
    return new ServerError(`The model server at ${where} failed (${status}: ${detail}). It may be overloaded; try again.`, {
      ...common,
      retryable: true,
    });
  }
  const hint =
    status === 404
      ? `Check the model name "${safeServerText(model, ctx.secrets)}" (--model or PERSONA_TALKS_MODEL) and the base URL.`
      : 'Check the model name and settings.';
  return new BadRequestError(`The model server at ${where} refused the request (${status}: ${detail}). ${hint}`, common);
}

/** 150 → "150 ms", 60000 → "60 s". */
function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing is listening there',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
  EPIPE: 'connection broken',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'the other side closed the socket',
  UND_ERR_CLOSED: 'the other side closed the socket',
};

/** Codes that mean a server was reached and then let go, as opposed to nothing being there. */
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** The socket-level reason under the SDK's generic "Connection error." (fetch nests it in `cause`). */
function connectionReason(error: unknown): { text: string; dropped: boolean } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && SOCKET_CODES[code]) return { text: SOCKET_CODES[code], dropped: DROPPED_CODES.has(code) };
    // fetch never dials a port on the Fetch standard's blocked list (9, 25, 6000…): it says only "bad port".
    if (current instanceof Error && current.message === 'bad port') return { text: 'fetch refuses to connect to this port (it is on the blocked-ports list); use another port', dropped: false };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
