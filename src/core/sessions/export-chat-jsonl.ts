import { chatMessages, type ChatViewOptions } from './export-chat.js';
import { isLeftOut, type StreamingExport } from './export-stream.js';

/**
 * OpenAI's chat fine-tuning file: one JSON object a line, `{"messages": [...]}`,
 * one conversation per line. Nothing else is written on the line, since the
 * fine-tuning validator rejects keys it does not know.
 */
export function chatJsonlExport(options: ChatViewOptions = {}): StreamingExport {
  return {
    head: () => '',
    entry: (session) => {
      const messages = chatMessages(session, options);
      return isLeftOut(messages) ? messages : `${JSON.stringify({ messages })}\n`;
    },
    tail: () => '',
  };
}
