/**
 * Everything the provider layer throws. Each message tells the user what
 * happened and what to do, in plain words; none ever contains the API key (the
 * client redacts before constructing them). `retryable` drives the client's own
 * retry loop; `partialText` keeps what had already streamed so no words are lost.
 */

export type LlmErrorKind =
  | 'connection'
  | 'auth'
  | 'rate-limited'
  | 'server'
  | 'bad-request'
  | 'stream-cut'
  | 'stream-idle'
  | 'cancelled';

export interface LlmErrorOptions {
  retryable?: boolean;
  /** The server asked for this wait before retrying (Retry-After). */
  retryAfterMs?: number;
  status?: number;
  partialText?: string;
  cause?: Error;
}

export abstract class LlmError extends Error {
  abstract readonly kind: LlmErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  /** Text that had streamed before the failure ('' when none). */
  readonly partialText: string;

  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, options.cause ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.partialText = options.partialText ?? '';
  }
}

/** The server could not be reached, refused the connection, reset it, or took too long to answer. */
export class ConnectionError extends LlmError {
  readonly kind = 'connection' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** 401/403: the key is missing, wrong, or lacks access to the model. */
export class AuthError extends LlmError {
  readonly kind = 'auth' as const;
}

/** 429 that outlasted the retries, or asked for a longer wait than we accept. */
export class RateLimitedError extends LlmError {
  readonly kind = 'rate-limited' as const;
  constructor(message: string, options: LlmErrorOptions = {}) {
    super(message, { retryable: true, ...options });
  }
}

/** 5xx, 408/409, or an error event inside the stream. */
export class ServerError extends LlmError {
  readonly kind = 'server' as const;
}

/** 400/404/422 and other 4xx: the request itself is wrong (unknown model, bad parameter). */
export class BadRequestError extends LlmError {
  readonly kind = 'bad-request' as const;
}

/** The connection dropped after content had started; retrying would duplicate words. */
export class StreamCutError extends LlmError {
  readonly kind = 'stream-cut' as const;
}

/** No bytes arrived for the idle timeout; the request was aborted by the watchdog. */
export class StreamIdleError extends LlmError {
  readonly kind = 'stream-idle' as const;
}

/** The caller's AbortSignal fired. */
export class CancelledError extends LlmError {
  readonly kind = 'cancelled' as const;
}
