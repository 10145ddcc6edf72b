import { openApplication, type JudgeReady } from './application.js';
import type { EndpointFlags } from './endpoints.js';
import type { JudgeClient } from './measurement.js';
import { appVersion } from '../core/package-info.js';
import { generateCandidates, importCandidates } from '../core/personas/generation/candidates.js';
import type { SourceText } from '../core/personas/generation/inputs.js';
import { runGeneration, type GenerationEvent, type GenerationSummary } from '../core/personas/generation/run.js';
import type { Role } from '../core/personas/schema.js';
import { bundledInventories, type Inventories } from '../core/traits/pipeline.js';

export type { GenerationEvent, GenerationSummary } from '../core/personas/generation/run.js';

/**
 * `personas generate` and `personas import FILE` through the application layer:
 * the model is the judge role's (every call is a measuring or card-writing call
 * at heart), reached on the server the settings, environment and flags name.
 */

/** The model that writes, reads and scores personas, once its server has answered. */
export async function openPersonaModel(flags: EndpointFlags = {}, env: NodeJS.ProcessEnv = process.env): Promise<JudgeReady> {
  const opened = openApplication({ env, flags, sessionsDir: null });
  if (!opened.ok) return { ok: false, message: opened.message };
  return opened.app.judge();
}

export interface PersonaRequest {
  method: 'generate' | 'import';
  role: Role;
  /** import: the descriptions; generate: the seeds. */
  texts: readonly SourceText[];
  /** Personas to keep; import defaults to one per description. */
  count?: number;
  seed: number;
  concurrency: number;
  outDir: string;
  /** Ids in use in the persona library. */
  takenIds: Iterable<string>;
  check: boolean;
  temperature: number;
  inventories?: Inventories;
  signal?: AbortSignal;
  bundledDir?: string;
  onEvent: (event: GenerationEvent) => void;
}

export async function makePersonas(model: JudgeClient, request: PersonaRequest): Promise<GenerationSummary> {
  const generate = request.method === 'generate';
  const target = request.count ?? request.texts.length;
  const candidates = generate ? generateCandidates(request.texts, request.role, request.seed, target) : importCandidates(request.texts, request.role, request.seed);
  return runGeneration({
    client: model,
    method: request.method,
    role: request.role,
    candidates,
    target,
    concurrency: request.concurrency,
    outDir: request.outDir,
    takenIds: request.takenIds,
    inventories: request.inventories ?? (await bundledInventories()),
    check: request.check,
    temperature: request.temperature,
    ...(generate ? { claimed: request.texts.map((t) => t.text) } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.bundledDir ? { bundledDir: request.bundledDir } : {}),
    appVersion: appVersion(),
    onEvent: request.onEvent,
  });
}
