import { readFileSync } from 'node:fs';
import type { EndReason, Turn } from '../domain.js';
import { SESSION_FORMAT_VERSION, type SessionHeader, type SessionRecord } from './format.js';

export interface LoadedSession {
  path: string;
  header: SessionHeader;
  records: SessionRecord[];
  turns: Turn[];
  ended?: { reason: EndReason; turns: number; at: string };
  /** Lines that could not be read (a truncated last line after a crash, typically). */
  skippedLines: number[];
}

export class SessionReadError extends Error {}

/** Reads a session log; tolerates a truncated or corrupt line anywhere but the header. */
export function readSession(path: string): LoadedSession {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SessionReadError(`cannot read session ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseSession(text, path);
}

export function parseSession(text: string, path = '<session>'): LoadedSession {
  const lines = text.split('\n');
  const records: SessionRecord[] = [];
  const skippedLines: number[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const record = JSON.parse(line) as SessionRecord;
      if (typeof record !== 'object' || record === null || typeof record.type !== 'string') throw new Error('not a record');
      records.push(record);
    } catch {
      skippedLines.push(i + 1);
    }
  });
  const header = records[0];
  if (!header || header.type !== 'header' || header.app !== 'persona-talks') {
    throw new SessionReadError(`${path} is not a persona-talks session (its first line is not a session header)`);
  }
  if (header.v > SESSION_FORMAT_VERSION) {
    throw new SessionReadError(`${path} was written by a newer persona-talks (format ${header.v}); please upgrade`);
  }
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
  return { path, header, records, turns, ended, skippedLines };
}
