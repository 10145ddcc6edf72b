/**
 * The first complete JSON object of the requested shape inside a reply.
 *
 * A server that honours json_schema sends a bare object; one that ignores it
 * sends the object inside prose ("Sure! Here is my reply: {…} Hope this
 * helps."), inside a ```json fence, or after a plan that itself contains braces.
 * "Take everything from the first { to the last }" fails on all but the first,
 * so we walk the text: at each "{" we find its matching "}" (string-aware, so
 * braces inside string values do not count) and try to parse that span.
 *
 * Why not a repair library: a repaired guess is not what the model said. A
 * reply without a parseable object is "not JSON", and callers retry or fall back
 * to reading it as text; they never invent fields.
 */

export type JsonObject = Record<string, unknown>;

/** Every top-level JSON object in `text`, in order (objects nested in a found one are not repeated). */
export function* jsonObjects(text: string): Generator<JsonObject> {
  let from = 0;
  for (;;) {
    const start = text.indexOf('{', from);
    if (start < 0) return;
    const end = matchingBrace(text, start);
    const value = end < 0 ? undefined : parseObject(text.slice(start, end + 1));
    if (value) {
      yield value;
      from = end + 1;
    } else {
      from = start + 1;
    }
  }
}

/**
 * The first object `accept` takes (by default: any). Undefined when there is none;
 * callers that want "the requested shape, else any object" ask twice.
 */
export function findJsonObject(text: string, accept: (value: JsonObject) => boolean = () => true): JsonObject | undefined {
  for (const value of jsonObjects(text)) if (accept(value)) return value;
  return undefined;
}

/** An acceptor for objects carrying every one of `keys`. */
export function hasKeys(...keys: string[]): (value: JsonObject) => boolean {
  return (value) => keys.every((key) => key in value);
}

/** Index of the "}" closing the object that opens at `start`, or -1 when it never closes. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return ch === '}' ? i : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

function parseObject(span: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(span);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
