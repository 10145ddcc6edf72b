import { basename, join } from 'node:path';
import type { Speaker, Turn } from '../domain.js';
import { PersonaSchema, type Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import { parseStrategy, type Strategy } from '../strategies.js';
import { CSI_KEYS, HEXACO_KEYS } from '../traits/dimensions.js';
import { SESSION_EXTENSION, SESSION_FORMAT_VERSION, type SessionHeader } from './format.js';
import { newSessionId, SessionRecorder } from './recorder.js';

/**
 * The ESConv file format (Liu et al., 2021): a JSON array of conversations
 * `{experience_type, emotion_type, problem_type, situation, survey_score,
 * dialog}`. Published copies vary — "usr"/"sys" or "speaker"/"listener" for
 * seeker/supporter, numbers stored as strings, content ending in "\n", strategy
 * spellings such as "Questions" — so reading is forgiving and writing is canonical.
 */

export interface EsconvSeekerSurvey {
  initial_emotion_intensity: number | null;
  final_emotion_intensity: number | null;
  empathy: number | null;
  relevance: number | null;
}

export interface EsconvMessage {
  speaker: Speaker;
  annotation: Record<string, unknown>;
  content: string;
}

export interface EsconvConversation {
  experience_type: string | null;
  emotion_type: string | null;
  problem_type: string | null;
  situation: string | null;
  survey_score: { seeker: EsconvSeekerSurvey; supporter: Record<string, number | null> };
  dialog: EsconvMessage[];
}

/** One conversation read from a file, normalised; `annotations` holds non-strategy annotation fields per message. */
export interface ParsedEsconv {
  index: number;
  experienceType: string | null;
  emotionType: string | null;
  problemType: string | null;
  situation: string | null;
  survey: { seeker: EsconvSeekerSurvey; supporter: Record<string, number | null> };
  messages: Array<{ speaker: Speaker; content: string; strategy?: Strategy; sourceLabel?: string; annotation: Record<string, unknown> }>;
  /** Top-level keys beyond ESConv's own (e.g. seeker_question1), kept in the session header. */
  other: Record<string, unknown>;
  /** Things fixed or dropped inside an otherwise imported conversation. */
  notes: string[];
}

export interface SkippedEntry {
  index: number;
  reason: string;
}

export interface EsconvParseResult {
  conversations: ParsedEsconv[];
  skipped: SkippedEntry[];
}

export class EsconvFormatError extends Error {}

const SEEKER_NAMES = new Set(['seeker', 'usr', 'user', 'speaker']);
const SUPPORTER_NAMES = new Set(['supporter', 'sys', 'system', 'listener']);
const KNOWN_KEYS = new Set(['experience_type', 'emotion_type', 'problem_type', 'situation', 'survey_score', 'dialog']);
const SEEKER_SURVEY_KEYS = ['initial_emotion_intensity', 'final_emotion_intensity', 'empathy', 'relevance'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text from an untrusted file: control characters neutralised, surrounding whitespace (the trailing "\n") trimmed. */
function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = cleanForDisplay(value).trim();
  return text === '' ? null : text;
}

/** 5, "5", " 5 " → 5; "", null, absent → null; anything else → null with a note. */
function toNumber(value: unknown, where: string, notes: string[]): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (Number.isFinite(n)) return n;
  notes.push(`${where} is not a number (${JSON.stringify(value)}); left empty`);
  return null;
}

function parseSurvey(raw: unknown, notes: string[]): ParsedEsconv['survey'] {
  const survey = isObject(raw) ? raw : {};
  const seekerRaw = isObject(survey.seeker) ? survey.seeker : {};
  const supporterRaw = isObject(survey.supporter) ? survey.supporter : {};
  const seeker = Object.fromEntries(
    SEEKER_SURVEY_KEYS.map((k) => [k, toNumber(seekerRaw[k], `survey_score.seeker.${k}`, notes)]),
  ) as unknown as EsconvSeekerSurvey;
  const supporter = Object.fromEntries(
    Object.entries(supporterRaw).map(([k, v]) => [k, toNumber(v, `survey_score.supporter.${k}`, notes)]),
  );
  return { seeker, supporter };
}

