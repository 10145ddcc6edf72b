import type { Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import { coerceStrategy, ESCONV_SPELLING } from '../strategies.js';
import { esconvExtraOf, type EsconvExtra } from './esconv.js';
import { formatAll, type StreamingExport } from './export-stream.js';
import type { LoadedSession } from './reader.js';

/**
 * A session as one ESConv conversation, written the way the dataset writes it, so
 * code made for ESConv reads it unchanged: every supporter message carries
 * `annotation.strategy` in ESConv's own spelling (ESCONV_SPELLING), a seeker
 * message may carry `annotation.feedback`, `experience_type` is one of the
 * dataset's values or absent (never null), survey scores are numbers or absent.
 * An imported session gives back its own context, scores, annotations and extra
 * keys; a generated one takes its context from the seeker persona.
 */

export interface EsconvExportMessage {
  speaker: 'seeker' | 'supporter';
  annotation: Record<string, unknown>;
  content: string;
}

export interface EsconvExportConversation {
  experience_type?: string;
  emotion_type: string;
  problem_type: string;
  situation: string;
  survey_score: { seeker: Record<string, number>; supporter: Record<string, number> };
  dialog: EsconvExportMessage[];
  [extra: string]: unknown;
}

/** The values ESConv's experience_type takes. */
export const ESCONV_EXPERIENCE_TYPES = ['Current Experience', 'Previous Experience'] as const;

export function sessionToEsconv(session: LoadedSession): EsconvExportConversation {
  const { header, turns } = session;
  const extra = esconvExtraOf(header);
  const dialog: EsconvExportMessage[] = turns.map((turn) => {
    const kept = extra?.annotations?.[String(turn.index)] ?? {};
    const annotation: Record<string, unknown> =
      turn.speaker === 'supporter' ? { strategy: esconvLabel(turn), ...withoutStrategy(kept) } : { ...kept };
    return { speaker: turn.speaker, annotation: deepClean(annotation) as Record<string, unknown>, content: cleanForDisplay(turn.text) };
  });
  const seeker = header.personas.seeker;
  const experience = experienceType(extra?.experience_type);
  return {
    ...(experience ? { experience_type: experience } : {}),
    ...context(extra, seeker),
    survey_score: extra ? importedSurvey(extra) : { seeker: numbersOnly({ initial_emotion_intensity: seeker.initial_intensity }), supporter: {} },
    dialog,
    ...(extra?.other ? (deepClean(extra.other) as Record<string, unknown>) : {}),
  };
}

/** An imported turn's label as its file spelled it; any other turn's in ESConv's own spelling. */
function esconvLabel(turn: LoadedSession['turns'][number]): string {
  if (turn.labelSource === 'imported' && turn.sourceLabel !== undefined) return turn.sourceLabel;
  return ESCONV_SPELLING[coerceStrategy(turn.strategy)];
}

/** ESConv's reference code reads these three as strings: an imported session without them falls back to its seeker persona. */
function context(extra: EsconvExtra | undefined, seeker: Persona): Pick<EsconvExportConversation, 'emotion_type' | 'problem_type' | 'situation'> {
  return {
    emotion_type: cleanForDisplay(extra?.emotion_type ?? seeker.emotion_type ?? 'unknown'),
    problem_type: cleanForDisplay(extra?.problem_type ?? seeker.problem_type ?? 'unknown'),
    situation: cleanForDisplay(extra?.situation ?? seeker.situation ?? ''),
  };
}

function experienceType(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase();
  return ESCONV_EXPERIENCE_TYPES.find((t) => t.toLowerCase() === key);
}

function importedSurvey(extra: EsconvExtra): EsconvExportConversation['survey_score'] {
  return { seeker: numbersOnly(extra.survey_score?.seeker ?? {}), supporter: numbersOnly(extra.survey_score?.supporter ?? {}) };
}

function numbersOnly(values: object): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1])));
}

function withoutStrategy(annotation: Record<string, unknown>): Record<string, unknown> {
  const { strategy: _strategy, ...rest } = annotation;
  return rest;
}

/** Every string inside, at any depth, neutralised: extra keys of an imported file are as untrusted as model text. */
function deepClean(value: unknown): unknown {
  if (typeof value === 'string') return cleanForDisplay(value);
  if (Array.isArray(value)) return value.map(deepClean);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanForDisplay(k), deepClean(v)]));
  return value;
}

/** Indents a pretty-printed conversation as an element of the surrounding array. */
const asElement = (conversation: EsconvExportConversation) => JSON.stringify(conversation, null, 2).replace(/^/gm, '  ');

/** One JSON array, written a conversation at a time; byte for byte what JSON.stringify(array, null, 2) gives. */
export const esconvExport: StreamingExport = {
  head: (expected) => (expected === 0 ? '[' : '[\n'),
  entry: (session, written) => `${written > 0 ? ',\n' : ''}${asElement(sessionToEsconv(session))}`,
  tail: (written) => (written === 0 ? ']\n' : '\n]\n'),
};

/** One JSON array for any number of sessions, as ESConv files are. */
export function formatEsconv(sessions: readonly LoadedSession[]): string {
  return formatAll(esconvExport, sessions);
}
