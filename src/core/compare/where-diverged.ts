import { jensenShannon, strategyCounts, type JensenShannon, type StrategyCounts } from '../analysis/index.js';
import { measuredTraits, targetTraits, type TraitProfile } from '../analysis/report-inputs.js';
import type { ComparisonSide, MeterReading, Speaker, Turn } from '../domain.js';
import type { EngineEvent } from '../engine/events.js';
import type { LoadedSession } from '../sessions/reader.js';
import type { Strategy } from '../strategies.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../traits/dimensions.js';

/** What the comparison of two conversations reads of each side. */
export interface ComparedSide {
  turns: readonly Turn[];
  /** The supporter's traits as last measured (the measurement pipeline, else the live meter's last reading). */
  supporterMeasured?: TraitProfile;
  /** The supporter's given traits (none for a baseline supporter). */
  supporterTarget?: TraitProfile;
}

export interface LengthStats {
  /** Messages counted (after the shared turns). */
  turns: number;
  meanWords: number;
  meanChars: number;
}

export interface TraitDifference {
  scale: 'hexaco' | 'csi';
  key: string;
  name: string;
  /** Measured on each side; difference = B − A where both were measured. */
  A?: number;
  B?: number;
  difference?: number;
  /** The given values, where the sides' supporters have them. */
  target?: { A?: number; B?: number };
}

/** Where two conversations that started alike went apart. Counts cover the turns after the shared ones. */
export interface Divergence {
  sharedTurns: number;
  turns: Record<ComparisonSide, number>;
  /** The first turn (index) after the shared ones whose words differ; absent when every turn both have is the same. */
  firstDifferentText?: number;
  /** The first turn at which both sides' supporters spoke with different strategies; absent when they never did. */
  firstDifferentStrategy?: { index: number; A: Strategy; B: Strategy };
  /** Supporter strategy counts per side and the Jensen–Shannon divergence of the two mixes (bits, 0–1). */
  strategyMix: { A: StrategyCounts; B: StrategyCounts; jensenShannon?: JensenShannon; notComputable?: string };
  /** The supporters' measured traits side by side; empty when neither side was measured. */
  traits: TraitDifference[];
  replyLengths: Record<Speaker, Record<ComparisonSide, LengthStats>>;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);

function lengths(turns: readonly Turn[], speaker: Speaker): LengthStats {
  const said = turns.filter((t) => t.speaker === speaker);
  return { turns: said.length, meanWords: mean(said.map((t) => words(t.text))), meanChars: mean(said.map((t) => t.text.length)) };
}

function labels(turns: readonly Turn[]): Strategy[] {
  return turns.flatMap((t) => (t.speaker === 'supporter' && t.strategy ? [t.strategy] : []));
}

function traitRows(a: ComparedSide, b: ComparedSide): TraitDifference[] {
  if (!a.supporterMeasured && !b.supporterMeasured) return [];
  const rows: TraitDifference[] = [];
  const add = <K extends string>(scale: 'hexaco' | 'csi', keys: readonly K[], names: Readonly<Record<K, string>>) => {
    for (const key of keys) {
      const A = (a.supporterMeasured?.[scale] as Partial<Record<K, number>> | undefined)?.[key];
      const B = (b.supporterMeasured?.[scale] as Partial<Record<K, number>> | undefined)?.[key];
      if (A === undefined && B === undefined) continue;
      const tA = (a.supporterTarget?.[scale] as Partial<Record<K, number>> | undefined)?.[key];
      const tB = (b.supporterTarget?.[scale] as Partial<Record<K, number>> | undefined)?.[key];
      rows.push({
        scale,
        key,
        name: names[key],
        ...(A !== undefined ? { A } : {}),
        ...(B !== undefined ? { B } : {}),
        ...(A !== undefined && B !== undefined ? { difference: B - A } : {}),
        ...(tA !== undefined || tB !== undefined ? { target: { ...(tA !== undefined ? { A: tA } : {}), ...(tB !== undefined ? { B: tB } : {}) } } : {}),
      });
    }
  };
  add('hexaco', HEXACO_KEYS, HEXACO_NAMES);
  add('csi', CSI_KEYS, CSI_NAMES);
  return rows;
}

