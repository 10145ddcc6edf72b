/**
 * The local provider's cost, measured on the tiny test model (no real weights
 * are needed, and with a model this small nearly all the time per token is
 * software, so any overhead of ours shows at its largest):
 *
 * 1. Overhead per generated token: the same prompt, grammar and sampling
 *    through our provider (chat template, scheduler, prefix reuse, streaming
 *    text) and through node-llama-cpp's own LlamaChat, alternated run by run;
 *    median milliseconds per token after the first, and their ratio.
 * 2. Time to the first streamed token from a cold start, in parts: importing
 *    the runtime, starting llama.cpp, loading the model, creating the context,
 *    then the first prompt (template + evaluation) and the first token.
 *
 * Standalone: `node dist/bench/local-provider.js [--runtime DIR] [--runs N] [--json]`
 * (the runtime from `persona-talks local setup --runtime-only`, or
 * $PERSONA_TALKS_RUNTIME_DIR); `npm run bench` runs it in a process of its own
 * (src/bench/local.ts), so the cold start is really cold.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPPORTER_OUTPUT_SCHEMA } from '../core/prompts/agents.js';
import { chatHistory, LocalModel } from '../core/llm/local/local-model.js';
import { localPaths } from '../core/llm/local/paths.js';
import { loadRuntime, runtimeInfo } from '../core/llm/local/runtime.js';
import type { LlamaLike, NodeLlamaCpp } from '../core/llm/local/runtime-api.js';
import type { ChatMessage, ChatResult, JsonSchemaFormat } from '../core/llm/types.js';
import { localChatClient } from '../core/llm/local/local-client.js';
import { writeTinyModel } from '../devtools/tiny-gguf.js';

export interface LocalBenchResult {
  /** Milliseconds per generated token, median over runs. */
  perToken: { json: { provider: number; direct: number; ratio: number }; text: { provider: number; direct: number; ratio: number } };
  firstToken: { runtimeMs: number; llamaMs: number; modelMs: number; contextMs: number; templateMs: number; promptMs: number; firstTokenMs: number; totalMs: number };
  runs: number;
}

const PROMPT: ChatMessage[] = [
  { role: 'system', content: 'You are a warm, patient supporter in an emotional-support chat. Answer in JSON.' },
  { role: 'user', content: 'Since the night shifts started I sleep four hours a day and I am tired of everything.' },
];
// What the provider uses when asked for temperature 0.7; given to LlamaChat explicitly.
const SAMPLING = { temperature: 0.7, topK: 40, topP: 0.95 };

