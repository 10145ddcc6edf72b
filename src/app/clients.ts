import { createChatClient, type ChatClientOptions } from '../core/llm/client.js';
import { createEndpointLimit, defaultConcurrency, limitedClient } from '../core/llm/endpoint-limiter.js';
import type { LimiterRegistry } from '../core/llm/limiter.js';
import type { ChatClient, Role } from '../core/llm/types.js';
import { isLocalEndpoint, type ResolvedEndpoints } from './endpoints.js';

export interface ClientSet {
  seeker: ChatClient;
  supporter: ChatClient;
  judge: ChatClient;
}

/**
 * One client per role, of the kind its endpoint needs: the openai SDK for a
 * server (roles sharing one still get their own: cheap, the SDK pools sockets),
 * or the model inside the app, whose clients are shared by every role that runs
 * on it (the judge's waits for the agents'). With `limiters`, every client to
 * one server endpoint shares that endpoint's rate limiter.
 */
export function createClients(
  endpoints: Pick<ResolvedEndpoints, 'seeker' | 'supporter' | 'judge'>,
  options: ChatClientOptions = {},
  extra: { local?: ClientSet | undefined; limiters?: LimiterRegistry | undefined } = {},
): ClientSet {
  const { local, limiters } = extra;
  const client = (role: Role): ChatClient => {
    const endpoint = endpoints[role];
    if (!isLocalEndpoint(endpoint)) return createChatClient(endpoint, limiters ? { ...options, limiter: limiters.for(endpoint.baseURL) } : options);
    if (!local) throw new Error(`The ${role} runs on the local model, which is not loaded.`); // the preflight loads it first
    return local[role];
  };
  return { seeker: client('seeker'), supporter: client('supporter'), judge: client('judge') };
}

/** Clients handed out per endpoint, each made once: what two conversations running together share. */
export interface ClientPool {
  /** One client per role, the same client object for every role and every call that names the same endpoint. */
  clientsFor(endpoints: Pick<ResolvedEndpoints, 'seeker' | 'supporter' | 'judge'>): ClientSet;
  /** The loaded model inside the app: the clients for every role whose endpoint is local (its own scheduler shares it). */
  useLocal(clients: ClientSet): void;
  /** How many distinct clients (endpoints) it has made. */
  readonly size: number;
}

export interface ClientPoolOptions extends ChatClientOptions {
  /** Requests a server gets at once, by its base URL (default: one for a server on this machine or network, no limit for a hosted API). */
  concurrency?: (baseURL: string) => number;
}

/**
 * Two conversations run side by side (a comparison) ask the same servers at once.
 * Sharing one client per endpoint (server, model and key) means whatever a client
 * does to pace its endpoint (retries, backoff after a 429) sees both conversations'
 * requests, never two halves of them. And every client of one server goes through
 * that server's one limit, so a local model is never asked for two things at once,
 * whichever side and role asks. (The in-app model has a base URL that is no URL:
 * its own scheduler already runs one step at a time, agents first.)
 */
export function createClientPool(options: ClientPoolOptions = {}): ClientPool {
  const { concurrency = defaultConcurrency, ...clientOptions } = options;
  const made = new Map<string, ChatClient>();
  const limits = new Map<string, ReturnType<typeof createEndpointLimit>>();
  const limitFor = (baseURL: string) => {
    const most = concurrency(baseURL);
    if (!Number.isFinite(most)) return undefined;
    let limit = limits.get(baseURL);
    if (!limit) {
      limit = createEndpointLimit(Math.max(1, Math.floor(most)));
      limits.set(baseURL, limit);
    }
    return limit;
  };
  let local: ClientSet | undefined;
  const clientFor = (endpoint: ResolvedEndpoints['seeker']): ChatClient => {
    const key = JSON.stringify([endpoint.baseURL, endpoint.model, endpoint.apiKey ?? '']);
    let client = made.get(key);
    if (!client) {
      const limit = limitFor(endpoint.baseURL);
      const plain = createChatClient(endpoint, clientOptions);
      client = limit ? limitedClient(plain, limit) : plain;
      made.set(key, client);
    }
    return client;
  };
  return {
    clientsFor(endpoints) {
      const forRole = (role: Role): ChatClient => {
        const endpoint = endpoints[role];
        if (!isLocalEndpoint(endpoint)) return clientFor(endpoint);
        if (!local) throw new Error(`The ${role} runs on the local model, which is not loaded.`); // the preflight loads it first
        return local[role];
      };
      return { seeker: forRole('seeker'), supporter: forRole('supporter'), judge: forRole('judge') };
    },
    useLocal(clients) {
      local = clients;
    },
    get size() {
      return made.size;
    },
  };
}
