import type { ChatMessage, JsonSchemaFormat } from '../llm/types.js';
import { detectRefusal, findJsonObject, splitReasoning, type RefusalFinding } from '../llm/output/index.js';
import type { Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import { STRATEGIES, type Strategy } from '../strategies.js';
import type { LabelSource, Speaker } from './events.js';
import { personaCard, situationLines, traitLines } from './persona-text.js';
import { STRATEGY_DEFINITIONS } from './prompts.js';
import { resolveSupporterLabel } from './supporter-label.js';

/**
 * The paper's way: one omniscient call writes the whole dialogue, which is then
 * split into labelled turns. Kept beside the two-agent engine so the two can be
 * compared on the same personas. In this engine "aware" puts both personas'
 * traits in the prompt (the paper's with-persona condition) and "blind" leaves
 * the seeker's traits out (without-persona); the situation is given in both.
 */

export const SCRIPT_OUTPUT_SCHEMA: JsonSchemaFormat = {
  name: 'esc_dialogue',
  schema: {
    type: 'object',
    properties: {
      dialog: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            speaker: { type: 'string', enum: ['seeker', 'supporter'] },
            strategy: { type: ['string', 'null'], enum: [...STRATEGIES, null] },
            content: { type: 'string' },
          },
          required: ['speaker', 'strategy', 'content'],
          additionalProperties: false,
        },
      },
    },
    required: ['dialog'],
    additionalProperties: false,
  },
};

export function scriptMessages(o: { seeker: Persona; supporter: Persona; condition: 'aware' | 'blind'; turns: number }): ChatMessage[] {
  const seekerLines = o.condition === 'aware' ? [personaCard(o.seeker), ...traitLines(o.seeker)] : [];
  const supporterLines = o.supporter.baseline ? ['A thoughtful, caring supporter with no particular persona.'] : [personaCard(o.supporter), ...traitLines(o.supporter)];
  const system = [
    'You write realistic emotional-support conversations between a help seeker and a supporter in an online text chat.',
    'Write the whole conversation at once.',
    '',
    'The seeker:',
    ...seekerLines,
    ...situationLines(o.seeker),
    '',
    'The supporter:',
    ...supporterLines,
    '',
    'Each supporter message uses exactly one of these strategies:',
    ...STRATEGIES.map((s) => `- ${s}: ${STRATEGY_DEFINITIONS[s]}`),
    '',
    'Rules:',
    `- Write exactly ${o.turns} messages in total, starting with the seeker, usually alternating.`,
    '- Each message is one to three sentences, as people type in a chat.',
    "- Let each person's personality and communication style show in what they say.",
    '- Seeker messages have strategy null; every supporter message names its strategy, spelled exactly as above.',
    '- If the seeker mentions suicide or self-harm, the supporter responds with care and points to emergency services or a crisis line.',
    '',
    'Answer with a JSON object only: {"dialog": [{"speaker": "seeker", "strategy": null, "content": "..."}, {"speaker": "supporter", "strategy": "Question", "content": "..."}]}',
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Write the ${o.turns}-message conversation now.` },
  ];
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
