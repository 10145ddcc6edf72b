import { createChatClient, type ChatClientOptions } from '../core/llm/client.js';
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
 * on it (the judge's waits for the agents').
 */
export function createClients(endpoints: ResolvedEndpoints, options: ChatClientOptions = {}, local?: ClientSet): ClientSet {
  const client = (role: Role): ChatClient => {
    const endpoint = endpoints[role];
    if (!isLocalEndpoint(endpoint)) return createChatClient(endpoint, options);
    if (!local) throw new Error(`The ${role} runs on the local model, which is not loaded.`); // the preflight loads it first
    return local[role];
  };
  return { seeker: client('seeker'), supporter: client('supporter'), judge: client('judge') };
}
