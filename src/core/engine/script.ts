import type { Condition, LabelSource, Speaker } from '../domain.js';
import { detectRefusal, findJsonObject, splitReasoning, type RefusalFinding } from '../llm/output/index.js';
import type { ChatRequest } from '../llm/types.js';
import type { Persona } from '../personas/schema.js';
import { SCRIPT_OUTPUT_SCHEMA, scriptMessages } from '../prompts/script.js';
import { cleanForDisplay } from '../sanitize.js';
import type { Strategy } from '../strategies.js';
import { resolveSupporterLabel } from './supporter-label.js';

/**
 * The paper's way: one omniscient call writes the whole dialogue (prompts/script.ts
 * asks for it), which is then split here into labelled turns. Kept beside the
 * two-agent engine so the two can be compared on the same personas.
 */

/**
 * The script engine's one request: the same whether a conversation sends it
 * live or an experiment writes it to a batch file for a batch API.
 */
export function scriptRequest(o: { seeker: Persona; supporter: Persona; condition: Condition; turnCap: number; seekerTraits?: boolean; temperature?: number; seed?: number }): ChatRequest {
  return {
    messages: scriptMessages({ seeker: o.seeker, supporter: o.supporter, condition: o.condition, turns: o.turnCap, seekerTraits: o.seekerTraits ?? true }),
    jsonSchema: SCRIPT_OUTPUT_SCHEMA,
    temperature: o.temperature,
    seed: o.seed,
    // Room for the whole dialogue (a chat message is rarely 100 tokens), but not unbounded.
    maxTokens: Math.min(32_000, 400 + 150 * o.turnCap),
  };
}

export interface ScriptTurn {
  speaker: Speaker;
  text: string;
  strategy?: Strategy;
  labelSource?: LabelSource;
  note?: string;
}

/**
 * Splits a written dialogue into turns: the JSON asked for, or — for servers that
 * ignore json_schema — lines like "Seeker: …" / "Supporter (Question): …".
 */
export function splitScript(raw: string): ScriptTurn[] {
  // Reasoning first: a plan before the dialogue may hold braces and "Seeker:" lines of its own.
  const { text } = splitReasoning(raw);
  const fromJson = parseJsonDialog(text);
  const entries = fromJson ?? parseTextDialog(text);
  const turns: ScriptTurn[] = [];
  for (const e of entries) {
    const text = cleanForDisplay(e.text).trim();
    if (text === '') continue;
    if (e.speaker === 'supporter') {
      const label = resolveSupporterLabel(e.label ?? undefined, undefined, fromJson !== undefined);
      turns.push({ speaker: 'supporter', text, strategy: label.strategy, labelSource: label.labelSource, note: label.note });
    } else {
      turns.push({ speaker: 'seeker', text });
    }
  }
  return turns;
}

interface RawEntry {
  speaker: Speaker;
  text: string;
  label?: string | null;
}

function speakerOf(value: unknown): Speaker | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase().trim();
  if (v === 'seeker' || v === 'speaker' || v === 'usr' || v === 'user') return 'seeker';
  if (v === 'supporter' || v === 'listener' || v === 'sys' || v === 'system') return 'supporter';
  return undefined;
}

/** A script that wrote no dialogue because the model declined: its visible words and why. */
export function scriptRefusal(raw: string): (RefusalFinding & { text: string }) | undefined {
  const { text } = splitReasoning(raw);
  const finding = detectRefusal(text, 'supporter');
  return finding ? { ...finding, text: cleanForDisplay(text).trim().slice(0, 500) } : undefined;
}

function parseJsonDialog(raw: string): RawEntry[] | undefined {
  const dialog = findJsonObject(raw, (v) => Array.isArray(v.dialog))?.dialog;
  if (!Array.isArray(dialog)) return undefined;
  const entries: RawEntry[] = [];
  for (const item of dialog) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as Record<string, unknown>;
    const speaker = speakerOf(o.speaker);
    const text = typeof o.content === 'string' ? o.content : typeof o.text === 'string' ? o.text : undefined;
    if (!speaker || text === undefined) continue;
    entries.push({ speaker, text, label: typeof o.strategy === 'string' ? o.strategy : null });
  }
  return entries;
}

const LINE_RE = /^\s*(?:\*\*)?(seeker|supporter|speaker|listener)(?:\*\*)?\s*(?:[([]\s*([^)\]]+?)\s*[)\]])?\s*(?:\*\*)?\s*:\s*(.*)$/i;

function parseTextDialog(raw: string): RawEntry[] {
  const entries: RawEntry[] = [];
  for (const line of raw.split('\n')) {
    const m = LINE_RE.exec(line);
    if (m) {
      entries.push({ speaker: speakerOf(m[1]) ?? 'seeker', label: m[2] ?? null, text: m[3] ?? '' });
    } else if (entries.length > 0 && line.trim() !== '') {
      entries[entries.length - 1]!.text += `\n${line.trim()}`;
    }
  }
  return entries;
}
