/**
 * The fake server's default replies: deterministic, plausible, and shaped by the
 * request so engine and UI tests can run whole conversations offline.
 *
 * Rules (kept simple so tests can predict them):
 * - With `response_format.type === 'json_schema'` the reply is a JSON object that
 *   fills every property of the schema (required or not):
 *   - string → a short sentence picked by hashing the property name and the last message;
 *   - enum → its first value, unless a message contains the hint `{{fake:NAME=VALUE}}`
 *     naming that property and one of its values;
 *   - const → that value; number/integer → the midpoint of minimum..maximum (default 1..5,
 *     so 3), rounded for integers; boolean → false; array → `minItems` items (at least 1);
 *   - a union type or anyOf/oneOf → its first non-null member.
 * - Otherwise the reply is one short sentence picked by hashing the conversation, so the
 *   same request always gets the same reply and consecutive turns differ.
 */
import { stableHash } from './stable-hash.js';

/**
 * What this handler reads of a request, and what it answers: structurally a part
 * of the server's RecordedRequest and Reply, declared here so the server can use
 * this handler as its default without the two modules importing each other.
 */
interface ChatBody {
  messages?: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { schema: Record<string, unknown> } };
}
export interface PersonaHandlerRequest {
  body: ChatBody;
}
export type PersonaHandlerReply = { kind: 'text'; content: string };

const SENTENCES = [
  'I hear how heavy this has been for you lately.',
  'It has been a long week and I keep replaying what happened.',
  'That sounds exhausting, and it makes sense you feel worn down.',
  'I am not sure where to start, but talking helps a little.',
  'What part of it weighs on you the most right now?',
  'Maybe we could try one small step together tomorrow.',
  'I tried to explain it to my sister but it came out wrong.',
  'Thank you for listening, I feel a bit lighter now.',
];

export function defaultPersonaHandler(request: PersonaHandlerRequest): PersonaHandlerReply {
  const body = request.body;
  const schema = body.response_format?.type === 'json_schema' ? body.response_format.json_schema?.schema : undefined;
  const seedText = conversationKey(body);
  if (schema) {
    const value = valueFor(schema, 'root', seedText, hints(body));
    return { kind: 'text', content: JSON.stringify(value) };
  }
  return { kind: 'text', content: sentenceFor(seedText) };
}

function conversationKey(body: ChatBody): string {
  const messages = body.messages ?? [];
  return `${messages.length}|${messages.at(-1)?.content ?? ''}`;
}

function hints(body: ChatBody): Map<string, string> {
  const found = new Map<string, string>();
  for (const message of body.messages ?? []) {
    for (const match of String(message.content).matchAll(/\{\{fake:([\w.-]+)=([^}]*)\}\}/g)) {
      found.set(match[1] ?? '', match[2] ?? '');
    }
  }
  return found;
}

function sentenceFor(key: string): string {
  return SENTENCES[hash(key) % SENTENCES.length] ?? SENTENCES[0]!;
}

const hash = stableHash;

type Schema = Record<string, unknown>;

function valueFor(schema: Schema, name: string, seedText: string, hinted: Map<string, string>): unknown {
  if ('const' in schema) return schema.const;
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(variants)) {
    const first = variants.find((v) => v.type !== 'null') ?? variants[0] ?? {};
    return valueFor(first, name, seedText, hinted);
  }
  if (Array.isArray(schema.enum)) {
    const hint = hinted.get(name);
    const options = schema.enum as unknown[];
    return hint !== undefined && options.includes(hint) ? hint : options[0];
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, valueFor(child, key, `${seedText}|${key}`, hinted)]),
      );
    }
    case 'array': {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      const items = (schema.items ?? { type: 'string' }) as Schema;
      return Array.from({ length: count }, (_, i) => valueFor(items, name, `${seedText}|${i}`, hinted));
    }
    case 'integer':
    case 'number': {
      const min = Number(schema.minimum ?? 1);
      const max = Number(schema.maximum ?? 5);
      const mid = (min + max) / 2;
      return type === 'integer' ? Math.round(mid) : mid;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return sentenceFor(`${name}|${seedText}`);
  }
}
