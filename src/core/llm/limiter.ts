/**
 * One limiter per endpoint, shared by every client that sends requests there:
 * requests per minute, tokens per minute, and a shared pause.
 *
 * Why shared: a rate limit belongs to the server (or the account), not to one
 * conversation. When 64 conversations run against one server and one of them
 * gets a 429 with Retry-After, the other 63 would hit the same wall; the pause
 * holds every caller on that endpoint until the time the server named.
 *
 * Why our own: the libraries made for this (bottleneck, p-queue, limiter) count
 * requests or a fixed cost per job; none counts a token budget whose cost is
 * only known after the reply (the usage chunk), nor takes a pause from outside.
 * The window is a sliding minute, which is what "N per minute" means to a person
 * reading a provider's limits page.
 */

export interface RateLimits {
  requestsPerMinute?: number;
  tokensPerMinute?: number;
}

/** A granted request: tell it what the request really cost once the usage is known. */
export interface Permit {
  settle(actualTokens: number | undefined): void;
}

export interface EndpointLimiter {
  /** Waits for room in both budgets and for any pause to pass; rejects with `onAbort()` if the signal fires first. */
  acquire(estimatedTokens: number, signal?: AbortSignal, onAbort?: () => Error): Promise<Permit>;
  /** The server asked to wait (a 429 with Retry-After): every caller on this endpoint waits that long. */
  pauseFor(ms: number): void;
  /** Epoch ms until which callers are held (0 when not paused). */
  readonly pausedUntil: number;
  /** Callers waiting right now. */
  readonly waiting: number;
}

const MINUTE = 60_000;

interface Sent {
  at: number;
  tokens: number;
}

interface Waiter {
  tokens: number;
  resolve: (permit: Permit) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort: () => void;
}

export function createLimiter(limits: RateLimits = {}, now: () => number = Date.now): EndpointLimiter {
  const sent: Sent[] = [];
  const queue: Waiter[] = [];
  let pausedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const forget = (t: number) => {
    while (sent.length > 0 && sent[0]!.at <= t - MINUTE) sent.shift();
  };
  const usedTokens = () => sent.reduce((sum, s) => sum + s.tokens, 0);

  /** When the head of the queue may go: now, or the earliest time something changes. */
  function readyAt(tokens: number, t: number): number {
    let at = Math.max(t, pausedUntil);
    const rpm = limits.requestsPerMinute;
    if (rpm !== undefined && sent.length >= rpm) at = Math.max(at, sent[sent.length - rpm]!.at + MINUTE);
    const tpm = limits.tokensPerMinute;
    // A request bigger than the whole budget still goes, alone, once the window is empty.
    if (tpm !== undefined && sent.length > 0 && usedTokens() + tokens > tpm) {
      let freed = usedTokens() + tokens - tpm;
      for (const s of sent) {
        freed -= s.tokens;
        if (freed <= 0) {
          at = Math.max(at, s.at + MINUTE);
          break;
        }
      }
      if (freed > 0) at = Math.max(at, sent[sent.length - 1]!.at + MINUTE);
    }
    return at;
  }

  // Without budgets only the shared pause applies: nothing to count, so nothing is kept
  // (at 256 conversations a minute of requests would be tens of thousands of entries).
  const counting = limits.requestsPerMinute !== undefined || limits.tokensPerMinute !== undefined;

  function grant(tokens: number, t: number): Permit {
    const entry: Sent = { at: t, tokens };
    if (counting) sent.push(entry);
    return {
      settle(actual) {
        if (actual !== undefined && Number.isFinite(actual) && actual >= 0) entry.tokens = actual;
        pump();
      },
    };
  }

  function pump(): void {
    clearTimeout(timer);
    timer = undefined;
    for (;;) {
      const head = queue[0];
      if (!head) return;
      const t = now();
      forget(t);
      const at = readyAt(head.tokens, t);
      if (at > t) {
        timer = setTimeout(pump, at - t);
        // A waiting limiter alone must not keep a finished program alive.
        timer.unref?.();
        return;
      }
      queue.shift();
      head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve(grant(head.tokens, t));
    }
  }

  return {
    acquire(tokens, signal, onAbort = () => new Error('cancelled while waiting for the rate limit')) {
      if (signal?.aborted) return Promise.reject(onAbort());
      return new Promise<Permit>((resolve, reject) => {
        const waiter: Waiter = {
          tokens: Math.max(0, tokens),
          resolve,
          reject,
          signal,
          onAbort: () => {
            const i = queue.indexOf(waiter);
            if (i >= 0) queue.splice(i, 1);
            reject(onAbort());
            pump();
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
    pauseFor(ms) {
      if (!(ms > 0)) return;
      pausedUntil = Math.max(pausedUntil, now() + ms);
      pump();
    },
    get pausedUntil() {
      return pausedUntil > now() ? pausedUntil : 0;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** The limiters of a run, one per endpoint (by base URL), made on first use with that endpoint's limits. */
export class LimiterRegistry {
  private readonly byEndpoint = new Map<string, EndpointLimiter>();

  constructor(private readonly limits: Readonly<Record<string, RateLimits>> = {}) {}

  for(baseURL: string): EndpointLimiter {
    const key = endpointKey(baseURL);
    let limiter = this.byEndpoint.get(key);
    if (!limiter) {
      const configured = Object.entries(this.limits).find(([url]) => endpointKey(url) === key)?.[1];
      limiter = createLimiter(configured ?? {});
      this.byEndpoint.set(key, limiter);
    }
    return limiter;
  }
}

/** "http://Host:80/v1/" and "http://host:80/v1" are one endpoint. */
export function endpointKey(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseURL.trim().replace(/\/+$/, '');
  }
}

/** A request's cost before it is sent: its text at about four characters a token, plus the reply it may get. */
export function estimateTokens(messages: readonly { content: string }[], maxTokens: number | undefined): number {
  const chars = messages.reduce((sum, m) => sum + m.content.length, 0);
  return Math.ceil(chars / 4) + (maxTokens ?? 256);
}
