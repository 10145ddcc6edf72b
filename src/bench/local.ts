/**
 * The local model's figures, on the tiny test model (no weights to download;
 * with a model this small nearly all the time per token is software, so our
 * overhead shows at its largest):
 *
 * - overhead per generated token, our provider ÷ node-llama-cpp's own LlamaChat,
 *   and a cold start to the first streamed token in its parts, measured in a
 *   process of its own (local-provider.ts) so the runtime import is really cold;
 * - the app as a user starts it with the model installed: `persona-talks run
 *   --preset local`, spawn to the first streamed token, split at the session's
 *   start (process start and model load before it, the first prompt after it).
 *
 * Needs the llama.cpp runtime: $PERSONA_TALKS_RUNTIME_DIR, the user's data
 * folder, or the one the tests install under node_modules/.cache; without one
 * the figure is skipped and says how to get it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localPaths } from '../core/llm/local/paths.js';
import { runtimeInfo } from '../core/llm/local/runtime.js';
import { writeTinyModel } from '../devtools/tiny-gguf.js';
import { appHome, CLI, ROOT } from './app-env.js';
import type { LocalBenchResult } from './local-provider.js';
import type { BenchOptions } from './options.js';
import type { Figures } from './summary.js';

// The built file, also when this module runs from its source (the tests).
const PROVIDER_BENCH = join(ROOT, 'dist', 'bench', 'local-provider.js');

/** Where a runtime is installed, if anywhere this benchmark may look. */
export function benchRuntimeDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [localPaths(env).runtime, join(ROOT, 'node_modules', '.cache', 'persona-talks', 'local-runtime')];
  return candidates.find((dir) => runtimeInfo(dir).ready);
}

export async function measureLocal(o: BenchOptions, figures: Figures, progress: (text: string) => void): Promise<void> {
  const runtimeDir = benchRuntimeDir();
  if (!runtimeDir) {
    progress('local model: skipped, no llama.cpp runtime (`npm start -- local setup --runtime-only` installs one)');
    return;
  }
  progress('local model: per-token overhead and cold start, in a fresh process');
  const provider = JSON.parse(await output(process.execPath, [PROVIDER_BENCH, '--runtime', runtimeDir, '--runs', '15', '--json'], process.env)) as LocalBenchResult;
  const { json, text } = provider.perToken;
  figures.add('local', 'local model: per generated token, ours ÷ node-llama-cpp (JSON answer)', json.ratio);
  figures.add('local json ours', 'ours, ms per token', json.provider, { detail: true, unit: 'ms', digits: 3 });
  figures.add('local json direct', 'node-llama-cpp LlamaChat, ms per token', json.direct, { detail: true, unit: 'ms', digits: 3 });
  figures.add('local text', 'local model: per generated token, ours ÷ node-llama-cpp (free text)', text.ratio);
  const f = provider.firstToken;
  figures.add('local cold', 'local model: cold start to first streamed token, in process', f.totalMs, { unit: 'ms', digits: 0 });
  const parts: [string, string, number][] = [
    ['runtime', 'import node-llama-cpp', f.runtimeMs],
    ['llama', 'start llama.cpp', f.llamaMs],
    ['model', 'load the model', f.modelMs],
    ['context', 'create the context', f.contextMs],
    ['template', 'recognise the chat template', f.templateMs],
    ['prompt', 'first prompt (template, grammar, prefill)', f.promptMs],
    ['token', 'first token', f.firstTokenMs],
  ];
  for (const [id, label, ms] of parts) figures.add(`local cold ${id}`, label, ms, { detail: true, unit: 'ms', digits: 0 });

  progress('local model: `persona-talks run --preset local`, spawn to the first streamed token');
  const start = await cliFirstToken(runtimeDir, o);
  figures.add('local cli', 'local model: `run --preset local`, spawn to first streamed token', start.firstTokenMs, { unit: 'ms', digits: 0 });
  figures.add('local cli load', 'to the session start (Node, the app, runtime, model load)', start.sessionMs, { detail: true, unit: 'ms', digits: 0 });
  figures.add('local cli prompt', 'then the first prompt to its first token', start.firstTokenMs - start.sessionMs, { detail: true, unit: 'ms', digits: 0 });
}

/** Spawns a headless run on the tiny model and times its NDJSON events from the spawn. */
async function cliFirstToken(runtimeDir: string, o: BenchOptions): Promise<{ sessionMs: number; firstTokenMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-local-'));
  const model = join(dir, 'tiny.gguf');
  await writeTinyModel(model);
  const home = appHome('http://127.0.0.1:9/v1');
  try {
    const env = {
      ...home.env,
      PERSONA_TALKS_RUNTIME_DIR: runtimeDir,
      PERSONA_TALKS_MODELS_DIR: dir,
      // The tiny model's vocabulary is bytes: a prompt takes a token per character.
      PERSONA_TALKS_LOCAL_CONTEXT: '16384',
      PERSONA_TALKS_LOCAL_THREADS: '1',
    };
    const args = [CLI, 'run', '--preset', 'local', '--model-file', model, '--seeker', o.seeker, '--supporter', o.supporter, '--turns', '2', '--judge-cadence', '0', '--no-classifier', '--json'];
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let sessionMs: number | undefined;
    let firstTokenMs: number | undefined;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const now = performance.now() - started;
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const type = (JSON.parse(line) as { type: string }).type;
        if (type === 'session-started') sessionMs ??= now;
        if (type === 'text-delta') firstTokenMs ??= now;
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0 || sessionMs === undefined || firstTokenMs === undefined) throw new Error(`the local run failed (exit ${code}): ${stderr.trim()}`);
    return { sessionMs, firstTokenMs };
  } finally {
    home.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

function output(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args[0]} failed (exit ${code}): ${err.trim()}`))));
  });
}
