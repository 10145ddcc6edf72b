import { describe, expect, it } from 'vitest';
import { cutMiddle, fitPrompt, LEFT_OUT_NOTE, PromptTooLongError } from '../../../../src/core/llm/local/prompt-window.js';
import type { ChatMessage } from '../../../../src/core/llm/types.js';

/** One "token" per character, plus a few per message for the template. */
const count = (messages: ChatMessage[]) => messages.reduce((n, m) => n + m.content.length + 4, 0);

const system: ChatMessage = { role: 'system', content: 'S'.repeat(100) };
const chat = (n: number, size = 50): ChatMessage[] =>
  Array.from({ length: n }, (_, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: `${i}:${'x'.repeat(size)}` }) as ChatMessage);

describe('fitting a prompt to the context', () => {
  it('leaves a prompt that fits alone', () => {
    const messages = [system, ...chat(4)];
    expect(fitPrompt(messages, count, 10_000)).toEqual({ messages, dropped: 0, cut: false });
  });

  it('drops the oldest messages, keeps the system prompt, and says earlier messages are not shown', () => {
    const messages = [system, ...chat(10)];
    const fitted = fitPrompt(messages, count, 400);
    expect(count(fitted.messages)).toBeLessThanOrEqual(400);
    expect(fitted.messages[0]).toEqual(system);
    expect(fitted.dropped).toBeGreaterThan(0);
    // The newest message is always kept, untouched.
    expect(fitted.messages.at(-1)).toEqual(messages.at(-1));
    // The window starts with a user message carrying the note (no two user messages in a row).
    expect(fitted.messages[1]!.role).toBe('user');
    expect(fitted.messages[1]!.content.startsWith(LEFT_OUT_NOTE)).toBe(true);
    const roles = fitted.messages.slice(1).map((m) => m.role);
    expect(roles.some((r, i) => r === 'user' && roles[i + 1] === 'user')).toBe(false);
  });

  it('cuts the middle of a single message that is too long, keeping its first line and its end', () => {
    const transcript = `The chat so far:\n${Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n')}\nAnswer now.`;
    const fitted = fitPrompt([system, { role: 'user', content: transcript }], count, 600);
    expect(fitted.cut).toBe(true);
    expect(count(fitted.messages)).toBeLessThanOrEqual(600);
    const kept = fitted.messages[1]!.content;
    expect(kept.startsWith('The chat so far:')).toBe(true);
    expect(kept.endsWith('line 199\nAnswer now.')).toBe(true);
    expect(kept).toContain('[…]');
  });

  it('refuses instructions that do not fit by themselves', () => {
    expect(() => fitPrompt([system, ...chat(2)], count, 50)).toThrow(PromptTooLongError);
  });

  it('cutMiddle keeps short text whole', () => {
    expect(cutMiddle('short', 10)).toBe('short');
  });
});