export async function benchLocalProvider(options: { runtimeDir: string; runs?: number; threads?: number }): Promise<LocalBenchResult> {
  const runs = options.runs ?? 15;
  const dir = mkdtempSync(join(tmpdir(), 'pt-local-bench-'));
  const modelFile = join(dir, 'tiny.gguf');
  await writeTinyModel(modelFile);
  const threads = options.threads ?? 1;
  try {
    // 2. Cold start to the first streamed token (this process has not imported the runtime yet).
    const coldStart = performance.now();
    const model = await LocalModel.load({ modelFile, runtimeDir: options.runtimeDir, threads, contextSize: 4096 });
    let firstDelta: number | undefined;
    const first = await model.complete({ messages: PROMPT, jsonSchema: SUPPORTER_OUTPUT_SCHEMA, seed: 1, ...SAMPLING }, 'agent', {
      onDelta: () => (firstDelta ??= performance.now()),
    });
    const loaded = model.timings;
    const loadMs = loaded.runtimeMs + loaded.llamaMs + loaded.modelMs + loaded.contextMs + loaded.templateMs;
    const totalMs = (firstDelta ?? performance.now()) - coldStart;
    const firstToken = { ...loaded, promptMs: first.promptMs, firstTokenMs: totalMs - loadMs - first.promptMs, totalMs };

    // 1. Per-token cost, ours and node-llama-cpp's own chat loop, on one model and context.
    const runtime = await loadRuntime(options.runtimeDir);
    const direct = await DirectChat.open(runtime, modelFile, threads);
    const client = localChatClient(model, 'agent');
    const json: { provider: number[]; direct: number[] } = { provider: [], direct: [] };
    const text: { provider: number[]; direct: number[] } = { provider: [], direct: [] };
    for (let run = 0; run < runs; run++) {
      const seed = 100 + run;
      json.provider.push(perToken(await client.chat({ messages: PROMPT, jsonSchema: SUPPORTER_OUTPUT_SCHEMA, seed, temperature: SAMPLING.temperature }, { onDelta: () => undefined })));
      json.direct.push(await direct.perToken(PROMPT, SUPPORTER_OUTPUT_SCHEMA, seed));
      text.provider.push(perToken(await client.chat({ messages: PROMPT, seed, maxTokens: 200, temperature: SAMPLING.temperature }, { onDelta: () => undefined })));
      text.direct.push(await direct.perToken(PROMPT, undefined, seed, 200));
    }
    await direct.close();
    await model.dispose();
    const pair = (p: number[], d: number[]) => ({ provider: median(p), direct: median(d), ratio: median(p) / median(d) });
    return { perToken: { json: pair(json.provider, json.direct), text: pair(text.provider, text.direct) }, firstToken, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Through the ChatClient the app uses: from the first streamed text to the end, per token after the first. */
function perToken(done: ChatResult): number {
  return (done.latencyMs - (done.firstTokenMs ?? done.latencyMs)) / Math.max(1, (done.usage?.completionTokens ?? 1) - 1);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** node-llama-cpp used directly, as its documentation shows: LlamaChat on a context sequence. */
class DirectChat {
  private constructor(
    private readonly llama: LlamaLike,
    private readonly chat: InstanceType<NodeLlamaCpp['LlamaChat']>,
    readonly close: () => Promise<void>,
  ) {}

  static async open(runtime: NodeLlamaCpp, modelFile: string, threads: number): Promise<DirectChat> {
    const llama = await runtime.getLlama({ gpu: false, build: 'never', skipDownload: true, progressLogs: false, logLevel: 'error' });
    const model = await llama.loadModel({ modelPath: modelFile });
    const context = await model.createContext({ contextSize: 4096, sequences: 1, threads });
    const chat = new runtime.LlamaChat({ contextSequence: context.getSequence() });
    return new DirectChat(llama, chat, async () => {
      chat.dispose();
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    });
  }

  async perToken(messages: ChatMessage[], schema: JsonSchemaFormat | undefined, seed: number, maxTokens?: number): Promise<number> {
    const grammar = schema ? await this.llama.createGrammarForJsonSchema(schema.schema) : undefined;
    let first: number | undefined;
    let tokens = 0;
    await this.chat.generateResponse(chatHistory(messages), {
      ...(grammar ? { grammar } : {}),
      ...SAMPLING,
      seed,
      ...(maxTokens ? { maxTokens } : {}),
      onToken: (t) => {
        first ??= performance.now();
        tokens += t.length;
      },
    });
    return first === undefined ? 0 : (performance.now() - first) / Math.max(1, tokens - 1);
  }
}

function format(result: LocalBenchResult): string {
  const ms = (n: number) => `${n.toFixed(3)} ms`;
  const f = result.firstToken;
  return [
    `Local provider on the tiny test model (${result.runs} runs each, medians):`,
    `  per generated token, JSON answer:  ours ${ms(result.perToken.json.provider)}, node-llama-cpp LlamaChat ${ms(result.perToken.json.direct)}  → ${result.perToken.json.ratio.toFixed(2)}×`,
    `  per generated token, free text:    ours ${ms(result.perToken.text.provider)}, node-llama-cpp LlamaChat ${ms(result.perToken.text.direct)}  → ${result.perToken.text.ratio.toFixed(2)}×`,
    `  cold start to first streamed token: ${f.totalMs.toFixed(0)} ms = import runtime ${f.runtimeMs.toFixed(0)} + start llama.cpp ${f.llamaMs.toFixed(0)} + load model ${f.modelMs.toFixed(0)} + context ${f.contextMs.toFixed(0)} + chat template ${f.templateMs.toFixed(0)} + first prompt ${f.promptMs.toFixed(0)} + first token ${f.firstTokenMs.toFixed(0)}`,
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--runtime');
  const runtimeDir = at >= 0 ? argv[at + 1]! : localPaths().runtime;
  const runsAt = argv.indexOf('--runs');
  if (!runtimeInfo(runtimeDir).ready) {
    process.stdout.write(`local provider: skipped, no runtime in ${runtimeDir} (run \`persona-talks local setup --runtime-only\`, or pass --runtime DIR)\n`);
    return;
  }
  const result = await benchLocalProvider({ runtimeDir, ...(runsAt >= 0 ? { runs: Number(argv[runsAt + 1]) } : {}) });
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(result)}\n` : `${format(result)}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
}
