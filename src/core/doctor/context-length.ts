/**
 * The context length, where the server says it. There is no OpenAI-compatible
 * way to ask, so each server is asked its own way:
 * - vLLM: `max_model_len` on its /v1/models entries (read by the caller);
 * - llama.cpp server: `GET /props` → default_generation_settings.n_ctx (the slot's context);
 * - Ollama: `POST /api/show {model}` → model_info["<arch>.context_length"] (the model's;
 *   the context Ollama actually allocates is its num_ctx, reported when the model sets one).
 * Every question is quick, optional and quiet: a server that does not know the
 * route answers 404 and we say "not reported".
 */
import type { Endpoint } from '../llm/types.js';

export interface ContextLength {
  tokens: number;
  source: string;
}

/** The server root: these routes live beside /v1, not under it. */
export function serverRoot(baseURL: string): string {
  return baseURL.replace(/\/+$/, '').replace(/\/v1$/i, '');
}

export function contextFromModelEntry(entry: unknown): ContextLength | undefined {
  const value = (entry as { max_model_len?: unknown } | undefined)?.max_model_len;
  return typeof value === 'number' && value > 0 ? { tokens: value, source: 'vLLM max_model_len in /v1/models' } : undefined;
}

export async function probeContextLength(
  endpoint: Endpoint,
  options: { fetch?: typeof globalThis.fetch; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ContextLength | undefined> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const root = serverRoot(endpoint.baseURL);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) };
  const ask = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    try {
      const signals = [AbortSignal.timeout(options.timeoutMs ?? 3_000), ...(options.signal ? [options.signal] : [])];
      const res = await doFetch(`${root}${path}`, { ...init, headers, signal: AbortSignal.any(signals) });
      if (!res.ok) return undefined;
      return (await res.json()) as unknown;
    } catch {
      return undefined;
    }
  };

  const props = (await ask('/props')) as { default_generation_settings?: { n_ctx?: unknown }; n_ctx?: unknown } | undefined;
  const nCtx = props?.default_generation_settings?.n_ctx ?? props?.n_ctx;
  if (typeof nCtx === 'number' && nCtx > 0) return { tokens: nCtx, source: 'llama.cpp /props n_ctx' };

  const show = (await ask('/api/show', { method: 'POST', body: JSON.stringify({ model: endpoint.model }) })) as
    | { model_info?: Record<string, unknown>; parameters?: unknown }
    | undefined;
  const numCtx = typeof show?.parameters === 'string' ? /(?:^|\n)\s*num_ctx\s+(\d+)/.exec(show.parameters)?.[1] : undefined;
  if (numCtx) return { tokens: Number(numCtx), source: 'Ollama num_ctx (/api/show parameters)' };
  const info = Object.entries(show?.model_info ?? {}).find(([key, value]) => key.endsWith('.context_length') && typeof value === 'number');
  if (info) return { tokens: info[1] as number, source: "Ollama /api/show model_info (the model's; Ollama may allocate less: num_ctx)" };
  return undefined;
}
