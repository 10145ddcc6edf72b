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
