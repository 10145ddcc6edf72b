import type { SessionHeader, Speaker } from '../domain.js';
import type { LoadedSession } from '../sessions/reader.js';
import type { Strategy } from '../strategies.js';
import type { Csi, Hexaco } from '../traits/dimensions.js';

/**
 * What the reports read out of a session log beyond its turns: supporter
 * labels, declared-vs-perceived pairs, and trait targets vs measurements.
 * Pure functions over a loaded session.
 */

export interface TraitProfile {
  hexaco: Partial<Hexaco>;
  csi: Partial<Csi>;
}

export interface MeasuredTraits extends TraitProfile {
  /** 'measurement' = the paper's post-hoc pipeline; 'meter' = the live judge's last reading. */
  source: 'measurement' | 'meter';
  afterTurn: number;
}

/** The strategy of every labelled supporter turn, in turn order. */
export function supporterLabels(session: LoadedSession): Strategy[] {
  return session.turns.flatMap((t) => (t.speaker === 'supporter' && t.strategy ? [t.strategy] : []));
}

/**
 * Declared vs perceived label per supporter turn that has both. Turns whose
 * "declared" label is a fallback or was itself taken from the classifier are
 * left out: comparing the classifier with itself would inflate agreement.
 */
export function perceivedPairs(session: LoadedSession): Array<{ index: number; declared: Strategy; perceived: Strategy }> {
  const perceived = new Map<number, Strategy>();
  // A failed classification has no label: it is neither agreement nor disagreement.
  for (const r of session.records) if (r.type === 'perceived' && r.strategy !== undefined && !r.failed) perceived.set(r.index, r.strategy);
  return session.turns.flatMap((t) => {
    const p = perceived.get(t.index);
    if (t.speaker !== 'supporter' || !t.strategy || p === undefined) return [];
    if (t.labelSource === 'fallback' || t.labelSource === 'perceived') return [];
    return [{ index: t.index, declared: t.strategy, perceived: p }];
  });
}

/**
 * The persona's given traits, or undefined when it has none to compare with:
 * a baseline ("no persona") supporter, or an imported seeker whose values are placeholders.
 */
export function targetTraits(header: SessionHeader, speaker: Speaker): TraitProfile | undefined {
  const persona = header.personas[speaker];
  if (persona.baseline || !persona.hexaco || !persona.csi) return undefined;
  if (header.source !== undefined) return undefined;
  return { hexaco: persona.hexaco, csi: persona.csi };
}

/**
 * What the conversation expressed for one speaker: the last post-hoc
 * measurement when there is one (the paper's method), else the live meter's
 * last reading. Scores with zero confidence are no evidence and are dropped.
 */
export function measuredTraits(session: LoadedSession, speaker: Speaker): MeasuredTraits | undefined {
  let measurement: MeasuredTraits | undefined;
  let meter: MeasuredTraits | undefined;
  for (const r of session.records) {
    if (r.type === 'measurement' && r.speaker === speaker) {
      measurement = { source: 'measurement', afterTurn: r.afterTurn, hexaco: { ...r.hexaco }, csi: { ...r.csi } };
    } else if (r.type === 'meter' && r.speaker === speaker) {
      meter = { source: 'meter', afterTurn: r.afterTurn, hexaco: judgedScores(r.hexaco), csi: judgedScores(r.csi) };
    }
  }
  const found = measurement ?? meter;
  if (!found || (Object.keys(found.hexaco).length === 0 && Object.keys(found.csi).length === 0)) return undefined;
  return found;
}

function judgedScores<K extends string>(scores: Partial<Record<K, { score: number; confidence: number }>>): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const [key, value] of Object.entries(scores) as Array<[K, { score: number; confidence: number } | undefined]>) {
    if (value && Number.isFinite(value.score) && value.confidence > 0) out[key] = value.score;
  }
  return out;
}

/** The records the statistics read; everything else (notices, errors, markers) is left behind. */
const STATISTICS_RECORDS = new Set(['perceived', 'meter', 'measurement', 'refusal']);

/**
 * A session as the statistics need it: header, labels and judgements, without the words.
 * `stats` keeps this view of each session as it reads the next, so a folder of thousands
 * holds labels in memory rather than every conversation's text.
 */
export function statisticsView(session: LoadedSession): LoadedSession {
  return {
    ...session,
    turns: session.turns.map((t) => ({ ...t, text: '', reasoning: undefined })),
    records: [session.header, ...session.records.filter((r) => STATISTICS_RECORDS.has(r.type))],
  };
}

