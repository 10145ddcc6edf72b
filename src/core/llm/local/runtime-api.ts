/**
 * The part of node-llama-cpp's API this app uses, typed by hand. The package is
 * not a dependency of the app (it is installed on demand into the user's data
 * folder, see runtime.ts), so its own type declarations are not available when
 * the app is built. Every member here exists in the pinned version; the tests
 * run against the real package, so a mismatch fails them.
 */

export type Token = number;

export interface LlamaTextLike {
  readonly values: readonly unknown[];
  tokenize(tokenizer: unknown, options?: 'trimLeadingSpace'): Token[];
}

export type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: string[] };

export interface ChatWrapperLike {
  readonly wrapperName: string;
  generateContextState(options: { chatHistory: readonly ChatHistoryItem[] }): {
    contextText: LlamaTextLike;
    stopGenerationTriggers: readonly LlamaTextLike[];
  };
}

export interface GrammarLike {
  readonly stopGenerationTriggers: readonly LlamaTextLike[];
  readonly trimWhitespaceSuffix: boolean;
}

export type GrammarEvaluationStateLike = object;

export interface SequenceEvaluateOptions {
  temperature?: number;
  seed?: number;
  topK?: number;
  topP?: number;
  minP?: number;
  grammarEvaluationState?: GrammarEvaluationStateLike;
  repeatPenalty?: { punishTokens: () => Token[]; penalty?: number };
}

export interface LlamaContextSequenceLike {
  readonly contextSize: number;
  readonly nextTokenIndex: number;
  readonly contextTokens: Token[];
  compareContextTokens(tokens: Token[]): { firstDifferentIndex: number };
  eraseContextTokenRanges(ranges: { start: number; end: number }[]): Promise<void>;
  evaluateWithoutGeneratingNewTokens(tokens: Token[]): Promise<void>;
  evaluate(tokens: Token[], options?: SequenceEvaluateOptions): AsyncGenerator<Token, void, void | Token | Token[]>;
  dispose(): void;
}

export interface LlamaContextLike {
  readonly contextSize: number;
  readonly batchSize: number;
  readonly sequencesLeft: number;
  getSequence(): LlamaContextSequenceLike;
  dispose(): Promise<void>;
}

export interface LlamaModelLike {
  readonly tokenizer: unknown;
  readonly trainContextSize: number;
  readonly size: number;
  readonly filename: string | undefined;
  tokenize(text: string, specialTokens?: boolean): Token[];
  detokenize(tokens: readonly Token[], specialTokens?: boolean, lastTokens?: readonly Token[]): string;
  isEogToken(token: Token | undefined): boolean;
  createContext(options: {
    contextSize?: number | { min?: number; max?: number };
    sequences?: number;
    batchSize?: number;
    threads?: number;
  }): Promise<LlamaContextLike>;
  getWarnings(): string[];
  dispose(): Promise<void>;
}

export type LlamaGpuType = 'metal' | 'cuda' | 'vulkan' | false;
export type LlamaLogLevel = 'disabled' | 'fatal' | 'error' | 'warn' | 'info' | 'log' | 'debug';

export interface LlamaLike {
  readonly gpu: LlamaGpuType;
  readonly cpuMathCores: number;
  loadModel(options: { modelPath: string; gpuLayers?: 'auto' | number; onLoadProgress?: (progress: number) => void }): Promise<LlamaModelLike>;
  createGrammarForJsonSchema(schema: Readonly<Record<string, unknown>>): Promise<GrammarLike>;
  dispose(): Promise<void>;
}

/** The module namespace of node-llama-cpp. */
export interface NodeLlamaCpp {
  getLlama(options: {
    gpu?: 'auto' | LlamaGpuType;
    build?: 'never';
    skipDownload?: boolean;
    usePrebuiltBinaries?: boolean;
    progressLogs?: boolean;
    logLevel?: LlamaLogLevel;
    logger?: (level: LlamaLogLevel, message: string) => void;
    maxThreads?: number;
  }): Promise<LlamaLike>;
  getLlamaGpuTypes(include: 'supported' | 'allValid'): Promise<LlamaGpuType[]>;
  resolveChatWrapper(model: LlamaModelLike): ChatWrapperLike;
  LlamaGrammarEvaluationState: new (options: { model: LlamaModelLike; grammar: GrammarLike }) => GrammarEvaluationStateLike;
  LlamaChat: new (options: { contextSequence: LlamaContextSequenceLike }) => {
    generateResponse(
      history: ChatHistoryItem[],
      options: {
        grammar?: GrammarLike;
        temperature?: number;
        topK?: number;
        topP?: number;
        seed?: number;
        maxTokens?: number;
        onTextChunk?: (text: string) => void;
        onToken?: (tokens: Token[]) => void;
      },
    ): Promise<{ response: string }>;
    dispose(): void;
  };
}
