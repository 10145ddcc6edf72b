/**
 * Replies for `persona-talks dev fake-server` and the benchmark: a scripted but
 * varied conversation so the TUI can be tried and demoed with no model at all.
 * Strategies rotate by a hash of the conversation, the seeker says goodbye after
 * `closeAfter` messages, and judge-style schemas get mid-scale numbers; persona
 * generation and inventory ratings get answers that follow the person described
 * (fake-persona-generation.ts).
 *
 * Usage is left to the server, which counts it from the request's messages and
 * the reply's text, so token figures follow the real prompt and reply sizes.
 */
import { isStrategy, STRATEGIES, type Strategy } from '../core/strategies.js';
import { CSI_KEYS, HEXACO_KEYS } from '../core/traits/dimensions.js';
import { defaultPersonaHandler } from './fake-persona-handler.js';
import { personaGenerationReply } from './fake-persona-generation.js';
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

/** Strategy-neutral sentences that lengthen a supporter reply without changing what it does. */
const SUPPORTER_FILLER = [
  "You don't have to have all of it worked out tonight.",
  "Whatever you decide to share, I'm here and I'm listening.",
  'There is no right speed for any of this.',
  "It's okay if the words come out in a jumble.",
];

export interface DemoHandlerOptions {
  /** The seeker says goodbye once the conversation has this many messages. Default 12. */
  closeAfter?: number;
  /** Pause after each streamed chunk, for every reply (agents and judge alike). */
  chunkDelayMs?: number;
  /** Chunk size in code points (about 4 is one token). */
  chunkSize?: number;
  /**
   * When set, every judge-side call (trait judge, strategy classifier, anything that is
   * not a seeker or supporter turn) takes this long in all: it answers after this delay,
   * in one piece. Unset, judge replies stream at the agents' pace.
   */
  judgeCallMs?: number;
  /** Agent messages grow by whole sentences to at least this many words. Default: one line. */
  minWords?: number;
}

/** The strategy of each supporter line named in `numbers`, read from "[N] Supporter: …" lines in `text`. */
function labelsFrom(text: string, numbers: readonly string[]): Record<string, Strategy> {
  const said = new Map<string, string>();
  for (const match of text.matchAll(/^\*?\[(\d+)\] Supporter: (.*)$/gm)) said.set(match[1]!, match[2]!);
  return Object.fromEntries(numbers.map((n) => [n, STRATEGIES.find((s) => said.get(n)?.includes(SUPPORTER_LINES[s])) ?? 'Others']));
}

/** The message numbers a labelling schema asks for (its `strategies` or `labels` object's keys). */
function askedNumbers(request: RecordedRequest, field: 'strategies' | 'labels'): string[] {
  const properties = (request.body.response_format?.json_schema?.schema as { properties?: Record<string, { properties?: object }> } | undefined)?.properties;
  return Object.keys(properties?.[field]?.properties ?? {});
}

