import { chatMessages, type ChatViewOptions } from './export-chat.js';
import { isLeftOut, type StreamingExport } from './export-stream.js';

/**
 * The ShareGPT shape many open fine-tuning tools read (Axolotl, LLaMA-Factory,
 * FastChat): `{"id", "conversations": [{"from": "system"|"human"|"gpt", "value"}]}`,
 * one conversation a line (JSON Lines, which those tools load like a JSON array).
 */
const FROM = { system: 'system', user: 'human', assistant: 'gpt' } as const;

export function sharegptExport(options: ChatViewOptions = {}): StreamingExport {
  return {
    head: () => '',
    entry: (session) => {
      const messages = chatMessages(session, options);
      if (isLeftOut(messages)) return messages;
      const conversations = messages.map((m) => ({ from: FROM[m.role], value: m.content }));
      return `${JSON.stringify({ id: session.header.id, conversations })}\n`;
    },
    tail: () => '',
  };
}
