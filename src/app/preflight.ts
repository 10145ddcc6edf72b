import { checkServer } from '../core/llm/check-server.js';
import type { Endpoint } from '../core/llm/types.js';
import type { ResolvedEndpoints } from './endpoints.js';
import { missingKeyMessage } from './messages.js';

/**
 * Why something did not start. `message` says what went wrong and what it means
 * for the user's work; `advice` is a paragraph a command line adds on how to fix
 * a server that does not answer (the terminal app has a screen for that instead).
 */
export type Refusal = { ok: false; message: string; advice?: string };

export type Preflight = { ok: true; models: string[] } | Refusal;

/**
 * One quick look before the first request, so "no key" or "no server" is one
 * clear message rather than a storm of retries: a key when the preset needs one,
 * then an answer from the server `endpoint` points at.
 */
export async function preflight(endpoints: ResolvedEndpoints, endpoint: Endpoint, advice: string): Promise<Preflight> {
  if (endpoints.missingKey) return { ok: false, message: missingKeyMessage(endpoints.preset) };
  const reachable = await checkServer(endpoint, { timeoutMs: 5_000 });
  return reachable.ok ? reachable : { ok: false, message: reachable.message, advice };
}

/** The refusal with what it meant added to its message ("No conversation was started."). */
export function refusedWith(refusal: Refusal, consequence: string): Refusal {
  return { ...refusal, message: `${refusal.message} ${consequence}` };
}