/** A summary of about a hundred words, as a model would write one: it grows with nothing but its own cap. */
function summaryReply(request: RecordedRequest): string {
  const text = (request.body.messages ?? []).map((m) => m.content).join('\n');
  const through = /summary of messages 1–(\d+)/.exec(text)?.[1] ?? '?';
  const summary =
    `Over the first ${through} messages the Seeker described nights of lying awake with racing thoughts, a sense of failing to cope, and family who say it will pass. ` +
    'They admitted being scared that naming the problem makes it real. The Supporter asked when it started, reflected the exhaustion and loneliness, ' +
    'shared a similar stretch, and suggested writing worries down before bed. The Seeker was unsure but willing to try, and said typing it out already felt a little lighter. ' +
    'Still open: whether to talk to family or a doctor, and how the next few nights go.';
  return JSON.stringify({ summary });
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** `first`, then sentences from `more` (cycling from `start`), until the text has `minWords` words. */
function lengthen(first: string, more: readonly string[], start: number, minWords: number): string {
  let text = first;
  for (let i = 0; wordCount(text) < minWords && i < 50; i++) text += ` ${more[(start + i) % more.length]!}`;
  return text;
}

/** The reply's name in its request: seeker_turn, supporter_turn, trait_estimate, perceived_strategy … */
export function requestKind(request: RecordedRequest): string | undefined {
  return request.body.response_format?.json_schema?.name;
}

export function isAgentRequest(request: RecordedRequest): boolean {
  const kind = requestKind(request);
  return kind === 'seeker_turn' || kind === 'supporter_turn';
}

export function demoHandler(options: DemoHandlerOptions = {}) {
  const closeAfter = options.closeAfter ?? 12;
  const minWords = options.minWords ?? 0;
  const pace = { delayMs: options.chunkDelayMs ?? 0, ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}) };
  const judgeSide = (content: string): Reply =>
    options.judgeCallMs !== undefined
      ? { kind: 'delay', ms: options.judgeCallMs, then: { kind: 'text', content, chunkSize: Math.max(1, content.length) } }
      : { kind: 'text', content, ...pace };
  return (request: RecordedRequest): Reply => {
    const name = requestKind(request);
    const messages = (request.body.messages ?? []).filter((m) => m.role !== 'system');
    // An agent with a window is told how many messages came before the ones it is shown.
    const before = Number(/\((?:This chat began earlier: )(\d+) messages came before/.exec(messages[0]?.content ?? '')?.[1] ?? 0);
    const turn = messages.length + before;
    if (name === 'seeker_turn') {
      const end = turn >= closeAfter;
      const at = Math.floor(turn / 2) % SEEKER_LINES.length;
      const message = end ? SEEKER_GOODBYE : lengthen(SEEKER_LINES[at]!, SEEKER_LINES, at + 1, minWords);
      return { kind: 'text', content: JSON.stringify({ message, end_conversation: end }), ...pace };
    }
    if (name === 'supporter_turn') {
      const steered = /you must use the strategy "([^"]+)"/.exec(request.body.messages?.[0]?.content ?? '')?.[1];
      const strategy = isStrategy(steered) ? steered : STRATEGIES[hash(messages.at(-1)?.content ?? '') % STRATEGIES.length]!;
      const response = lengthen(SUPPORTER_LINES[strategy], SUPPORTER_FILLER, turn, minWords);
      return { kind: 'text', content: JSON.stringify({ strategy, response }), ...pace };
    }
    if (name === 'trait_estimate') {
      // Scores drift a little with the conversation so the meter has something to show;
      // one decimal, as a model would write them.
      const h = hash(messages.map((m) => m.content).join('|'));
      const tenth = (x: number) => Math.round(x * 10) / 10;
      const dim = (i: number) => ({ score: tenth(1.5 + (((h >>> i) & 7) / 7) * 3), confidence: tenth(0.35 + (((h >>> (i + 3)) & 3) / 3) * 0.6) });
      const group = (keys: readonly string[], offset: number) => Object.fromEntries(keys.map((k, i) => [k, dim(offset + i * 2)]));
      const asked = askedNumbers(request, 'strategies');
      const strategies = asked.length > 0 ? { strategies: labelsFrom(messages.at(-1)?.content ?? '', asked) } : {};
      return judgeSide(JSON.stringify({ observations: 'Writes in short, careful sentences.', hexaco: group(HEXACO_KEYS, 0), csi: group(CSI_KEYS, 12), ...strategies }));
    }
    if (name === 'perceived_strategies') {
      const labels = labelsFrom(messages.at(-1)?.content ?? '', askedNumbers(request, 'labels'));
      return judgeSide(JSON.stringify({ labels: Object.fromEntries(Object.entries(labels).map(([n, strategy]) => [n, { reason: 'What the message does.', strategy }])) }));
    }
    if (name === 'conversation_summary') return { kind: 'text', content: summaryReply(request), ...pace };
    if (name === 'perceived_strategy') {
      const said = messages.at(-1)?.content ?? '';
      const strategy = STRATEGIES.find((s) => said.includes(SUPPORTER_LINES[s])) ?? 'Others';
      return judgeSide(JSON.stringify({ strategy }));
    }
    // Persona generation and inventory ratings: plausible answers that differ from person to person.
    const generated = personaGenerationReply(request);
    if (generated !== undefined) return judgeSide(generated);
    const reply = defaultPersonaHandler(request);
    return reply.kind === 'text' ? judgeSide(reply.content) : reply;
  };
}
