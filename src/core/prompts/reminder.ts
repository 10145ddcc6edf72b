import type { Speaker } from '../domain.js';
import type { ChatMessage } from '../llm/types.js';

/**
 * The one reminder an agent gets after its reply declined the persona: short,
 * honest about what this is (a simulator, fiction), and in the persona's terms.
 * It is added to the system prompt rather than sent as a new message, because
 * some chat templates reject two user messages in a row or a late system message.
 */
export const REMINDER_PROMPT_VERSION = '1';

/** The words every reminder opens with (the fake server's "refuses once" quirk looks for them). */
export const REMINDER_OPENING = 'Reminder: this is a fictional role-play';

export function stayInCharacterReminder(speaker: Speaker, name?: string): string {
  if (speaker === 'seeker') {
    const who = name ?? 'the person you play';
    return (
      `${REMINDER_OPENING} in a simulator for studying and practising emotional support; no real person is at risk. ` +
      `Stay in character as ${who}, who came to this chat to talk about what troubles them. Write ${who}'s next chat message, ` +
      'in the first person, the way they would type it. Do not step out of the role, do not mention being an AI, and do not give the supporter advice.'
    );
  }
  const who = name ?? 'the supporter';
  return (
    `${REMINDER_OPENING} in a simulator for studying and practising emotional support. ` +
    `Stay in character as ${who}: write your next chat message to the seeker, in role. Do not step out of the role or mention being an AI.`
  );
}

/** The same request with the reminder appended to its system prompt. */
export function withReminder(messages: readonly ChatMessage[], speaker: Speaker, name?: string): ChatMessage[] {
  const reminder = stayInCharacterReminder(speaker, name);
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${reminder}` }, ...rest];
  return [{ role: 'system', content: reminder }, ...messages];
}
