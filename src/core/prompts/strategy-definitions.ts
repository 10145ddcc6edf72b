import { STRATEGIES, type Strategy } from '../strategies.js';

/**
 * What each ESConv strategy means, in our words, as the supporter agent, the
 * script writer and the strategy classifier are told: one definition, so the
 * label a model declares and the label the classifier perceives mean the same.
 */
export const STRATEGY_DEFINITIONS: Readonly<Record<Strategy, string>> = {
  Question: 'ask about the problem to understand it better (open questions help the seeker explain).',
  'Restatement or Paraphrasing': 'say back, briefly and in other words, what the seeker has told you, so they know they were heard.',
  'Reflection of Feelings': 'name the feelings the seeker seems to have, without judging them.',
  'Self-disclosure': 'share a similar experience or feeling of your own to show you understand.',
  'Affirmation and Reassurance': 'affirm the seeker\'s strengths, effort or ideas, and reassure them.',
  'Providing Suggestions': 'offer concrete ideas for what the seeker could do, without ordering them.',
  Information: 'give useful facts, data or resources relevant to the problem.',
  Others: 'anything else: greetings, small talk, thanks, closing the conversation.',
};

/** The eight strategies as prompt lines: "- Question: ask about …". */
export function strategyList(): string[] {
  return STRATEGIES.map((s) => `- ${s}: ${STRATEGY_DEFINITIONS[s]}`);
}
