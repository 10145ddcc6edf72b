import { createChatClient, type ChatClientOptions } from '../core/llm/client.js';
import type { LimiterRegistry } from '../core/llm/limiter.js';
import type { ChatClient, Endpoint } from '../core/llm/types.js';
import type { ResolvedEndpoints } from './endpoints.js';

export interface ClientSet {
  seeker: ChatClient;
  supporter: ChatClient;
  judge: ChatClient;
}

/**
 * One client per role; roles sharing an endpoint still get their own (cheap: the SDK pools sockets).
 * With `limiters`, every client to one endpoint shares that endpoint's rate limiter.
 */
export function createClients(endpoints: Pick<ResolvedEndpoints, 'seeker' | 'supporter' | 'judge'>, options: ChatClientOptions = {}, limiters?: LimiterRegistry): ClientSet {
  const client = (endpoint: Endpoint) => createChatClient(endpoint, limiters ? { ...options, limiter: limiters.for(endpoint.baseURL) } : options);
  return { seeker: client(endpoints.seeker), supporter: client(endpoints.supporter), judge: client(endpoints.judge) };
}
