/**
 * Replies the way real models misbehave, for `persona-talks dev fake-server
 * --quirk NAME`, for `doctor`'s tests and for the quirk tests: wraps another
 * handler (the demo or the default persona handler) and bends its answers.
 *
 * Every quirk here is one seen from common local and hosted models: reasoning
 * left in the content or sent in its own field, JSON wrapped in prose or a
 * fence, a model declining to play a distressed person, a reply that goes on to
 * write the other speaker's lines, an empty reply, a reply in another
 * language, and servers that ignore or reject json_schema.
 */
import { REMINDER_OPENING } from '../core/prompts/reminder.js';
import type { RecordedRequest, Reply, ReplyHandler } from './fake-openai-server.js';
import { chunkJson, reasoningChunkJson, roughTokens, splitText, usageChunkJson } from './sse-chunks.js';

export const QUIRKS = [
  'think-tags',
  'think-unclosed',
  'think-orphan-close',
  'reasoning-field',
  'prose-json',
  'fenced-json',
  'refusal',
  'refusal-once',
  'role-break',
  'empty',
  'other-language',
  'no-json-schema',
  'rejects-json-schema',
] as const;
export type Quirk = (typeof QUIRKS)[number];

export const QUIRK_HELP: Record<Quirk, string> = {
  'think-tags': 'a <think>/<thinking>/<reasoning> block before every answer',
  'think-unclosed': 'only an unclosed <think> block (the token cap hit mid-thought)',
  'think-orphan-close': 'reasoning closed by </think> with no opener (the chat template opened it)',
  'reasoning-field': 'reasoning streamed in delta.reasoning_content before the answer',
  'prose-json': 'the JSON wrapped in prose ("Sure! Here is my reply: {…} Hope this helps.")',
  'fenced-json': 'the JSON inside a ```json fence',
  refusal: 'the seeker (and the script writer) decline the role, in several phrasings, every time',
  'refusal-once': 'the seeker declines once, then plays along after the reminder',
  'role-break': "agents go on to write the other speaker's lines",
  empty: 'every reply is empty',
  'other-language': 'agents answer in Spanish',
  'no-json-schema': 'json_schema is ignored: free text',
  'rejects-json-schema': 'json_schema is rejected with a 400 (free text once it is left out)',
};

export function isQuirk(value: string): value is Quirk {
  return (QUIRKS as readonly string[]).includes(value);
}

/** Reasoning with the things that must never leak: braces, a draft object, speaker lines, a strategy word. */
export const FAKE_REASONING =
  'Let me plan this reply. The user wants me to stay in the persona. Draft: {"message": "draft"}\nSeeker: maybe open softly.\nStrategy: Question? No, keep it simple.';

const REFUSALS = [
  "I'm sorry, but I can't role-play someone in emotional distress. If you're struggling, please reach out to a mental health professional.",
  "As an AI language model, I don't have personal problems to share, but I'm happy to help you with yours.",
  JSON.stringify({ message: 'I cannot pretend to be a person in crisis. I would recommend that you talk to a licensed therapist.', end_conversation: false }),
  'I must respectfully decline to act as this character. Is there something else I can help you with?',
  'It sounds like the user wants me to play a distressed person. I would encourage you to contact a crisis line if you need support.',
];

const SPANISH = [
  'Sigo pensando que debería manejar esto mejor de lo que lo hago, y las noches son lo peor.',
  'Lo siento mucho. ¿Cuándo empezaste a sentirte así de cansada y preocupada?',
  'Mi familia dice que pasará, pero ya llevo meses sin dormir bien por las noches.',
];

const ROLE_BREAK: Record<string, string> = {
  message: '\nSupporter: I hear you, that sounds really hard.\nSeeker: Thanks, it helps to hear that.',
  response: '\nSeeker: I guess that makes sense.\nSupporter: I am glad it does. What would help tonight?',
};

function schemaName(request: RecordedRequest): string | undefined {
  return request.body.response_format?.json_schema?.name;
}

