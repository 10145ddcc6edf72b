import { resolveEndpoints, type EndpointFlags, type ResolvedEndpoints } from '../core/config/resolve-endpoints.js';
import { openSettings, type Settings } from '../core/config/settings.js';
import { createChatClient, type ChatClientOptions } from '../core/llm/client.js';
import type { ChatClient } from '../core/llm/types.js';

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

export type Configured = { ok: true; settings: Settings; endpoints: ResolvedEndpoints; store?: ReturnType<typeof openSettings> } | { ok: false; message: string };

/** Settings + environment + flags → where each role's requests go, or a message saying what is wrong. */
export function configure(flags: EndpointFlags, env: NodeJS.ProcessEnv = process.env): Configured {
  const opened = openSettings({ env });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const endpoints = resolveEndpoints(opened.settings, env, flags);
  return { ok: true, settings: opened.settings, endpoints, store: opened };
}
