/**
 * Persona text ends up in terminals, prompts and exports, so control characters
 * (escape sequences, bells, carriage returns, bidi overrides) are removed on load
 * and before saving. Newlines and tabs stay: descriptions may be multi-line.
 */
function isUnsafeCodePoint(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a) return false;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true;
  // Bidi embeddings/overrides/isolates can make displayed text differ from stored text.
  return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

export function stripControlChars(text: string): string {
  let out = '';
  for (const ch of text) {
    if (!isUnsafeCodePoint(ch.codePointAt(0) ?? 0)) out += ch;
  }
  return out;
}

/** Applies stripControlChars to every string (keys included) in plain parsed data. */
export function sanitizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return stripControlChars(value);
  if (Array.isArray(value)) return value.map(sanitizeStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripControlChars(k), sanitizeStrings(v)]));
  }
  return value;
}
