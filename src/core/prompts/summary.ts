import type { ConversationSummary, Speaker, Turn } from '../domain.js';
import type { Earlier } from '../engine/window-view.js';
import { leftOut } from '../engine/window-view.js';
import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { historyFor } from './agents.js';
import { numberedLine } from './transcript.js';

/**
 * The running summary: what the agents are told about the turns that have left
 * their window. It is written from the chat's words alone — speakers and texts,
 * never a persona or a strategy label — so giving it to both agents tells each
 * nothing its side did not already see in the chat. Each summary folds the
 * previous one and the next stretch of turns into one, so the call that writes
 * it reads at most a summary and a window's worth of turns, however long the
 * conversation.
 *
 * The same version covers the note an agent reads before its window (withEarlier).
 */
export const SUMMARY_PROMPT_VERSION = '2';

/** The words asked for; what is kept is cut at SUMMARY_MAX_CHARS in any case. */
export const SUMMARY_WORDS = 150;
/** The longest summary an agent is ever shown, in characters. */
export const SUMMARY_MAX_CHARS = 1200;
/** Summaries should be faithful rather than inventive. */
export const SUMMARY_TEMPERATURE = 0.3;

export const SUMMARY_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'conversation_summary',
  schema: {
    type: 'object',
    properties: {
      summary: { type: 'string', description: `The updated summary, at most ${SUMMARY_WORDS} words.` },
    },
    required: ['summary'],
    additionalProperties: false,
  },
};

function summarySystemPrompt(): string {
  return [
    'You keep the running summary of an online emotional-support chat between a Seeker (someone looking for support) and a Supporter.',
    'The two will go on chatting with only your summary to remind them of what was said before their latest messages, so it must be faithful and useful to them.',
    '',
    'Rules:',
    `- Write in the third person ("the Seeker", "the Supporter"), plainly, in at most ${SUMMARY_WORDS} words.`,
    "- Keep what matters for the rest of the chat: the Seeker's situation and the facts they shared, their feelings and how these changed, what the Supporter asked, suggested or offered and how the Seeker took it, and anything left open or promised.",
    '- Fold the summary so far and the new messages into one summary; drop greetings, small talk and repetition.',
    '- Do not invent anything, do not judge or label either person, and do not quote long passages.',
    '',
    'Answer with one JSON object only: {"summary": "<the updated summary>"}',
  ].join('\n');
}

/** The request that folds `turns` (the next stretch, in order) into `previous` (the summary of every turn before them). */
export function summaryMessages(previous: ConversationSummary | undefined, turns: readonly Turn[]): ChatMessage[] {
  const first = turns[0];
  const last = turns[turns.length - 1];
  if (!first || !last) throw new RangeError('a summary needs at least one turn');
  const before = previous
    ? `The summary so far (messages 1–${previous.throughTurn + 1}):\n${previous.text}`
    : 'There is no summary yet: these are the first messages of the chat.';
  return [
    { role: 'system', content: summarySystemPrompt() },
    {
      role: 'user',
      content: `${before}\n\nThe next messages (${first.index + 1}–${last.index + 1}):\n${turns.map(numberedLine).join('\n')}\n\nWrite the updated summary of messages 1–${last.index + 1}. Answer with the JSON object only.`,
    },
  ];
}

/** What an agent reads before the turns of its window: how many came before, and the summary of them. */
export function earlierNote(earlier: Earlier): string {
  const one = earlier.shownFrom === 1;
  const opening = `(This chat began earlier: ${earlier.shownFrom} ${one ? 'message' : 'messages'} came before the ones below.`;
  const summary = earlier.summary;
  if (!summary) return `${opening} ${one ? 'It is' : 'They are'} not shown.)`;
  const covered = leftOut(earlier) > 0 ? ` What was said in the first ${summary.throughTurn + 1}, in short: ` : ' What was said, in short: ';
  return `${opening}${covered}${summary.text})`;
}

/** The most characters the note can add to a prompt, with the line break that joins it to a message. */
export const EARLIER_NOTE_MAX_CHARS =
  earlierNote({ shownFrom: 999_999, summary: { throughTurn: 999_997, text: 'x'.repeat(SUMMARY_MAX_CHARS) } }).length + '\n\n'.length;

/**
 * An agent's messages when part of the chat has left its window: its system
 * prompt, the note about what came before, then the turns of the window from its
 * side. The note takes the place of the opening cue (the chat has not just
 * opened); it is folded into the first message when that is the other side's, as
 * some chat templates refuse two user messages in a row.
 */
export function withEarlier(messages: readonly ChatMessage[], side: Speaker, shown: readonly Turn[], earlier: Earlier): ChatMessage[] {
  const [system] = messages;
  const history = historyFor(side, shown);
  const note = earlierNote(earlier);
  const first = history[0];
  const chat = first && first.role === 'user' ? [{ role: 'user' as const, content: `${note}\n\n${first.content}` }, ...history.slice(1)] : [{ role: 'user' as const, content: note }, ...history];
  return system?.role === 'system' ? [system, ...chat] : chat;
}

/**
 * The summary in a model's answer, cut to SUMMARY_MAX_CHARS at a sentence end
 * where one is near. An answer without the JSON field is read as plain text.
 * Undefined when there is nothing to keep.
 */
export function summaryText(answer: { json?: unknown; text: string }): string | undefined {
  const field = answer.json && typeof answer.json === 'object' && 'summary' in answer.json ? (answer.json as { summary: unknown }).summary : undefined;
  const raw = typeof field === 'string' ? field : answer.json === undefined ? answer.text : '';
  const flat = raw.replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  if (flat.length <= SUMMARY_MAX_CHARS) return flat;
  const cut = flat.slice(0, SUMMARY_MAX_CHARS - 1);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return sentence >= SUMMARY_MAX_CHARS / 2 ? cut.slice(0, sentence + 1) : `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length)}…`;
}