function parseConversation(raw: unknown, index: number): ParsedEsconv | SkippedEntry {
  if (!isObject(raw)) return { index, reason: `not an object (${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw})` };
  if (!('dialog' in raw)) return { index, reason: 'no dialog' };
  if (!Array.isArray(raw.dialog)) return { index, reason: 'dialog is not a list' };
  if (raw.dialog.length === 0) return { index, reason: 'empty dialog' };

  const notes: string[] = [];
  const messages: ParsedEsconv['messages'] = [];
  const unknownLabels = new Map<string, number>();
  raw.dialog.forEach((m, i) => {
    if (!isObject(m)) return notes.push(`message ${i} is not an object; dropped`);
    const speakerName = typeof m.speaker === 'string' ? m.speaker.trim().toLowerCase() : '';
    const speaker: Speaker | undefined = SEEKER_NAMES.has(speakerName) ? 'seeker' : SUPPORTER_NAMES.has(speakerName) ? 'supporter' : undefined;
    if (!speaker) return notes.push(`message ${i} has an unknown speaker ${JSON.stringify(m.speaker)}; dropped`);
    const content = cleanText(m.content);
    if (content === null) return notes.push(`message ${i} has no text; dropped`);
    const { strategy: rawStrategy, ...rest } = isObject(m.annotation) ? m.annotation : {};
    const annotation = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' ? cleanForDisplay(v) : v]));
    if (speaker === 'seeker') {
      // A strategy on a seeker message is not ESConv's; keep it verbatim rather than lose it.
      if (rawStrategy !== undefined) annotation.strategy = rawStrategy;
      return messages.push({ speaker, content, annotation });
    }
    // The file's own spelling is kept either way, so an export writes back what came in.
    const sourceLabel = typeof rawStrategy === 'string' ? cleanForDisplay(rawStrategy) : undefined;
    let strategy = parseStrategy(typeof rawStrategy === 'string' ? rawStrategy : undefined);
    if (!strategy) {
      // Every supporter turn carries one of the eight labels; ESConv's own catch-all is "Others".
      const shown = rawStrategy === undefined ? '(none)' : cleanForDisplay(String(rawStrategy));
      unknownLabels.set(shown, (unknownLabels.get(shown) ?? 0) + 1);
      strategy = 'Others';
    }
    return messages.push({ speaker, content, strategy, ...(sourceLabel !== undefined ? { sourceLabel } : {}), annotation });
  });
  for (const [label, count] of unknownLabels) {
    notes.push(`${count} supporter message${count === 1 ? '' : 's'} with strategy ${label === '(none)' ? 'missing' : JSON.stringify(label)} labelled Others`);
  }
  if (messages.length === 0) return { index, reason: cleanForDisplay(`no usable messages (${notes.join('; ')})`) };

  const other = Object.fromEntries(Object.entries(raw).filter(([k]) => !KNOWN_KEYS.has(k)));
  return {
    index,
    experienceType: cleanText(raw.experience_type),
    emotionType: cleanText(raw.emotion_type),
    problemType: cleanText(raw.problem_type),
    situation: cleanText(raw.situation),
    survey: parseSurvey(raw.survey_score, notes),
    messages,
    other,
    // Notes quote the file's own values: neutralised once here, for the text report and for --json alike.
    notes: notes.map(cleanForDisplay),
  };
}

/**
 * Reads ESConv text: a JSON array of conversations, a single conversation
 * object, or JSON Lines with one conversation per line. Throws
 * EsconvFormatError only when nothing in it can be read as conversations.
 */
export function parseEsconv(text: string): EsconvParseResult {
  let entries: unknown[];
  try {
    const data: unknown = JSON.parse(text);
    if (Array.isArray(data)) entries = data;
    else if (isObject(data) && 'dialog' in data) entries = [data];
    else throw new EsconvFormatError('the file is JSON but not a list of ESConv conversations');
  } catch (error) {
    if (error instanceof EsconvFormatError) throw error;
    entries = parseJsonLines(text, (error as Error).message);
  }
  const conversations: ParsedEsconv[] = [];
  const skipped: SkippedEntry[] = [];
  entries.forEach((entry, i) => {
    const parsed = entry instanceof JsonLineError ? { index: i, reason: entry.message } : parseConversation(entry, i);
    if ('reason' in parsed) skipped.push(parsed);
    else conversations.push(parsed);
  });
  return { conversations, skipped };
}

class JsonLineError {
  constructor(readonly message: string) {}
}

function parseJsonLines(text: string, jsonError: string): unknown[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new EsconvFormatError(`the file is not valid JSON (${jsonError})`);
  const entries = lines.map((line, i) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return new JsonLineError(`line ${i + 1} is not valid JSON`);
    }
  });
  if (entries.every((e) => e instanceof JsonLineError)) throw new EsconvFormatError(`the file is not valid JSON (${jsonError})`);
  return entries;
}

// ——— Conversation → session ———

/** What the header's `source.extra` holds for an ESConv import, so an export gives back what came in. */
export interface EsconvExtra {
  experience_type: string | null;
  emotion_type: string | null;
  problem_type: string | null;
  situation: string | null;
  survey_score: ParsedEsconv['survey'];
  /** Non-strategy annotation fields (e.g. seeker feedback), keyed by turn index. */
  annotations: Record<string, Record<string, unknown>>;
  other: Record<string, unknown>;
}

