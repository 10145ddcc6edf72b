import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { BadRequestError, CancelledError, LlmError, ServerError } from '../errors.js';
import type { ChatMessage, ChatRequest, JsonSchemaFormat } from '../types.js';
import { fitPrompt, PromptTooLongError } from './prompt-window.js';
import { errorText, loadRuntime, openLlama, type OpenLlamaOptions } from './runtime.js';
import type { ChatHistoryItem, ChatWrapperLike, GrammarLike, LlamaContextLike, LlamaLike, LlamaModelLike, LlamaTextLike, NodeLlamaCpp, Token } from './runtime-api.js';
import { SequencePool, type Lease } from './sequence-pool.js';
import { StepScheduler, type Lane } from './scheduler.js';
import { StopText } from './stop-text.js';
import { TokenText } from './token-text.js';

/**
 * One GGUF model loaded in this process, shared by every role. Requests are
 * turned into the model's own chat template, fitted to the context (a sliding
 * window), given the context sequence that already holds most of their prompt,
 * and generated token by token under the scheduler — so the agents are never
 * queued behind the judge.
 */

export interface LocalModelOptions {
  modelFile: string;
  /** The folder node-llama-cpp is installed in (see runtime.ts). */
  runtimeDir: string;
  /** Tokens each context sequence holds. Default 4096 (less if the model was trained on less). */
  contextSize?: number;
  /** CPU threads; default node-llama-cpp's choice, never more than this machine's CPUs. */
  threads?: number;
  /** false: CPU only. Default 'auto'. */
  gpu?: OpenLlamaOptions['gpu'];
  /** Share of model time background work may take while an agent is generating (0 = only when idle). Default 0. */
  backgroundShare?: number;
  /** Prompt tokens a background request evaluates per step: how long an agent may wait for it. Default 32. */
  backgroundChunk?: number;
  onLog?: OpenLlamaOptions['onLog'];
  /** Watches the scheduler (tests, benchmark). */
  onStep?: (lane: Lane) => void;
}

export const DEFAULT_CONTEXT_SIZE = 4096;
/** Room kept for an answer, and its length cap, when the caller sets none: a judge estimate is ~400 tokens. */
const DEFAULT_ANSWER_RESERVE = 1024;
const AGENT_SEQUENCES = 2;
const BACKGROUND_SEQUENCES = 2;
const DEFAULT_TEMPERATURE = 0.7;

export interface CompletionStats {
  promptTokens: number;
  /** Prompt tokens the sequence already held from an earlier request. */
  reusedTokens: number;
  completionTokens: number;
  finishReason: 'stop' | 'length';
  droppedMessages: number;
  /** Preparing and evaluating the prompt (template, grammar, prefix reuse, prefill). */
  promptMs: number;
  /** From the first generated token to the last. */
  generationMs: number;
}

export interface Completion extends CompletionStats {
  text: string;
}

export interface LoadTimings {
  runtimeMs: number;
  llamaMs: number;
  modelMs: number;
  contextMs: number;
  /** Recognising the model's chat template (node-llama-cpp reads its Jinja template). */
  templateMs: number;
}

export class LocalModel {
  private readonly grammars = new Map<string, Promise<GrammarLike>>();
  private disposed = false;

  private constructor(
    private readonly runtime: NodeLlamaCpp,
    private readonly llama: LlamaLike,
    private readonly model: LlamaModelLike,
    private readonly context: LlamaContextLike,
    private readonly wrapper: ChatWrapperLike,
    private readonly pool: SequencePool,
    readonly scheduler: StepScheduler,
    private readonly options: LocalModelOptions,
    readonly timings: LoadTimings,
  ) {}

  static async load(options: LocalModelOptions): Promise<LocalModel> {
    const t0 = performance.now();
    const runtime = await loadRuntime(options.runtimeDir);
    const t1 = performance.now();
    const llama = await openLlama(runtime, options.runtimeDir, { gpu: options.gpu, onLog: options.onLog });
    const t2 = performance.now();
    let model: LlamaModelLike;
    try {
      model = await llama.loadModel({ modelPath: options.modelFile });
    } catch (error) {
      await llama.dispose();
      throw new LlmLoadError(`Could not load the model file ${options.modelFile}: ${errorText(error)}. Is it a GGUF file this version of llama.cpp supports?`);
    }
    const t3 = performance.now();
    const wanted = Math.min(options.contextSize ?? DEFAULT_CONTEXT_SIZE, model.trainContextSize || DEFAULT_CONTEXT_SIZE);
    let context: LlamaContextLike;
    try {
      context = await model.createContext({
        // A range lets node-llama-cpp settle for less when memory is short.
        contextSize: { min: Math.min(1024, wanted), max: wanted },
        sequences: AGENT_SEQUENCES + BACKGROUND_SEQUENCES,
        threads: options.threads ?? Math.min(availableParallelism(), Math.max(llama.cpuMathCores, 4)),
      });
    } catch (error) {
      await model.dispose();
      await llama.dispose();
      throw new LlmLoadError(`Not enough memory for the local model's context (${wanted} tokens × ${AGENT_SEQUENCES + BACKGROUND_SEQUENCES} sequences): ${errorText(error)}`);
    }
    const t4 = performance.now();
    const wrapper = runtime.resolveChatWrapper(model);
    const t5 = performance.now();
    const sequences = Array.from({ length: AGENT_SEQUENCES + BACKGROUND_SEQUENCES }, () => context.getSequence());
    const pool = new SequencePool({ agent: sequences.slice(0, AGENT_SEQUENCES), background: sequences.slice(AGENT_SEQUENCES) });
    const scheduler = new StepScheduler({ backgroundShare: options.backgroundShare ?? 0, ...(options.onStep ? { onStep: options.onStep } : {}) });
    return new LocalModel(runtime, llama, model, context, wrapper, pool, scheduler, options, {
      runtimeMs: t1 - t0,
      llamaMs: t2 - t1,
      modelMs: t3 - t2,
      contextMs: t4 - t3,
      templateMs: t5 - t4,
    });
  }

