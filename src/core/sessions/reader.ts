import { readFileSync } from 'node:fs';
import type { EndReason, Turn } from '../domain.js';
import { SESSION_FORMAT_VERSION, type SessionHeader, type SessionRecord } from './format.js';
import { describeIssues, SessionEntrySchema, SessionHeaderSchema } from './schema.js';

/** A line that was left out, and why (a truncated last line after a crash, a record of the wrong shape). */
export interface SkippedLine {
  line: number;
  reason: string;
}

export interface LoadedSession {
  path: string;
  header: SessionHeader;
  records: SessionRecord[];
  turns: Turn[];
  ended?: { reason: EndReason; turns: number; at: string };
  /** Lines that could not be read (a truncated last line after a crash, typically). */
  skippedLines: number[];
  /** The same lines, each with what was wrong with it. */
  problems: SkippedLine[];
}

export class SessionReadError extends Error {}

export const NOT_JSON = 'not valid JSON (a line cut short, perhaps by a crash)';

/**
 * Reads a session log. Every line is checked against the schemas the recorder writes
 * with (schema.ts): a line that is not JSON or a record of the wrong shape is left out
 * and reported in `problems` with its line; a header of the wrong shape, or a first
 * line that is no header, refuses the whole file with the field that is wrong.
 */
export interface ReadOptions {
  /**
   * Record types the caller does not use, left unparsed (and unchecked): a listing
   * needs turns and endings, not the meter's readings, which are most of a long log.
   */
  skipTypes?: readonly string[];
}

export function readSession(path: string, options: ReadOptions = {}): LoadedSession {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SessionReadError(`cannot read session ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseSession(text, path, options);
}

export function parseSession(text: string, path = '<session>', options: ReadOptions = {}): LoadedSession {
  const lines = text.split('\n');
  // The recorder writes `type` first, so a record's kind is known before it is parsed.
  const skipped = (options.skipTypes ?? []).map((type) => `{"type":${JSON.stringify(type)},`);
  const records: SessionRecord[] = [];
  const problems: SkippedLine[] = [];
  let header: SessionHeader | undefined;
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    if (header && skipped.some((prefix) => line.startsWith(prefix))) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, reason: NOT_JSON });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { type?: unknown }).type !== 'string') {
      problems.push({ line: i + 1, reason: 'not a session record' });
      return;
    }
    if (!header) {
      header = readHeader(value as { type: string }, path);
      records.push(header);
      return;
    }
    const parsed = SessionEntrySchema.safeParse(value, { reportInput: true });
    if (parsed.success) records.push(parsed.data as SessionRecord);
    else problems.push({ line: i + 1, reason: describeIssues(parsed.error) });
  });
  if (!header) throw new SessionReadError(`${path} is not a persona-talks session (it has no session header)`);

  const turns: Turn[] = [];
  let ended: LoadedSession['ended'];
  for (const r of records) {
    if (r.type === 'turn') {
      // A resumed session may re-record a turn index after a crash: the later record wins.
      const at = turns.findIndex((t) => t.index === r.turn.index);
      if (at >= 0) turns.splice(at, turns.length - at, r.turn);
      else turns.push(r.turn);
    } else if (r.type === 'ended') ended = { reason: r.reason, turns: r.turns, at: r.at };
    else if (r.type === 'resumed') ended = undefined;
  }
  return { path, header, records, turns, ended, skippedLines: problems.map((p) => p.line), problems };
}

function readHeader(value: { type: string; app?: unknown; v?: unknown }, path: string): SessionHeader {
  if (value.type !== 'header' || value.app !== 'persona-talks') {
    throw new SessionReadError(`${path} is not a persona-talks session (its first line is not a session header)`);
  }
  if (typeof value.v === 'number' && value.v > SESSION_FORMAT_VERSION) {
    throw new SessionReadError(`${path} was written by a newer persona-talks (format ${value.v}); please upgrade`);
  }
  const parsed = SessionHeaderSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) throw new SessionReadError(`${path} cannot be read: its header is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data as SessionHeader;
}
