import type { ChatMessage } from '../types.js';

/**
 * Makes a prompt fit the context: a sliding window over the conversation. The
 * system prompt (who the agent is, the answer format) always stays; the oldest
 * chat messages go first; if one message alone is still too long, its middle is
 * cut, keeping its opening line and its most recent part. A system prompt that
 * does not fit by itself is an error: cutting instructions would silently
 * change what the model is asked.
 */

export const LEFT_OUT_NOTE = '(Earlier messages are not shown.)';
const CUT_MARK = '\n[…]\n';

export class PromptTooLongError extends Error {
  override readonly name = 'PromptTooLongError';
}

export interface FittedPrompt {
  messages: ChatMessage[];
  /** Chat messages left out from the start. */
  dropped: number;
  /** Whether a message had its middle cut. */
  cut: boolean;
}

/** `count` gives the prompt's length in tokens; `limit` is what the prompt may use. */
export function fitPrompt(messages: readonly ChatMessage[], count: (messages: ChatMessage[]) => number, limit: number): FittedPrompt {
  const all = messages.map((m) => ({ ...m }));
  if (count(all) <= limit) return { messages: all, dropped: 0, cut: false };
  const system = all.filter((m) => m.role === 'system');
  const chat = all.filter((m) => m.role !== 'system');
  if (count(system) > limit) {
    throw new PromptTooLongError(`The instructions alone need ${count(system)} tokens, more than the ${limit} the local model's context leaves for a prompt. Give it a larger context with PERSONA_TALKS_LOCAL_CONTEXT (tokens per sequence; default 4096).`);
  }

  let dropped = 0;
  const withNote = (rest: ChatMessage[]): ChatMessage[] => [...system, ...noted(rest, dropped > 0)];
  while (chat.length > 1 && count(withNote(chat)) > limit) {
    chat.shift();
    dropped++;
  }
  let fitted = withNote(chat);
  if (count(fitted) <= limit) return { messages: fitted, dropped, cut: false };

  // One chat message left and still too long: shorten it from the middle, in proportion to the overshoot.
  const last = chat[0]!;
  const original = last.content;
  let keep = original.length;
  for (let attempt = 0; attempt < 12; attempt++) {
    const over = count(fitted) / limit;
    keep = Math.floor(keep / over) - CUT_MARK.length - 16;
    if (keep <= 0) break;
    last.content = cutMiddle(original, keep);
    fitted = withNote(chat);
    if (count(fitted) <= limit) return { messages: fitted, dropped, cut: true };
  }
  throw new PromptTooLongError(`The prompt does not fit the local model's context of ${limit} tokens even after leaving out earlier messages.`);
}

function noted(chat: ChatMessage[], leftOut: boolean): ChatMessage[] {
  if (!leftOut) return chat;
  const [first, ...rest] = chat;
  if (!first) return chat;
  // Some chat templates refuse two user messages in a row: fold the note into the first one.
  if (first.role === 'user') return [{ role: 'user', content: `${LEFT_OUT_NOTE}\n${first.content}` }, ...rest];
  return [{ role: 'user', content: LEFT_OUT_NOTE }, first, ...rest];
}

/** The first line (up to a quarter of the budget) and the end of `text`, `keep` characters in all. */
export function cutMiddle(text: string, keep: number): string {
  if (text.length <= keep) return text;
  const firstLine = text.indexOf('\n');
  const headLength = Math.min(firstLine >= 0 ? firstLine : text.length, Math.floor(keep / 4));
  return `${text.slice(0, headLength)}${CUT_MARK}${text.slice(text.length - (keep - headLength))}`;
}
