import { createLocalClients, type LocalClients } from '../core/llm/local/index.js';
import { checkGgufFile } from '../core/llm/local/model-files.js';
import type { LlamaLogLevel } from '../core/llm/local/runtime-api.js';
import { cleanForDisplay } from '../core/sanitize.js';

/**
 * The one local model an Application runs on: loaded on first use, shared by
 * every role and every conversation of the run, and closed when the run ends.
 * llama.cpp's log lines are kept here (the last few hundred), never written to
 * the terminal: they would tear the terminal app's frame.
 */

export interface LocalHostOptions {
  env: NodeJS.ProcessEnv;
}

export interface LocalHost {
  /** The clients over `modelFile`, loading it the first time (another file replaces the loaded one). */
  clients(modelFile: string): Promise<LocalClients>;
  /** The loaded model's clients, if one is loaded. */
  loaded(): LocalClients | undefined;
  /** llama.cpp's log, oldest first: "warn: …". */
  log(): readonly string[];
  close(): Promise<void>;
}

const LOG_LINES = 200;

/** PERSONA_TALKS_LOCAL_CONTEXT and PERSONA_TALKS_LOCAL_THREADS: a whole number in range, or the default. */
export function localTuning(env: NodeJS.ProcessEnv): { contextSize?: number; threads?: number } {
  const read = (name: string, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new LocalTuningError(`${name} must be a whole number from ${min} to ${max} (got "${cleanForDisplay(raw)}").`);
    return n;
  };
  const contextSize = read('PERSONA_TALKS_LOCAL_CONTEXT', 512, 262_144);
  const threads = read('PERSONA_TALKS_LOCAL_THREADS', 1, 256);
  return { ...(contextSize ? { contextSize } : {}), ...(threads ? { threads } : {}) };
}

export class LocalTuningError extends Error {
  override readonly name = 'LocalTuningError';
}

export function createLocalHost(options: LocalHostOptions): LocalHost {
  const lines: string[] = [];
  const onLog = (level: LlamaLogLevel, message: string) => {
    for (const line of message.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      lines.push(`${level}: ${line}`);
      if (lines.length > LOG_LINES) lines.shift();
    }
  };
  let current: { file: string; clients: Promise<LocalClients> } | undefined;
  let settled: LocalClients | undefined;

  const load = async (modelFile: string): Promise<LocalClients> => {
    await checkGgufFile(modelFile);
    return createLocalClients({ modelFile, env: options.env, onLog, ...localTuning(options.env) });
  };

  return {
    async clients(modelFile) {
      if (current?.file !== modelFile) {
        const previous = current;
        current = undefined;
        settled = undefined;
        if (previous) await previous.clients.then((c) => c.close()).catch(() => undefined);
        const loading = load(modelFile);
        current = { file: modelFile, clients: loading };
        // A failed load is not kept: the next call tries again (after `local setup`, say).
        loading.then(
          (c) => {
            if (current?.clients === loading) settled = c;
          },
          () => {
            if (current?.clients === loading) current = undefined;
          },
        );
      }
      return current.clients;
    },
    loaded: () => settled,
    log: () => [...lines],
    async close() {
      const was = current;
      current = undefined;
      settled = undefined;
      if (was) await was.clients.then((c) => c.close()).catch(() => undefined);
    },
  };
}
