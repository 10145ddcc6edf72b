/**
 * Builds the openai SDK client for one endpoint, with the settings every use in
 * this app needs: no SDK retries (we retry ourselves), no console logging, a
 * placeholder key for servers that need none, URL credentials moved to a header.
 */
import OpenAI from 'openai';
import { describeEndpoint, urlCredentials } from './redact.js';
import type { Endpoint } from './types.js';

/** Key sent to servers that need none: the SDK refuses to build a client without one. */
export const PLACEHOLDER_API_KEY = 'not-needed';

export interface SdkHandle {
  sdk: OpenAI;
  /** Printable base URL (no credentials). */
  where: string;
  /** Everything that must be redacted from messages. */
  secrets: (string | undefined)[];
}

export function createSdk(endpoint: Endpoint, options: { timeoutMs: number; fetch?: typeof globalThis.fetch }): SdkHandle {
  // fetch refuses URLs with user:pass@, so they travel as a Basic header instead.
  const { baseURL, username, password } = urlCredentials(endpoint.baseURL);
  const basicAuth = username || password ? Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64') : undefined;
  const sdk = new OpenAI({
    baseURL,
    apiKey: endpoint.apiKey || PLACEHOLDER_API_KEY,
    // Only with no key: URL credentials then mean a reverse proxy in front of a local server.
    ...(basicAuth && !endpoint.apiKey ? { defaultHeaders: { Authorization: `Basic ${basicAuth}` } } : {}),
    // Never pick up an unrelated OpenAI org/project from the environment for a local server.
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: options.timeoutMs,
    // The SDK logs to the console by default, which would tear through a full-screen TUI.
    logLevel: 'off',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { sdk, where: describeEndpoint(endpoint.baseURL), secrets: [endpoint.apiKey, password, basicAuth] };
}
