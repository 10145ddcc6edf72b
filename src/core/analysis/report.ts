import type { Speaker } from '../domain.js';
import type { LoadedSession } from '../sessions/reader.js';
import { ESCONV_REFERENCE, STRATEGIES, type Strategy } from '../strategies.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../traits/dimensions.js';
import { agreement, type Agreement } from './agreement.js';
import { chiSquareTest, goodnessOfFit, type ChiSquareResult } from './chi-square.js';
import { measuredTraits, perceivedPairs, supporterLabels, targetTraits, type TraitProfile } from './report-inputs.js';
import { strategyCounts, strategyDistribution, strategyRow, type StrategyCounts } from './strategy-distribution.js';
import { traitShiftSummary } from './trait-shift.js';
import { lineageKey, ORIGINAL_GROUP } from '../forks/family-stats.js';
import type { GroupBy } from './group-by.js';

/**
 * The statistics report across sessions, as one typed object that the CLI
 * (`persona-talks stats`) and the TUI both render: strategy mix per group
 * beside the ESConv human reference, a chi-square test between groups, each
 * group's fit to the reference, declared-vs-perceived agreement and trait shift.
 */

export { GROUP_BY, type GroupBy } from './group-by.js';

export interface TraitShiftRow {
  /** HEXACO key ("E") or CSI key ("emotionality"). */
  key: string;
  name: string;
  /** Sessions with both a target and a measured score on this dimension. */
  n: number;
  meanShift: number;
  meanAbsoluteDifference: number;
}

export interface SpeakerTraitShift {
  speaker: Speaker;
  /** Sessions that contributed a (target, measured) profile for this speaker. */
  sessions: number;
  hexaco: TraitShiftRow[];
  csi: TraitShiftRow[];
}

export interface GroupStats {
  key: string;
  label: string;
  sessions: number;
  turns: number;
  /** Supporter turns with a strategy label: the n behind counts and distribution. */
  labelledTurns: number;
  counts: StrategyCounts;
  distribution: Record<Strategy, number>;
  /** Goodness of fit to the ESConv reference; undefined without labelled turns. */
  vsReference?: ChiSquareResult;
  /** Declared vs perceived labels; undefined where no session holds 'perceived' records. */
  agreement?: Agreement;
  /** One entry per speaker that has measurements and a real target; empty otherwise. */
  traitShift: SpeakerTraitShift[];
  /** Model replies refused as a refusal or as out of persona ('refusal' records), and how many sessions had any. */
  refusals: RefusalCounts;
}

export interface RefusalCounts {
  total: number;
  refusal: number;
  outOfPersona: number;
  sessions: number;
}

export interface BetweenGroups extends ChiSquareResult {
  /** Group keys in the row order of the contingency table. */
  groups: string[];
  /** The groups × strategies counts that were tested. */
  table: number[][];
}

export interface StatsReport {
  groupBy: GroupBy;
  sessions: number;
  strategies: readonly Strategy[];
  reference: { label: string; distribution: Record<Strategy, number> };
  /** Sorted by key. */
  groups: GroupStats[];
  /** All sessions together. */
  overall: GroupStats;
  /** Undefined when fewer than two groups have labelled turns. */
  between?: BetweenGroups;
  notes: string[];
}

export const REFERENCE_LABEL = 'ESConv human supporters';

/** Where a session belongs under `by`. Imported sessions form their own group: human data, not a condition. */
export function groupOf(session: LoadedSession, by: GroupBy): { key: string; label: string } {
  const { header } = session;
  const imported = header.source !== undefined;
  switch (by) {
    case 'condition':
      return imported ? { key: `imported:${header.source?.kind}`, label: `imported (${header.source?.kind})` } : { key: header.condition, label: header.condition };
    case 'engine':
      return imported ? { key: `imported:${header.source?.kind}`, label: `imported (${header.source?.kind})` } : { key: header.engine, label: header.engine };
    case 'supporter':
    case 'seeker': {
      const persona = header.personas[by];
      return { key: persona.id, label: persona.name === persona.id ? persona.id : `${persona.name} (${persona.id})` };
    }
    case 'family': {
      // On its own a session shows only its own fork's changes; familyGrouping (core/forks) sees whole families.
      const key = header.fork ? lineageKey([header.fork]) : ORIGINAL_GROUP;
      return { key, label: key };
    }
  }
}

function referenceDistribution(): Record<Strategy, number> {
  return strategyDistribution(ESCONV_REFERENCE);
}

function shiftRows<K extends string>(keys: readonly K[], names: Readonly<Record<K, string>>, profiles: Array<{ target: Partial<Record<K, number>>; measured: Partial<Record<K, number>> }>): TraitShiftRow[] {
  const summary = traitShiftSummary(keys, profiles);
  return keys.flatMap((key) => {
    const s = summary[key];
    return s ? [{ key, name: names[key], n: s.n, meanShift: s.meanShift, meanAbsoluteDifference: s.meanAbsoluteDifference }] : [];
  });
}

