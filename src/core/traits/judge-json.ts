import { readStructuredReply, type JsonObject } from '../llm/output/index.js';

/**
 * Reading a JSON object out of a model reply, through the output-cleaning stage:
 * reasoning blocks are split off first, then the first complete object `accept`
 * takes (the shape asked for) is found in bare JSON, prose or a ```json fence;
 * failing that, the first object at all, so a validator can say what is wrong.
 * Anything else is "not JSON" — callers retry or drop, they never guess numbers out of prose.
 */
export function extractJsonObject(text: string, accept?: (value: JsonObject) => boolean): unknown {
  return readStructuredReply(text, accept).json;
}

/** The reply without its reasoning: what a note, a retry or a fallback reads. */
export function visibleReply(text: string): string {
  return readStructuredReply(text).text;
}

/** A short, single-line excerpt of a bad reply for a notice (never the whole thing). */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