/** FNV-1a over the whole request's messages: the same request gets the same variant. */
function variant(request: RecordedRequest, count: number): number {
  const text = (request.body.messages ?? []).map((m) => m.content).join('|');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

function asObject(content: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(content);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The inner handler's reply with its content changed (other reply kinds pass through). */
async function bend(inner: ReplyHandler, request: RecordedRequest, change: (content: string) => string): Promise<Reply> {
  const reply = await inner(request);
  return reply.kind === 'text' ? { ...reply, content: change(reply.content) } : reply;
}

/** A request as a server that ignores structured output sees it. */
function withoutSchema(request: RecordedRequest): RecordedRequest {
  const { response_format: _dropped, ...body } = request.body;
  return { ...request, body };
}

function reasoningStream(request: RecordedRequest, reasoning: string, content: string): Reply {
  const model = request.body.model ?? 'fake-model';
  const events = [
    ...splitText(reasoning, 16).map((piece, i) => reasoningChunkJson(piece, { model, role: i === 0 })),
    ...splitText(content, 12).map((piece) => chunkJson({ content: piece, model })),
    chunkJson({ finishReason: 'stop', model }),
    usageChunkJson({ prompt_tokens: 40, completion_tokens: roughTokens(reasoning + content) }, model),
    '[DONE]',
  ];
  return { kind: 'sse', events };
}

const isAgent = (name: string | undefined) => name === 'seeker_turn' || name === 'supporter_turn';

export function quirkHandler(quirk: Quirk, inner: ReplyHandler): ReplyHandler {
  return async (request) => {
    const name = schemaName(request);
    switch (quirk) {
      case 'think-tags': {
        const tag = ['think', 'thinking', 'reasoning'][variant(request, 3)]!;
        return bend(inner, request, (c) => `<${tag}>\n${FAKE_REASONING}\n</${tag}>\n\n${c}`);
      }
      case 'think-unclosed':
        return { kind: 'text', content: `<think>\n${FAKE_REASONING} And then perhaps`, finishReason: 'length' };
      case 'think-orphan-close':
        return bend(inner, request, (c) => `${FAKE_REASONING}\n</think>\n\n${c}`);
      case 'reasoning-field': {
        const reply = await inner(request);
        return reply.kind === 'text' ? reasoningStream(request, FAKE_REASONING, reply.content) : reply;
      }
      case 'prose-json':
        return bend(inner, request, (c) => (asObject(c) ? `Sure! Here is my reply:\n${c}\nHope this helps.` : c));
      case 'fenced-json':
        return bend(inner, request, (c) => (asObject(c) ? `\`\`\`json\n${c}\n\`\`\`` : c));
      case 'refusal':
      case 'refusal-once': {
        const declines = name === 'seeker_turn' || name === 'esc_dialogue';
        const reminded = (request.body.messages ?? []).some((m) => m.role === 'system' && m.content.includes(REMINDER_OPENING));
        if (declines && !(quirk === 'refusal-once' && reminded)) return { kind: 'text', content: REFUSALS[variant(request, REFUSALS.length)]! };
        return inner(request);
      }
      case 'role-break':
        if (!isAgent(name)) return inner(request);
        return bend(inner, request, (c) => {
          const o = asObject(c);
          const field = o && typeof o.message === 'string' ? 'message' : o && typeof o.response === 'string' ? 'response' : undefined;
          return o && field ? JSON.stringify({ ...o, [field]: `${o[field] as string}${ROLE_BREAK[field]}` }) : c;
        });
      case 'empty':
        return { kind: 'text', content: '' };
      case 'other-language':
        if (!isAgent(name)) return inner(request);
        return bend(inner, request, (c) => {
          const o = asObject(c);
          const field = name === 'seeker_turn' ? 'message' : 'response';
          return o ? JSON.stringify({ ...o, [field]: SPANISH[variant(request, SPANISH.length)] }) : c;
        });
      case 'no-json-schema':
        return inner(withoutSchema(request));
      case 'rejects-json-schema':
        if (request.body.response_format) {
          return { kind: 'status', status: 400, body: { error: { message: "Unsupported parameter: 'response_format' is not supported by this server", type: 'invalid_request_error' } } };
        }
        return inner(request);
    }
  };
}
