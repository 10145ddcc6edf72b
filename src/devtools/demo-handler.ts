/**
 * Replies for `persona-talks dev fake-server` and the benchmark: a scripted but
 * varied conversation so the TUI can be tried and demoed with no model at all.
 * Strategies rotate by a hash of the conversation, the seeker says goodbye after
 * `closeAfter` messages, and judge-style schemas get mid-scale numbers.
 */
import { isStrategy, STRATEGIES, type Strategy } from '../core/strategies.js';
import { CSI_KEYS, HEXACO_KEYS } from '../core/traits/dimensions.js';
import { defaultPersonaHandler } from './fake-persona-handler.js';
import type { RecordedRequest, Reply } from './fake-openai-server.js';

const SEEKER_LINES = [
  "Hi. I'm not really sure how to start, but things have been rough lately.",
  "It's mostly at night. I lie there and my head just won't stop.",
  'I keep thinking I should be handling this better than I am.',
  "My family says it'll pass, but it's been months now.",
  "I guess I'm scared that if I say it out loud it becomes real.",
  "That actually helps a little. Nobody's put it that way before.",
  "I could try that. I'm not promising anything, though.",
  "It's strange, I feel a bit lighter just having typed all this out.",
];
const SEEKER_GOODBYE = "Thank you for listening. I think I'll try to get some rest now. Bye.";

const SUPPORTER_LINES: Record<Strategy, string> = {
  Question: 'When did you first notice things getting this heavy?',
  'Restatement or Paraphrasing': "So the nights are the hardest part, when everything you've held in all day comes back.",
  'Reflection of Feelings': 'It sounds like you feel worn out and a little alone with all of this.',
  'Self-disclosure': 'I went through a stretch like that once, and I remember how long the nights felt.',
  'Affirmation and Reassurance': "Reaching out like this takes courage, and you're doing it even while tired.",
  'Providing Suggestions': 'Maybe you could jot the worries down before bed, so they have somewhere to go besides your head.',
  Information: 'Many people find that worry peaks at night; it is a common pattern, not a personal failing.',
  Others: "I'm glad you wrote in tonight. Take your time.",
};

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export function demoHandler(options: { closeAfter?: number; chunkDelayMs?: number; chunkSize?: number; judgeDelayMs?: number } = {}) {
  const closeAfter = options.closeAfter ?? 12;
  const pace = { delayMs: options.chunkDelayMs ?? 0, ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) };
  return (request: RecordedRequest): Reply => {
    const name = request.body.response_format?.json_schema?.name;
    const messages = (request.body.messages ?? []).filter((m) => m.role !== 'system');
    const turn = messages.length;
    const usage = { prompt_tokens: 30 + 25 * turn, completion_tokens: 24 };
    if (name === 'seeker_turn') {
      const end = turn >= closeAfter;
      const message = end ? SEEKER_GOODBYE : SEEKER_LINES[Math.floor(turn / 2) % SEEKER_LINES.length]!;
      return { kind: 'text', content: JSON.stringify({ message, end_conversation: end }), usage, ...pace };
    }
    if (name === 'supporter_turn') {
      const steered = /you must use the strategy "([^"]+)"/.exec(request.body.messages?.[0]?.content ?? '')?.[1];
      const strategy = isStrategy(steered) ? steered : STRATEGIES[hash(messages.at(-1)?.content ?? '') % STRATEGIES.length]!;
      return { kind: 'text', content: JSON.stringify({ strategy, response: SUPPORTER_LINES[strategy] }), usage, ...pace };
    }
    if (name === 'trait_estimate') {
      // Scores drift a little with the conversation so the meter has something to show.
      const h = hash(messages.map((m) => m.content).join('|'));
      const dim = (i: number) => ({ score: 1.5 + (((h >>> i) & 7) / 7) * 3, confidence: 0.35 + (((h >>> (i + 3)) & 3) / 3) * 0.6 });
      const group = (keys: readonly string[], offset: number) => Object.fromEntries(keys.map((k, i) => [k, dim(offset + i * 2)]));
      const content = JSON.stringify({ observations: 'Writes in short, careful sentences.', hexaco: group(HEXACO_KEYS, 0), csi: group(CSI_KEYS, 12) });
      const reply: Reply = { kind: 'text', content, usage, ...pace };
      return options.judgeDelayMs ? { kind: 'delay', ms: options.judgeDelayMs, then: reply } : reply;
    }
    if (name === 'perceived_strategy') {
      const said = messages.at(-1)?.content ?? '';
      const strategy = STRATEGIES.find((s) => said.includes(SUPPORTER_LINES[s])) ?? 'Others';
      return { kind: 'text', content: JSON.stringify({ strategy }), usage, ...pace };
    }
    const reply = defaultPersonaHandler(request);
    return reply.kind === 'text' ? { ...reply, usage, ...pace } : reply;
  };
}
