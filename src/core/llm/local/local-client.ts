import type { ChatClient, ChatHooks, ChatRequest, ChatResult } from '../types.js';
import type { LocalModel } from './local-model.js';
import type { Lane } from './scheduler.js';

/** The endpoint a local client reports: sessions record "local" and the model's file name, never its folder. */
export const LOCAL_BASE_URL = 'local';

/** A ChatClient over the shared in-process model; `lane` says whether it may make others wait. */
export function localChatClient(model: LocalModel, lane: Lane): ChatClient {
  return {
    endpoint: { baseURL: LOCAL_BASE_URL, model: model.name },
    async chat(request: ChatRequest, hooks: ChatHooks = {}): Promise<ChatResult> {
      const started = performance.now();
      let firstTokenMs: number | undefined;
      const done = await model.complete(request, lane, {
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        onDelta: (text) => {
          firstTokenMs ??= performance.now() - started;
          hooks.onDelta?.(text);
        },
      });
      return {
        text: done.text,
        usage: { promptTokens: done.promptTokens, completionTokens: done.completionTokens },
        finishReason: done.finishReason,
        latencyMs: performance.now() - started,
        ...(firstTokenMs !== undefined ? { firstTokenMs } : {}),
      };
    },
  };
}