function traitShiftFor(sessions: readonly LoadedSession[], speaker: Speaker): SpeakerTraitShift | undefined {
  const profiles: Array<{ target: TraitProfile; measured: TraitProfile }> = [];
  for (const s of sessions) {
    const target = targetTraits(s.header, speaker);
    const measured = target && measuredTraits(s, speaker);
    if (target && measured) profiles.push({ target, measured });
  }
  if (profiles.length === 0) return undefined;
  const hexaco = shiftRows(HEXACO_KEYS, HEXACO_NAMES, profiles.map((p) => ({ target: p.target.hexaco, measured: p.measured.hexaco })));
  const csi = shiftRows(CSI_KEYS, CSI_NAMES, profiles.map((p) => ({ target: p.target.csi, measured: p.measured.csi })));
  if (hexaco.length === 0 && csi.length === 0) return undefined;
  return { speaker, sessions: profiles.length, hexaco, csi };
}

/** Statistics for one set of sessions (a group, or all of them). */
export function groupStats(key: string, label: string, sessions: readonly LoadedSession[]): GroupStats {
  const labels = sessions.flatMap(supporterLabels);
  const counts = strategyCounts(labels);
  const pairs = sessions.flatMap(perceivedPairs);
  const agreementResult = pairs.length > 0 ? agreement(pairs.map((p) => p.declared), pairs.map((p) => p.perceived)) : undefined;
  const traitShift = (['seeker', 'supporter'] as const).flatMap((speaker) => traitShiftFor(sessions, speaker) ?? []);
  return {
    key,
    label,
    sessions: sessions.length,
    turns: sessions.reduce((n, s) => n + s.turns.length, 0),
    labelledTurns: labels.length,
    counts,
    distribution: strategyDistribution(counts),
    ...(labels.length > 0 ? { vsReference: goodnessOfFit(counts, ESCONV_REFERENCE) } : {}),
    ...(agreementResult ? { agreement: agreementResult } : {}),
    traitShift,
    refusals: refusalCounts(sessions),
  };
}

/** Every 'refusal' record counts: each is one reply that was refused and asked again (or paused the turn). */
export function refusalCounts(sessions: readonly LoadedSession[]): RefusalCounts {
  const counts: RefusalCounts = { total: 0, refusal: 0, outOfPersona: 0, sessions: 0 };
  for (const session of sessions) {
    let any = false;
    for (const r of session.records) {
      if (r.type !== 'refusal') continue;
      any = true;
      counts.total += 1;
      // A record from before refusals had kinds was a refusal: out-of-persona came with the kinds.
      if (r.kind === 'out-of-persona') counts.outOfPersona += 1;
      else counts.refusal += 1;
    }
    if (any) counts.sessions += 1;
  }
  return counts;
}

/** `options.groupOf` replaces groupOf where grouping needs all the sessions at once (families). */
export function buildStatsReport(sessions: readonly LoadedSession[], by: GroupBy, options: { groupOf?: (session: LoadedSession) => { key: string; label: string } } = {}): StatsReport {
  const buckets = new Map<string, { label: string; sessions: LoadedSession[] }>();
  for (const s of sessions) {
    const { key, label } = options.groupOf ? options.groupOf(s) : groupOf(s, by);
    const bucket = buckets.get(key) ?? { label, sessions: [] };
    bucket.sessions.push(s);
    buckets.set(key, bucket);
  }
  const groups = [...buckets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, b]) => groupStats(key, b.label, b.sessions));
  const overall = groupStats('all', 'all sessions', sessions);

  const notes: string[] = [];
  const tested = groups.filter((g) => g.labelledTurns > 0);
  let between: BetweenGroups | undefined;
  if (tested.length >= 2) {
    const table = tested.map((g) => strategyRow(g.counts));
    between = { ...chiSquareTest(table), groups: tested.map((g) => g.key), table };
    if (between.lowExpected) notes.push('Some cells of the between-groups table expect fewer than 5 turns: the chi-square p-value is only approximate.');
  } else if (sessions.length > 0) {
    notes.push(`Only ${tested.length === 1 ? 'one group has' : 'no group has'} labelled supporter turns: no between-groups test.`);
  }
  if (groups.some((g) => g.vsReference?.lowExpected)) {
    // The rarest reference strategy sets how many turns a group needs before every category expects ≥ 5.
    const needed = Math.ceil(5 / Math.min(...Object.values(ESCONV_REFERENCE)));
    notes.push(`Groups with fewer than ${needed} labelled turns expect under 5 in some reference category: their goodness-of-fit p-values are approximate.`);
  }
  if (sessions.some((s) => s.header.source !== undefined)) {
    notes.push('Imported sessions have no persona targets, so they add nothing to trait shift.');
  }
  const damaged = sessions.filter((s) => s.skippedLines.length > 0).length;
  if (damaged > 0) notes.push(`${damaged} session${damaged === 1 ? ' has' : 's have'} unreadable lines (e.g. cut short by a crash); those lines were left out.`);

  return {
    groupBy: by,
    sessions: sessions.length,
    strategies: STRATEGIES,
    reference: { label: REFERENCE_LABEL, distribution: referenceDistribution() },
    groups,
    overall,
    ...(between ? { between } : {}),
    notes,
  };
}
