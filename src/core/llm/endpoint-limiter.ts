import pLimit, { type LimitFunction } from 'p-limit';
import { CancelledError } from './errors.js';
import type { ChatClient } from './types.js';

/**
 * How many requests a server gets at once when two conversations share it. A
 * server on this machine or the local network is usually one model on one GPU:
 * two requests at once would make it swap or split its context between them, so
 * it gets one at a time. A hosted API serves many at once and answers too many
 * with a 429, which the client's retries and backoff already pace.
 */
export function defaultConcurrency(baseURL: string): number {
  return isNearbyServer(baseURL) ? 1 : Number.POSITIVE_INFINITY;
}

/** A server on loopback or a private network (by its host name or address). */
export function isNearbyServer(baseURL: string): boolean {
  let host: string;
  try {
    host = new URL(baseURL).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === '::1' || host === '0.0.0.0') return true;
  if (/^(fc|fd)[0-9a-f]{2}:/.test(host) || host.startsWith('fe80:')) return true;
  const ipv4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (!ipv4) return false;
  const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
}

/** One server's share: at most `concurrency` requests running, the rest waiting in order of asking. */
export function createEndpointLimit(concurrency: number): LimitFunction {
  return pLimit(concurrency);
}

/**
 * `client` with its requests passed through `limit`. A request that is cancelled
 * while it waits for its turn is given up at once (CancelledError) and never sent,
 * so stopping one side never waits for the other side's request to finish.
 */
export function limitedClient(client: ChatClient, limit: LimitFunction): ChatClient {
  return {
    endpoint: client.endpoint,
    chat(request, hooks = {}) {
      const { signal } = hooks;
      if (signal?.aborted) return Promise.reject(new CancelledError('The request was cancelled.'));
      let started = false;
      const queued = limit(() => {
        started = true;
        if (signal?.aborted) throw new CancelledError('The request was cancelled.');
        return client.chat(request, hooks);
      });
      if (!signal) return queued;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          // Once sent, the client ends the request on the same signal and says how.
          if (!started) reject(new CancelledError('The request was cancelled while it waited for the server.'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        queued.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}
