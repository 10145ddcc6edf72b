import { relative, sep } from 'node:path';
import { csvField, guardFormula } from '../sessions/export-csv.js';
import { cleanForDisplay } from '../sanitize.js';
import type { ConversationFacts } from './facts.js';
import type { ManifestEntry } from './folder.js';

/**
 * The report's data as tidy tables for R or pandas: one row per conversation ×
 * speaker × dimension (traits), one per supporter turn (turns), one per
 * conversation (conversations, the planned ones not yet run included). Every
 * readable conversation has its rows, finished or not — the `state` column says
 * which; the report's statistics use the finished ones. No message text: that
 * is what `persona-talks export` is for.
 */

export type Cell = string | number | boolean | undefined;
export interface TidyTable {
  name: string;
  columns: readonly string[];
}

export const TRAITS_TABLE = {
  name: 'traits',
  columns: ['conversation', 'state', 'arm', 'condition', 'engine', 'model', 'rep', 'role', 'persona', 'role_model', 'family', 'dimension', 'target', 'measured', 'difference', 'abs_difference', 'source', 'after_turn'],
} as const satisfies TidyTable;

export const TURNS_TABLE = {
  name: 'turns',
  columns: ['conversation', 'state', 'arm', 'condition', 'engine', 'model', 'rep', 'seeker', 'supporter', 'index', 'by', 'strategy', 'label_source', 'perceived', 'agrees', 'comparable', 'latency_ms', 'prompt_tokens', 'completion_tokens'],
} as const satisfies TidyTable;

export const CONVERSATIONS_TABLE = {
  name: 'conversations',
  columns: [
    'conversation', 'state', 'end_reason', 'arm', 'condition', 'engine', 'model', 'rep', 'seed', 'seeker', 'supporter', 'seeker_model', 'supporter_model', 'judge_model',
    'turns', 'supporter_turns', 'refusals', 'generation_calls', 'judge_calls', 'prompt_tokens', 'completion_tokens', 'wall_seconds',
    'empathy', 'relevance', 'initial_intensity', 'final_intensity', 'session_file',
  ],
} as const satisfies TidyTable;

type Row<T extends TidyTable> = Record<T['columns'][number], Cell>;

export function traitRows(f: ConversationFacts): Array<Row<typeof TRAITS_TABLE>> {
  return f.traits.flatMap((speaker) =>
    speaker.rows.map((r) => {
      const diff = r.target !== undefined && r.measured !== undefined ? r.measured - r.target : undefined;
      return {
        ...conversationColumns(f),
        role: speaker.role,
        persona: speaker.persona,
        role_model: speaker.model,
        family: r.family,
        dimension: r.dimension,
        target: r.target,
        measured: r.measured,
        difference: diff,
        abs_difference: diff === undefined ? undefined : Math.abs(diff),
        source: speaker.source,
        after_turn: speaker.afterTurn,
      };
    }),
  );
}

/** The columns every tidy row starts with: which conversation, and the cell it ran in. */
function conversationColumns(f: ConversationFacts) {
  return { conversation: f.id, state: f.state, arm: f.factors.arm, condition: f.factors.condition, engine: f.factors.engine, model: f.factors.model, rep: f.rep };
}

export function turnRows(f: ConversationFacts): Array<Row<typeof TURNS_TABLE>> {
  return f.supporterTurns.map((t) => ({
    ...conversationColumns(f),
    seeker: f.seeker,
    supporter: f.supporter,
    index: t.index,
    by: t.by,
    strategy: t.strategy,
    label_source: t.labelSource,
    perceived: t.perceived,
    agrees: t.strategy !== undefined && t.perceived !== undefined ? t.strategy === t.perceived : undefined,
    comparable: t.comparable,
    latency_ms: t.latencyMs,
    prompt_tokens: t.promptTokens,
    completion_tokens: t.completionTokens,
  }));
}

/** `dir`: the experiment folder, which session_file is relative to. */
export function conversationRow(f: ConversationFacts, dir: string): Row<typeof CONVERSATIONS_TABLE> {
  const generation = f.costs.filter((c) => c.role !== 'judge');
  const complete = generation.every((c) => c.callsWithoutTokens === 0);
  return {
    conversation: f.id,
    state: f.state,
    end_reason: f.endReason,
    arm: f.factors.arm,
    condition: f.factors.condition,
    engine: f.factors.engine,
    model: f.factors.model,
    rep: f.rep,
    seed: f.seed,
    seeker: f.seeker,
    supporter: f.supporter,
    seeker_model: f.models.seeker,
    supporter_model: f.models.supporter,
    judge_model: f.models.judge,
    turns: f.turns,
    supporter_turns: f.supporterTurns.length,
    refusals: f.refusals.length,
    generation_calls: generation.reduce((n, c) => n + c.calls, 0),
    judge_calls: f.costs.filter((c) => c.role === 'judge').reduce((n, c) => n + c.calls, 0),
    prompt_tokens: complete ? generation.reduce((n, c) => n + c.promptTokens, 0) : undefined,
    completion_tokens: complete ? generation.reduce((n, c) => n + c.completionTokens, 0) : undefined,
    wall_seconds: f.wallMs === undefined ? undefined : f.wallMs / 1000,
    empathy: f.quality?.empathy,
    relevance: f.quality?.relevance,
    initial_intensity: f.quality?.initialIntensity,
    final_intensity: f.quality?.finalIntensity,
    session_file: relative(dir, f.file).split(sep).join('/'),
  };
}

/** A planned conversation with no session file yet. */
export function plannedRow(entry: ManifestEntry): Row<typeof CONVERSATIONS_TABLE> {
  const empty = Object.fromEntries(CONVERSATIONS_TABLE.columns.map((c) => [c, undefined])) as Row<typeof CONVERSATIONS_TABLE>;
  return { ...empty, conversation: entry.id, state: 'not started', arm: entry.arm, engine: entry.engine, model: entry.model, rep: entry.rep, seed: entry.seed, seeker: entry.seeker, supporter: entry.supporter };
}

/** A CSV line (RFC 4180, CRLF): text cells neutralised and guarded against spreadsheet formulas; empty = missing. */
export function csvLine(columns: readonly string[], row: Readonly<Record<string, Cell>>): string {
  return `${columns
    .map((c) => {
      const v = row[c];
      if (v === undefined) return '';
      if (typeof v === 'number') return csvField(Number.isInteger(v) ? v : Number(v.toPrecision(12)));
      if (typeof v === 'boolean') return v ? 'true' : 'false';
      return csvField(guardFormula(v));
    })
    .join(',')}\r\n`;
}

export function csvHead(columns: readonly string[]): string {
  return `${columns.join(',')}\r\n`;
}

/** A JSON record: every column present, a missing value as null (what pandas and jsonlite read as NA). */
export function jsonRecord(columns: readonly string[], row: Readonly<Record<string, Cell>>): string {
  return JSON.stringify(Object.fromEntries(columns.map((c) => [c, typeof row[c] === 'string' ? cleanForDisplay(row[c]) : (row[c] ?? null)])));
}
