import { createChatClient, type ChatClientOptions } from '../core/llm/client.js';
import type { ChatClient } from '../core/llm/types.js';
import type { ResolvedEndpoints } from './endpoints.js';

export interface ClientSet {
  seeker: ChatClient;
  supporter: ChatClient;
  judge: ChatClient;
}

/** One client per role; roles sharing an endpoint still get their own (cheap: the SDK pools sockets). */
export function createClients(endpoints: ResolvedEndpoints, options: ChatClientOptions = {}): ClientSet {
  return {
    seeker: createChatClient(endpoints.seeker, options),
    supporter: createChatClient(endpoints.supporter, options),
    judge: createChatClient(endpoints.judge, options),
  };
}

/** Clients handed out per endpoint, each made once: what two conversations running together share. */
export interface ClientPool {
  /** One client per role, the same client object for every role and every call that names the same endpoint. */
  clientsFor(endpoints: Pick<ResolvedEndpoints, 'seeker' | 'supporter' | 'judge'>): ClientSet;
  /** How many distinct clients (endpoints) it has made. */
  readonly size: number;
}

/**
 * Two conversations run side by side (a comparison) ask the same servers at once.
 * Sharing one client per endpoint (server, model and key) means whatever a client
 * does to pace its endpoint — retries, backoff, and the per-endpoint rate limiter
 * when it is wired into the client — sees both conversations' requests, never
 * two halves of them.
 */
export function createClientPool(options: ChatClientOptions = {}): ClientPool {
  const made = new Map<string, ChatClient>();
  const clientFor = (endpoint: ResolvedEndpoints['seeker']): ChatClient => {
    const key = JSON.stringify([endpoint.baseURL, endpoint.model, endpoint.apiKey ?? '']);
    let client = made.get(key);
    if (!client) {
      client = createChatClient(endpoint, options);
      made.set(key, client);
    }
    return client;
  };
  return {
    clientsFor: (endpoints) => ({ seeker: clientFor(endpoints.seeker), supporter: clientFor(endpoints.supporter), judge: clientFor(endpoints.judge) }),
    get size() {
      return made.size;
    },
  };
}
