import { personaCard, situationLines, traitLines } from '../prompts/persona-text.js';
import type { Speaker, Turn } from '../engine/events.js';
import type { Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import { coerceStrategy, ESCONV_SPELLING, STRATEGIES } from '../strategies.js';
import type { LeftOut } from './export-stream.js';
import type { LoadedSession } from './reader.js';

/**
 * A conversation as fine-tuning data seen from one side: that side's turns are
 * the assistant's, the other side's the user's, after a system message saying
 * which role the model plays (optionally with its persona). Consecutive turns
 * by one speaker become one message, because most chat templates need the roles
 * to alternate. With strategy tags every supporter turn starts with its
 * "[strategy]" in ESConv's spelling, the strategy-conditioned setup used with ESConv.
 */

export interface ChatViewOptions {
  /** Whose replies the model learns. Default supporter. */
  role?: Speaker;
  /** Describe the role's persona (name, description, traits) in the system message. */
  persona?: boolean;
  /** Prefix each supporter turn with its [strategy] tag. */
  strategyTags?: boolean;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The bracketed tag for a turn's strategy, as ESConv's reference training code spells it. */
export function strategyTag(turn: Pick<Turn, 'strategy'>): string {
  return `[${ESCONV_SPELLING[coerceStrategy(turn.strategy)]}]`;
}

function supporterSystem(supporter: Persona, options: ChatViewOptions): string {
  const lines = [
    'You are the supporter in a text chat with someone going through a hard time.',
    'Help them feel heard and find a way forward, one short message at a time.',
    `Each of your messages uses one of eight support strategies: ${STRATEGIES.map((s) => ESCONV_SPELLING[s]).join(', ')}.`,
  ];
  if (options.strategyTags) lines.push('Begin each message with its strategy in square brackets, for example [Question].');
  if (options.persona && !supporter.baseline) lines.push('', `Who you are: ${personaCard(supporter)}`, ...traitLines(supporter));
  return lines.join('\n');
}

function seekerSystem(seeker: Persona, options: ChatViewOptions): string {
  const lines = [
    'You are someone seeking emotional support in a text chat. Talk about what troubles you in your own words, one message at a time.',
    ...situationLines(seeker),
  ];
  if (options.persona) lines.push('', `Who you are: ${personaCard(seeker)}`, ...traitLines(seeker));
  return lines.join('\n');
}

/** The messages of one conversation from `options.role`'s side, or why it has nothing to learn from. */
export function chatMessages(session: LoadedSession, options: ChatViewOptions = {}): ChatMessage[] | LeftOut {
  const side = options.role ?? 'supporter';
  const { personas } = session.header;
  const system = side === 'supporter' ? supporterSystem(personas.supporter, options) : seekerSystem(personas.seeker, options);
  const messages: ChatMessage[] = [{ role: 'system', content: cleanForDisplay(system) }];
  for (const turn of session.turns) {
    const role = turn.speaker === side ? 'assistant' : 'user';
    const tagged = options.strategyTags && turn.speaker === 'supporter' ? `${strategyTag(turn)} ${turn.text}` : turn.text;
    const text = cleanForDisplay(tagged);
    const last = messages[messages.length - 1]!;
    if (last.role === role) last.content += `\n${text}`;
    else messages.push({ role, content: text });
  }
  if (!messages.some((m) => m.role === 'assistant')) return { skip: `no ${side} turns to learn from` };
  return messages;
}
