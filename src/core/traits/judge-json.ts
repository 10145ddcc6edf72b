/**
 * Reading a JSON object out of a model reply. Servers that honour json_schema
 * send bare JSON; those that ignore it wrap it in prose or a ```json fence, so
 * we take the outermost {...} span. Anything else is "not JSON" — callers retry
 * or drop, they never guess numbers out of prose.
 */
export function extractJsonObject(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through: look for an object inside prose or a code fence
  }
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    return JSON.parse(trimmed.slice(start, end + 1));
  } catch {
    return undefined;
  }
}

/** A short, single-line excerpt of a bad reply for a notice (never the whole thing). */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
