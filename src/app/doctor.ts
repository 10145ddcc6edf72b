import { doctorReportLines, runDoctor, type DoctorReport } from '../core/doctor/index.js';
import type { Endpoint } from '../core/llm/types.js';
import type { Application } from './application.js';
import { isLocalEndpoint } from './endpoints.js';
import { missingKeyMessage } from './messages.js';
import type { Refusal } from './preflight.js';

export { doctorReportLines, type DoctorReport };

/**
 * `doctor` for the front ends: which models to check (each distinct server and
 * model the roles use, as the settings, environment and flags stand), and the
 * check of one. The probes themselves are core/doctor's.
 */

export type ModelsToCheck = { ok: true; endpoints: Endpoint[] } | Refusal;

export function modelsToCheck(app: Application): ModelsToCheck {
  const resolved = app.endpoints();
  if (resolved.missingKey) return { ok: false, message: missingKeyMessage(resolved.preset) };
  return { ok: true, endpoints: distinct([resolved.seeker, resolved.supporter, resolved.judge]) };
}

/**
 * Checks one server and model; never throws for anything the server does (a failure is a check in
 * the report). The local model is loaded (once for the run) and probed through its own client.
 */
export async function checkModel(app: Application, endpoint: Endpoint, options: { fetch?: typeof globalThis.fetch; requestTimeoutMs?: number } = {}): Promise<DoctorReport> {
  if (!isLocalEndpoint(endpoint)) {
    return runDoctor(endpoint, {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.requestTimeoutMs !== undefined ? { clientOptions: { requestTimeoutMs: options.requestTimeoutMs } } : {}),
    });
  }
  const connected = await app.connect(app.endpoints());
  if (!connected.ok) return runDoctor(endpoint, { local: { problem: connected.message } });
  const run = connected.local;
  const loaded = run ? `${run.model} loaded in the app, on the ${run.device}` : `${endpoint.model} loaded in the app`;
  return runDoctor(endpoint, { local: { client: connected.clients.supporter, contextLength: run?.contextSize ?? 0, loaded } });
}

/** Roles sharing a server and model are checked once. */
function distinct(endpoints: Endpoint[]): Endpoint[] {
  const seen = new Set<string>();
  return endpoints.filter((e) => {
    const key = `${e.baseURL}\n${e.model}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
