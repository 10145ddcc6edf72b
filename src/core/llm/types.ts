/** The provider surface the engine and judge use; implemented over the openai SDK in client.ts. */

export type Role = 'seeker' | 'supporter' | 'judge';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Where one role's requests go. The API key is held here and nowhere that gets written out. */
export interface Endpoint {
  baseURL: string;
  model: string;
  apiKey?: string;
}

export interface JsonSchemaFormat {
  name: string;
  /** A JSON Schema object (strict-mode compatible: every property required, no extras). */
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  temperature?: number;
  seed?: number;
  maxTokens?: number;
  /** Ask for structured output; servers that ignore it send free text, callers must cope. */
  jsonSchema?: JsonSchemaFormat;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  text: string;
  usage?: Usage;
  finishReason?: string;
  /** Wall time from request to last byte, and to the first content byte. */
  latencyMs: number;
  firstTokenMs?: number;
  /**
   * Reasoning the server sent in a separate stream field (`reasoning_content`,
   * `reasoning`), never part of `text`. Reasoning left inside the content
   * (`<think>…`) stays in `text`: readers split it off with core/llm/output.
   */
  reasoning?: string;
}

export interface RetryInfo {
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

export interface ChatHooks {
  onDelta?: (text: string) => void;
  /** A delta of reasoning sent in a separate stream field (optional: providers without one never call it). */
  onReasoning?: (text: string) => void;
  onRetry?: (info: RetryInfo) => void;
  signal?: AbortSignal;
}

export interface ChatClient {
  readonly endpoint: Endpoint;
  /** Streams a chat completion; resolves with the whole text. Throws LlmError subclasses. */
  chat(request: ChatRequest, hooks?: ChatHooks): Promise<ChatResult>;
}