export const ESCONV_SUPPORTER_ID = 'esconv-human-supporter';
/** Marks the seeker's HEXACO/CSI as placeholders: reports must not treat them as targets. */
export const IMPORTED_TRAITS_NOTE = 'imported: traits unknown. The HEXACO and CSI values are neutral placeholders (3), not a personality; reports ignore them as targets.';

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function importedSeeker(c: ParsedEsconv): Persona {
  const emotion = c.emotionType ?? 'unknown';
  const problem = c.problemType ?? 'unknown';
  const intensity = c.survey.seeker.initial_emotion_intensity;
  // The schema demands traits of a seeker (only supporters may be baselines), so the
  // seeker gets neutral placeholders, flagged in notes and by the header's source.
  return PersonaSchema.parse({
    id: `esconv-seeker-${c.index}`,
    role: 'seeker',
    name: `ESConv seeker ${c.index}`,
    description: clip(`A help-seeker from an ESConv conversation, feeling ${emotion} about ${problem}.`, 2000),
    hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, 3])),
    csi: Object.fromEntries(CSI_KEYS.map((k) => [k, 3])),
    notes: IMPORTED_TRAITS_NOTE,
    emotion_type: clip(emotion, 40),
    problem_type: clip(problem, 60),
    situation: clip(c.situation ?? '(no situation given)', 2000),
    initial_intensity: intensity === null ? 3 : Math.min(5, Math.max(1, Math.round(intensity))),
  });
}

const IMPORTED_SUPPORTER: Persona = {
  id: ESCONV_SUPPORTER_ID,
  role: 'supporter',
  name: 'ESConv human supporter',
  baseline: true,
  description: 'A trained human supporter from the ESConv dataset; no persona was given.',
};

export interface ImportedConversation {
  header: SessionHeader;
  turns: Turn[];
}

/**
 * A session for one ESConv conversation. Two people typing separately map to
 * the 'agents' engine; ESConv supporters learned the problem by asking, so the
 * condition is 'blind'. Turn times are the import time: there is no recorded pace.
 */
export function esconvToSession(c: ParsedEsconv, options: { file: string; appVersion: string; now?: Date }): ImportedConversation {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const seeker = importedSeeker(c);
  const annotations: EsconvExtra['annotations'] = {};
  const turns: Turn[] = c.messages.map((m, index) => {
    if (Object.keys(m.annotation).length > 0) annotations[String(index)] = m.annotation;
    return {
      index,
      speaker: m.speaker,
      text: m.content,
      ...(m.strategy ? { strategy: m.strategy, labelSource: 'imported' as const } : {}),
      ...(m.sourceLabel !== undefined ? { sourceLabel: m.sourceLabel } : {}),
      by: 'human',
      startedAt: at,
      finishedAt: at,
    };
  });
  const extra: EsconvExtra = {
    experience_type: c.experienceType,
    emotion_type: c.emotionType,
    problem_type: c.problemType,
    situation: c.situation,
    survey_score: c.survey,
    annotations,
    other: c.other,
  };
  const human = { baseURL: 'esconv', model: 'human' };
  const header: SessionHeader = {
    type: 'header',
    v: SESSION_FORMAT_VERSION,
    app: 'persona-talks',
    appVersion: options.appVersion,
    id: newSessionId(seeker.id, IMPORTED_SUPPORTER.id, now),
    createdAt: at,
    engine: 'agents',
    condition: 'blind',
    mode: 'watch',
    turnCap: turns.length,
    models: { seeker: human, supporter: human },
    personas: { seeker, supporter: IMPORTED_SUPPORTER },
    source: { kind: 'esconv', file: basename(options.file), index: c.index, extra: extra as unknown as Record<string, unknown> },
  };
  return { header, turns };
}

/** The ESConv fields of an imported session's header, or undefined for a generated session. */
export function esconvExtraOf(header: SessionHeader): EsconvExtra | undefined {
  if (header.source?.kind !== 'esconv' || !isObject(header.source.extra)) return undefined;
  return header.source.extra as unknown as EsconvExtra;
}

export interface ImportReport {
  imported: Array<{ index: number; path: string; turns: number; notes: string[] }>;
  skipped: SkippedEntry[];
}

/**
 * Writes one session file per readable conversation in `text` (the contents of
 * `file`) into `dir`, as the conversation's events would have: started, each
 * turn, ended. Where it came from is in the header's `source`.
 */
export function importEsconv(text: string, options: { file: string; dir: string; appVersion: string }): ImportReport {
  const { conversations, skipped } = parseEsconv(text);
  const imported: ImportReport['imported'] = [];
  for (const c of conversations) {
    const { header, turns } = esconvToSession(c, options);
    // Thousands of sessions: one write each, and one sync of the folder at the end
    // rather than an fsync per file (an import cut short is simply run again).
    const path = SessionRecorder.writeWhole(options.dir, header.id, [
      { type: 'session-started', header, path: join(options.dir, `${header.id}${SESSION_EXTENSION}`) },
      ...turns.map((turn) => ({ type: 'turn-finished' as const, turn })),
      { type: 'ended', reason: 'turn-cap', turns: turns.length },
    ]);
    imported.push({ index: c.index, path, turns: turns.length, notes: c.notes });
  }
  if (imported.length > 0) SessionRecorder.syncFolder(options.dir);
  return { imported, skipped };
}