  /** The file name, as sessions record it (never the folder: it may hold the user's name). */
  get name(): string {
    return basename(this.options.modelFile);
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  get gpu(): string | false {
    return this.llama.gpu;
  }

  /** node-llama-cpp's warnings about the model file (an odd tokenizer, say). */
  warnings(): string[] {
    return this.model.getWarnings();
  }

  /** The prompt as the model sees it, in tokens, and the text that ends a reply in this template. */
  promptTokens(messages: readonly ChatMessage[]): { tokens: Token[]; stopTriggers: readonly LlamaTextLike[] } {
    const state = this.wrapper.generateContextState({ chatHistory: chatHistory(messages) });
    return { tokens: state.contextText.tokenize(this.model.tokenizer), stopTriggers: state.stopGenerationTriggers };
  }

  async complete(request: ChatRequest, lane: Lane, hooks: { onDelta?: (text: string) => void; signal?: AbortSignal } = {}): Promise<Completion> {
    if (this.disposed) throw new ServerError('The local model was closed.');
    const endAgent = lane === 'agent' ? this.scheduler.agentRequest() : undefined;
    const started = performance.now();
    try {
      const limit = this.contextSize - Math.min(request.maxTokens ?? DEFAULT_ANSWER_RESERVE, Math.floor(this.contextSize / 2));
      let prompt = this.promptTokens(request.messages);
      let dropped = 0;
      if (prompt.tokens.length > limit) {
        const fitted = fitPrompt(request.messages, (m) => this.promptTokens(m).tokens.length, limit);
        prompt = this.promptTokens(fitted.messages);
        dropped = fitted.dropped;
      }
      const grammar = request.jsonSchema ? await this.grammarFor(request.jsonSchema).catch((error: unknown) => this.noGrammar(request.jsonSchema!, error)) : undefined;
      const lease = await this.pool.acquire(lane, prompt.tokens, hooks.signal);
      try {
        const done = await this.generate(lease, lane, prompt.tokens, { request, grammar, stopTriggers: prompt.stopTriggers, started, ...hooks });
        return { ...done, droppedMessages: dropped };
      } finally {
        lease.release();
      }
    } catch (error) {
      throw asLlmError(error);
    } finally {
      endAgent?.();
    }
  }

  private async generate(
    lease: Lease,
    lane: Lane,
    tokens: Token[],
    o: { request: ChatRequest; grammar?: GrammarLike; stopTriggers: readonly LlamaTextLike[]; started: number; onDelta?: (text: string) => void; signal?: AbortSignal },
  ): Promise<Omit<Completion, 'droppedMessages'>> {
    const { sequence } = lease;
    const signal = o.signal;
    const step = <T>(work: () => Promise<T>) => this.scheduler.step(lane, work, signal);

    // Keep what the sequence already holds of this prompt; the last prompt token is always evaluated
    // again, since its logits start the answer.
    const reused = Math.min(lease.sharedPrefix, tokens.length - 1);
    if (sequence.nextTokenIndex > reused) await step(() => sequence.eraseContextTokenRanges([{ start: reused, end: sequence.nextTokenIndex }]));
    const chunk = lane === 'agent' ? this.context.batchSize : Math.max(1, this.options.backgroundChunk ?? 32);
    for (let at = reused; at < tokens.length - 1; at += chunk) {
      const part = tokens.slice(at, Math.min(at + chunk, tokens.length - 1));
      await step(() => sequence.evaluateWithoutGeneratingNewTokens(part));
    }

    const triggers = resolveTriggers([...o.stopTriggers, ...(o.grammar?.stopGenerationTriggers ?? [])], this.model);
    const stopText = new StopText(triggers.text, o.grammar?.trimWhitespaceSuffix ?? false);
    const pieces = new TokenText(this.model);
    const generated: Token[] = [];
    // Without a cap from the caller, an answer gets the room kept for it: a model that loops must not
    // hold the CPU for minutes.
    const maxTokens = o.request.maxTokens ?? DEFAULT_ANSWER_RESERVE;
    let text = '';
    let finishReason: 'stop' | 'length' = 'stop';
    const show = (piece: string) => {
      if (piece === '') return;
      text += piece;
      o.onDelta?.(piece);
    };

    const promptDone = performance.now();
    let firstToken: number | undefined;
    const iterator = sequence.evaluate([tokens[tokens.length - 1]!], {
      temperature: o.request.temperature ?? DEFAULT_TEMPERATURE,
      ...(o.request.seed !== undefined ? { seed: o.request.seed } : {}),
      topK: 40,
      topP: 0.95,
      // Small models loop; the same gentle penalty node-llama-cpp's own chat uses.
      repeatPenalty: { punishTokens: () => generated.slice(-64), penalty: 1.1 },
      ...(o.grammar ? { grammarEvaluationState: new this.runtime.LlamaGrammarEvaluationState({ model: this.model, grammar: o.grammar }) } : {}),
    });
    try {
      for (;;) {
        if (signal?.aborted) throw new CancelledError('The request was cancelled.', { partialText: text });
        // Never let the sequence overflow: node-llama-cpp would then drop its beginning, the instructions.
        if (generated.length >= maxTokens || sequence.nextTokenIndex >= sequence.contextSize - 1) {
          finishReason = 'length';
          break;
        }
        const next = await step(() => iterator.next());
        if (next.done) break;
        firstToken ??= performance.now();
        generated.push(next.value);
        if (triggers.tokens.some((t) => endsWith(generated, t))) break;
        const { emit, stopped } = stopText.push(pieces.push(next.value));
        show(emit);
        if (stopped) break;
      }
      if (signal?.aborted) throw new CancelledError('The request was cancelled.', { partialText: text });
      const rest = stopText.push(pieces.finish());
      show(rest.emit);
      if (!rest.stopped) show(stopText.finish());
    } catch (error) {
      if (error instanceof CancelledError) throw new CancelledError(error.message, { partialText: text });
      throw error;
    } finally {
      await iterator.return(undefined).catch(() => undefined);
    }
    return {
      text,
      promptTokens: tokens.length,
      reusedTokens: reused,
      completionTokens: generated.length,
      finishReason,
      promptMs: promptDone - o.started,
      generationMs: firstToken === undefined ? 0 : performance.now() - firstToken,
    };
  }

  /**
   * A schema the grammar compiler cannot handle: answer in free text, as a server that ignores
   * response_format would — the callers' parsers cope — and say so in the log.
   */
  private noGrammar(format: JsonSchemaFormat, error: unknown): undefined {
    this.options.onLog?.('warn', `no JSON grammar for "${format.name}" (${errorText(error)}); answering without one`);
    return undefined;
  }

  private grammarFor(format: JsonSchemaFormat): Promise<GrammarLike> {
    const key = JSON.stringify(format.schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = this.llama.createGrammarForJsonSchema(format.schema);
      this.grammars.set(key, grammar);
      grammar.catch(() => this.grammars.delete(key));
    }
    return grammar;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}

export class LlmLoadError extends Error {
  override readonly name = 'LlmLoadError';
}

/** OpenAI-style messages as node-llama-cpp's chat history, ending with the empty answer to generate. */
export function chatHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const items: ChatHistoryItem[] = messages.map((m) =>
    m.role === 'system' ? { type: 'system', text: m.content } : m.role === 'user' ? { type: 'user', text: m.content } : { type: 'model', response: [m.content] },
  );
  items.push({ type: 'model', response: [] });
  return items;
}

/** Stop markers made of plain text are matched on text; those naming special tokens, on tokens. */
function resolveTriggers(triggers: readonly LlamaTextLike[], model: LlamaModelLike): { text: string[]; tokens: Token[][] } {
  const text: string[] = [];
  const tokens: Token[][] = [];
  for (const trigger of triggers) {
    if (trigger.values.every((v) => typeof v === 'string')) {
      const joined = trigger.values.join('');
      if (joined !== '') text.push(joined);
    } else {
      const sequence = trigger.tokenize(model.tokenizer, 'trimLeadingSpace');
      if (sequence.length > 0) tokens.push(sequence);
    }
  }
  return { text, tokens };
}

function endsWith(tokens: readonly Token[], tail: readonly Token[]): boolean {
  if (tail.length > tokens.length) return false;
  for (let i = 1; i <= tail.length; i++) if (tokens[tokens.length - i] !== tail[tail.length - i]) return false;
  return true;
}

function asLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof PromptTooLongError) return new BadRequestError(error.message);
  return new ServerError(`The local model failed: ${errorText(error)}`, { cause: error instanceof Error ? error : undefined });
}
