import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { CSI_KEYS, HEXACO_KEYS } from '../traits/dimensions.js';
import type { PersonaError } from './errors.js';
import { formatFieldPath, lineOfField, type FieldPath } from './locate.js';
import { PersonaSchema } from './schema.js';

/** Fields allowed at each mapping level, for "did you mean" hints on unknown keys. */
const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(PersonaSchema.shape),
  hexaco: HEXACO_KEYS,
  csi: CSI_KEYS,
};

export interface IssueContext {
  file: string;
  /** The sanitized data that was validated, to tell "missing" from "wrong type". */
  data: unknown;
  /** Absent when the issue concerns data that did not come from a YAML file (e.g. saving). */
  doc?: Document;
  counter?: LineCounter;
  /** The fields allowed under a mapping, for "did you mean" hints in files that are not personas (default: the persona's). */
  knownKeys?: (parent: FieldPath) => readonly string[] | undefined;
}

/** Turns zod issues into file:line field errors with messages written for persona authors. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): PersonaError[] {
  const errors: PersonaError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        errors.push(at(ctx, path, unknownKeyMessage(issue.path, key, ctx.knownKeys)));
      }
      continue;
    }
    const anchor = issue.code === 'custom' ? (issue.params?.anchor as FieldPath | undefined) : undefined;
    errors.push(at(ctx, issue.path, humanMessage(issue, ctx.data), anchor));
  }
  // Zod reports unknown keys last; reading top to bottom matches how people fix a file.
  return errors.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}

function at(ctx: IssueContext, path: FieldPath, message: string, anchor?: FieldPath): PersonaError {
  const error: PersonaError = { file: ctx.file, message };
  const field = formatFieldPath(path);
  if (field) error.field = field;
  if (ctx.doc && ctx.counter) {
    const line = lineOfField(ctx.doc, ctx.counter, path, anchor);
    if (line !== undefined) error.line = line;
  }
  return error;
}

function humanMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path);
  if (issue.code === 'invalid_type') {
    if (value === undefined) return 'is required';
    // Zod's default wording; our own `error:` messages are kept as written.
    if (issue.message.startsWith('Invalid input')) return `must be ${typeName(issue.expected)}, not ${describeValue(value)}`;
  }
  if ((issue.code === 'too_big' || issue.code === 'too_small') && /^Too (big|small)/.test(issue.message)) {
    const unit = issue.origin === 'string' ? ' characters' : '';
    return issue.code === 'too_big' ? `must be at most ${String(issue.maximum)}${unit}` : `must be at least ${String(issue.minimum)}${unit}`;
  }
  return issue.message;
}

function unknownKeyMessage(parent: FieldPath, key: string, knownKeys?: IssueContext['knownKeys']): string {
  const known = knownKeys ? knownKeys(parent) : KNOWN_KEYS[formatFieldPath(parent)];
  if (!known) return 'is not a known field';
  const hint = closest(key, known);
  if (hint) return `is not a known field (did you mean "${hint}"?)`;
  return known.length <= 6 ? `is not a known field (expected one of: ${known.join(', ')})` : 'is not a known field';
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let cur = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function typeName(expected: string): string {
  switch (expected) {
    case 'string': return 'text';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'object': return 'a mapping (key: value lines)';
    case 'array': return 'a list';
    default: return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return `${String(value)}`;
  return `${typeof value === 'number' ? 'the number ' : ''}${String(value)}`;
}

/** The known key a typo most likely meant: same letters in another case, or a few edits away (fewer for short words). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (c.toLowerCase() === word.toLowerCase()) return c;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
