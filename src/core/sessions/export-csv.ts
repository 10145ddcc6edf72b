import type { Turn } from '../domain.js';
import { cleanForDisplay } from '../sanitize.js';
import type { StreamingExport } from './export-stream.js';
import type { LoadedSession } from './reader.js';

/** One row per turn, RFC 4180: CRLF between records, fields quoted when they hold a comma, quote or line break. */

export const CSV_COLUMNS = [
  'session_id',
  'index',
  'speaker',
  'by',
  'strategy',
  'label_source',
  'text',
  'started_at',
  'finished_at',
  'latency_ms',
  'prompt_tokens',
  'completion_tokens',
] as const;

export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = cleanForDisplay(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Model text is untrusted, and a spreadsheet runs a cell that starts with =, +, -
 * or @ as a formula (CSV injection). Such text gets a leading apostrophe, which
 * spreadsheets read as "this is text". Scripts that want the text verbatim turn
 * the guard off (`export --format csv --raw`).
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** Prefix text cells that a spreadsheet would run as a formula. Default true. */
  formulaGuard?: boolean;
}

function row(sessionId: string, turn: Turn, options: CsvOptions): string {
  return [
    sessionId,
    turn.index,
    turn.speaker,
    turn.by,
    turn.strategy,
    turn.labelSource,
    options.formulaGuard === false ? turn.text : guardFormula(turn.text),
    turn.startedAt,
    turn.finishedAt,
    turn.latencyMs,
    turn.usage?.promptTokens,
    turn.usage?.completionTokens,
  ]
    .map(csvField)
    .join(',');
}

/** A header line, then every turn of every session in order, a session at a time; ends with CRLF. */
export function csvExport(options: CsvOptions = {}): StreamingExport {
  return {
    head: () => `${CSV_COLUMNS.join(',')}\r\n`,
    entry: (s) => s.turns.map((turn) => `${row(s.header.id, turn, options)}\r\n`).join(''),
    tail: () => '',
  };
}

export function formatCsv(sessions: readonly LoadedSession[], options: CsvOptions = {}): string {
  const format = csvExport(options);
  return format.head(sessions.length) + sessions.map((s, i) => format.entry(s, i)).join('') + format.tail(sessions.length);
}
