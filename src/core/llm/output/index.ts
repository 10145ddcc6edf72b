/**
 * The output-cleaning stage: everything between a model's raw reply and the
 * words the app shows, saves or scores. Agent turns, the script engine, the
 * trait judge, the strategy classifier and the measurement pipeline all read
 * model text through it, so a quirk is handled once for all of them.
 *
 * - reasoning.ts   reasoning blocks (<think>, <thinking>, <reasoning>, unclosed,
 *                  opened by the template, or sent in a separate stream field)
 * - json-object.ts the first complete JSON object of the requested shape in prose or fences
 * - role-break.ts  a reply that goes on to write the other speaker's lines
 * - refusal.ts     a model declining its persona, or answering from outside it
 * - language.ts    a reply in another language than the conversation
 *
 * The rule for an UNUSABLE reply (one that never becomes dialogue):
 *   after its reasoning is split off, a reply is unusable when
 *   (1) nothing is left — no text field of the requested JSON and no plain text
 *       (an empty reply, an unclosed reasoning block, only reasoning), or
 *   (2) what is left declines or steps outside the role (refusal.ts), or
 *   (3) cutting it at the first line written for the other speaker leaves nothing.
 *   An agent turn asks again after (1) and (3) like after a cut stream, and once
 *   more with a reminder after (2); a judge, classifier or pipeline answer with
 *   no JSON object of its shape is retried once and then dropped with a note.
 *   Prose or fences around the JSON, a role break with words before it, and a
 *   reply in another language are usable: the words are kept, with a note for
 *   the last two.
 */
export { ReasoningSplitter, splitReasoning, type SplitChunk } from './reasoning.js';
export { findJsonObject, hasKeys, jsonObjects, type JsonObject } from './json-object.js';
export { cutRoleBreak, RoleBreakGuard, speakerLabels, type RoleBreak, type SpeakerLabels } from './role-break.js';
export { detectRefusal, RefusalScreen, REFUSAL_PATTERNS, type RefusalFinding } from './refusal.js';
export { languageMismatch, languageName, languageOf } from './language.js';

import { findJsonObject, type JsonObject } from './json-object.js';
import { splitReasoning } from './reasoning.js';

/**
 * A whole (non-streamed) structured answer: reasoning split off, then the first
 * object `accept` takes, else the first object at all (so a validator can say
 * what is wrong with it). `text` is the visible reply, for notes and retries.
 */
export function readStructuredReply(raw: string, accept?: (value: JsonObject) => boolean): { json: JsonObject | undefined; text: string; reasoning: string } {
  const { text, reasoning } = splitReasoning(raw);
  const json = (accept ? findJsonObject(text, accept) : undefined) ?? findJsonObject(text);
  return { json, text, reasoning };
}
