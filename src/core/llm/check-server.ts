/**
 * "Is anything listening?" — GET /models against an endpoint, for the TUI's
 * no-server screen and `doctor`-style checks. Never throws; the message says what to do.
 */
import { notApiResponse } from './api-response.js';
import { LlmError } from './errors.js';
import { createSdk } from './sdk.js';
import { translateError } from './translate-error.js';
import type { Endpoint } from './types.js';

export type ServerCheck = { ok: true; models: string[] } | { ok: false; message: string };

export async function checkServer(
  endpoint: Endpoint,
  options: { signal?: AbortSignal; timeoutMs?: number; fetch?: typeof globalThis.fetch } = {},
): Promise<ServerCheck> {
  const { sdk, where, secrets } = createSdk(endpoint, { timeoutMs: options.timeoutMs ?? 5_000, fetch: options.fetch });
  try {
    const { data: page, response } = await sdk.models.list({ signal: options.signal }).withResponse();
    const notApi = notApiResponse(response, where);
    if (notApi) return { ok: false, message: notApi.message };
    return { ok: true, models: page.data.map((model) => model.id) };
  } catch (error) {
    if (options.signal?.aborted) return { ok: false, message: 'The server check was cancelled.' };
    const failure = error instanceof LlmError ? error : translateError(error, { where, model: endpoint.model, secrets, partialText: '' });
    // It answered, it just has no model list (some servers skip /models): reachable is what we asked.
    if (failure.kind === 'bad-request' && (failure.status === 404 || failure.status === 405)) return { ok: true, models: [] };
    return { ok: false, message: failure.message };
  }
}