/**
 * Where two conversations that share their first `sharedTurns` turns went apart:
 * the first turn whose words differ, the first turn both supporters answered with
 * different strategies, how far apart their strategy mixes are (Jensen–Shannon),
 * how the supporters' measured traits differ, and how long each side's messages
 * are. Turns are matched by index; the shared turns are left out of the counts,
 * since they are the same on both sides.
 */
export function whereDiverged(a: ComparedSide, b: ComparedSide, sharedTurns: number): Divergence {
  const ownA = a.turns.filter((t) => t.index >= sharedTurns);
  const ownB = b.turns.filter((t) => t.index >= sharedTurns);
  const byIndex = new Map(ownB.map((t) => [t.index, t]));
  let firstDifferentText: number | undefined;
  let firstDifferentStrategy: Divergence['firstDifferentStrategy'];
  for (const turn of ownA) {
    const other = byIndex.get(turn.index);
    if (!other) continue;
    if (firstDifferentText === undefined && (other.text !== turn.text || other.speaker !== turn.speaker)) firstDifferentText = turn.index;
    if (!firstDifferentStrategy && turn.speaker === 'supporter' && other.speaker === 'supporter' && turn.strategy && other.strategy && turn.strategy !== other.strategy) {
      firstDifferentStrategy = { index: turn.index, A: turn.strategy, B: other.strategy };
    }
  }
  const countsA = strategyCounts(labels(ownA));
  const countsB = strategyCounts(labels(ownB));
  const js = jensenShannon(countsA, countsB);
  return {
    sharedTurns,
    turns: { A: a.turns.length, B: b.turns.length },
    ...(firstDifferentText !== undefined ? { firstDifferentText } : {}),
    ...(firstDifferentStrategy ? { firstDifferentStrategy } : {}),
    strategyMix: { A: countsA, B: countsB, ...(js.ok ? { jensenShannon: { divergence: js.divergence, distance: js.distance } } : { notComputable: js.reason }) },
    traits: traitRows(a, b),
    replyLengths: {
      seeker: { A: lengths(ownA, 'seeker'), B: lengths(ownB, 'seeker') },
      supporter: { A: lengths(ownA, 'supporter'), B: lengths(ownB, 'supporter') },
    },
  };
}

/** A saved session as one side of a comparison. */
export function comparedSession(session: LoadedSession): ComparedSide {
  const measured = measuredTraits(session, 'supporter');
  const target = targetTraits(session.header, 'supporter');
  return {
    turns: session.turns,
    ...(measured ? { supporterMeasured: { hexaco: measured.hexaco, csi: measured.csi } } : {}),
    ...(target ? { supporterTarget: target } : {}),
  };
}

/**
 * A side followed from its events, for a comparison that saves nothing: its turns
 * (a later turn of an index replaces the earlier one) and its supporter's last meter
 * reading (scores with zero confidence are no evidence, as in the reports).
 */
export function comparedSideTracker(): { add(event: EngineEvent): void; side(): ComparedSide } {
  const turns: Turn[] = [];
  let reading: MeterReading | undefined;
  let target: TraitProfile | undefined;
  return {
    add(event) {
      if (event.type === 'turn-finished') {
        const at = turns.findIndex((t) => t.index === event.turn.index);
        if (at >= 0) turns.splice(at, turns.length - at);
        turns.push(event.turn);
      } else if (event.type === 'meter' && event.speaker === 'supporter') reading = event;
      else if (event.type === 'session-started') target = targetTraits(event.header, 'supporter');
    },
    side() {
      const pick = (scores: MeterReading['hexaco'] | MeterReading['csi']) =>
        Object.fromEntries(Object.entries(scores).flatMap(([k, v]) => (v && Number.isFinite(v.score) && v.confidence > 0 ? [[k, v.score]] : [])));
      const measured = reading ? { hexaco: pick(reading.hexaco), csi: pick(reading.csi) } : undefined;
      const any = measured && (Object.keys(measured.hexaco).length > 0 || Object.keys(measured.csi).length > 0);
      return { turns: [...turns], ...(any ? { supporterMeasured: measured } : {}), ...(target ? { supporterTarget: target } : {}) };
    },
  };
}
