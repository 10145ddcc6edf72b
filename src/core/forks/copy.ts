import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { Turn } from '../domain.js';
import { SESSION_FORMAT_VERSION, type SessionRecord } from '../sessions/format.js';
import type { ForkSource } from './plan.js';

/** What a fork takes from its parent: the kept turns, and the records that say them, line for line. */
export interface ForkCopy {
  turns: Turn[];
  lines: string[];
}

export class ForkCopyError extends Error {}

/**
 * The parent's records of turns 1..at, as the exact lines of its log: each kept
 * turn's record (the last one of its index, as the reader takes it after a
 * resume), and (unless `readings` is false) the meter readings and perceived
 * labels of those turns. Copied,
 * never regenerated or re-serialised, so the fork's first `at` turns are the
 * parent's byte for byte. A source with no log (a live conversation that saves
 * nothing) gets records written the way the recorder writes them.
 */
export function forkCopy(source: ForkSource, at: number, options: { readings?: boolean } = {}): ForkCopy {
  const readings = options.readings ?? true;
  const kept = source.turns.slice(0, at);
  if (!source.path) {
    return { turns: kept, lines: kept.map((turn) => JSON.stringify({ type: 'turn', turn, v: SESSION_FORMAT_VERSION, at: turn.finishedAt })) };
  }
  let text: string;
  try {
    text = readFileSync(source.path, 'utf8');
  } catch (error) {
    throw new ForkCopyError(`cannot read ${source.path} to copy its turns: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const entries = recordLines(text);
  // The kept turns as the reader sees them: a later record of an index replaces it and what followed.
  const turnEntries: Array<{ record: Extract<SessionRecord, { type: 'turn' }>; line: string; order: number }> = [];
  entries.forEach(({ record, line }, order) => {
    if (record.type !== 'turn') return;
    const at = turnEntries.findIndex((e) => e.record.turn.index === record.turn.index);
    if (at >= 0) turnEntries.splice(at, turnEntries.length - at);
    turnEntries.push({ record, line, order });
  });
  const keptEntries = turnEntries.filter((e) => e.record.turn.index < at);
  const turns = keptEntries.map((e) => e.record.turn);
  if (!isDeepStrictEqual(turns, kept)) {
    throw new ForkCopyError(`${source.path} no longer holds the turns it was read with (did another program change it?); read it again and fork then.`);
  }
  const chosen = new Set(keptEntries.map((e) => e.order));
  entries.forEach(({ record }, order) => {
    if (!readings) return;
    if ((record.type === 'meter' && record.afterTurn < at) || (record.type === 'perceived' && record.index < at)) chosen.add(order);
  });
  return { turns, lines: [...chosen].sort((a, b) => a - b).map((order) => entries[order]!.line) };
}

/** Every line that is a record, with its text exactly as written (the reader's rules: blank and broken lines are skipped). */
function recordLines(text: string): Array<{ record: SessionRecord; line: string }> {
  const out: Array<{ record: SessionRecord; line: string }> = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const record = JSON.parse(line) as SessionRecord;
      if (typeof record === 'object' && record !== null && typeof record.type === 'string') out.push({ record, line });
    } catch {
      // a line cut short by a crash: the reader skips it too
    }
  }
  return out;
}
