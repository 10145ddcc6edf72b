import { cohenKappa, type Agreement } from '../analysis/agreement.js';
import { notComputable, type Computed, type NotComputable } from '../analysis/computable.js';
import type { ContingencyTest } from '../analysis/contingency.js';
import { traitCorrelationMatrix, type TraitCorrelationMatrix } from '../analysis/correlation-matrix.js';
import { holmAdjust } from '../analysis/holm.js';
import { compareArms, type ArmComparison } from '../analysis/rank-tests.js';
import { fitToReference, REFERENCE_ARM, referenceShares, strategyIndependence, strategyMix, type ReferenceFit, type StrategyMix } from '../analysis/strategy-comparison.js';
import { describe, type Summary } from '../analysis/summary.js';
import { personaFidelity, traitShiftByGroup, type FidelityTable, type ShiftCell } from '../analysis/trait-fidelity.js';
import type { Strategy } from '../strategies.js';
import { FACTOR_NAMES, QUALITY_METRICS, qualityValue, type FactorName, type QualityMetric, type RefusalTally, type ReportTotals } from './aggregate.js';
import type { ConversationState, ModelCost } from './facts.js';
import type { ExperimentFolder } from './folder.js';

/**
 * The experiment report as one typed object (report.json): every number the
 * terminal summary, report.md and report.html show, computed here from the
 * running totals by src/core/analysis. A number that cannot be computed is a
 * reason instead ({ ok: false, reason }), never NaN.
 */

export interface FactorLevels {
  factor: FactorName;
  /** Levels in report order: the plan's arm order, else alphabetical. */
  levels: Array<{ level: string; conversations: number }>;
  /** Set when this factor splits the conversations exactly as an earlier one does (e.g. condition mirrors arm). */
  sameAs?: FactorName;
}

export type Tested<T> = Computed<T & { pHolm: number }>;

export interface StrategyFactorComparison {
  factor: FactorName;
  mix: StrategyMix[];
  independence: Tested<ContingencyTest>;
  fits: Array<Tested<ReferenceFit>>;
}

export interface QualityArm {
  arm: string;
  n: number;
  metrics: Record<QualityMetric, Computed<Summary>>;
  /** How many conversations got each score, per metric (score → count): the chart's data. */
  scores: Record<QualityMetric, Record<string, number>>;
}

export interface QualityTest {
  metric: QualityMetric;
  test: ArmComparison & { pHolm?: number };
}

export interface CostReport {
  perModel: ModelCost[];
  perConversation: {
    generationCalls: Computed<Summary>;
    judgeCalls: Computed<Summary>;
    generationTokens: Computed<Summary>;
    /** Conversations left out of the token summary: some generation call has no count. */
    withoutTokens: number;
    wallSeconds: Computed<Summary>;
  };
  totals: { generationCalls: number; judgeCalls: number; measurements: number; promptTokens: number; completionTokens: number };
}

export interface ExperimentReport {
  title: string;
  experiment: { dir: string; id?: string; planHash?: string; createdAt?: string; appVersion?: string; name?: string };
  generated: { at: string; appVersion: string; bootstrap: { seed: number; resamples: number } };
  data: {
    planned?: number;
    sessionFiles: number;
    read: number;
    states: Record<ConversationState, number>;
    notStarted?: number;
    notInManifest: number;
    duplicateIds: string[];
    unreadable: Array<{ file: string; reason: string }>;
    damaged: Array<{ file: string; lines: number[] }>;
    armFrom: { header: number; manifest: number; condition: number };
    endpoints: string[];
    problems: string[];
  };
  factors: FactorLevels[];
  rq1: { personas: number; conflicting: string[]; matrix: Computed<{ matrix: TraitCorrelationMatrix }> };
  rq2: {
    observations: number;
    conversations: number;
    measuredFrom: { measurement: number; meter: number; none: number };
    untargeted: number;
    groupBy: string[];
    shift: Computed<{ cells: ShiftCell[] }>;
    /** Per role, each arm's mean absolute difference over all dimensions (ranked: 1 = closest to the personas). */
    byArm: Computed<{ tables: FidelityTable[] }>;
    /** Per role, each model's (the model that played the role), ranked the same way: which model holds a persona best. */
    fidelity: Computed<{ tables: FidelityTable[] }>;
  };
  rq3: {
    supporterTurns: number;
    labelled: number;
    labelSources: Record<string, number>;
    reference: { label: string; shares: Record<Strategy, number> };
    comparisons: StrategyFactorComparison[];
    /** Tests in the Holm family: every independence test and every fit in this section. */
    family: number;
    /** Why no comparison could be made, when none could. */
    noComparison?: string;
    agreement: Array<{ arm: string; result: Computed<Agreement & { kappa: number }> }>;
    overallAgreement: Computed<Agreement & { kappa: number }>;
    withoutPerceived: number;
  };
  quality: {
    rated: number;
    missing: number;
    dropped: number;
    invalid: number;
    arms: QualityArm[];
    tests: QualityTest[];
    family: number;
  };
  refusals: RefusalTally[];
  costs: CostReport;
}

export interface BuildOptions {
  seed?: number;
  resamples?: number;
  appVersion: string;
  now?: Date;
}

function ordered(levels: Map<string, number>, first: readonly string[] = []): Array<{ level: string; conversations: number }> {
  const rank = (l: string) => (first.includes(l) ? first.indexOf(l) : first.length);
  return [...levels.entries()].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)).map(([level, conversations]) => ({ level, conversations }));
}

/** Whether factor a's levels and b's map one to one over the conversations (then b only renames a). */
function bijective(totals: ReportTotals, a: FactorName, b: FactorName): boolean {
  const pairs = totals.pairs.get(`${a}\u0000${b}`);
  if (!pairs) return false;
  const left = new Set<string>();
  const right = new Set<string>();
  for (const p of pairs) {
    const [x, y] = p.split('\u0000') as [string, string];
    if (left.has(x) || right.has(y)) return false;
    left.add(x);
    right.add(y);
  }
  return true;
}

function factorLevels(totals: ReportTotals, planArms: readonly string[]): FactorLevels[] {
  const out: FactorLevels[] = [];
  for (const factor of FACTOR_NAMES) {
    const levels = ordered(totals.levels[factor], factor === 'arm' ? planArms : []);
    const earlier = out.find((f) => !f.sameAs && f.levels.length > 1 && bijective(totals, f.factor, factor));
    out.push({ factor, levels, ...(levels.length > 1 && earlier ? { sameAs: earlier.factor } : {}) });
  }
  return out;
}

/** Factors worth splitting by: more than one level, not a renaming of another. Arm always. */
function varying(factors: readonly FactorLevels[]): FactorName[] {
  return factors.filter((f) => f.factor === 'arm' || (f.levels.length > 1 && !f.sameAs)).map((f) => f.factor);
}

function rq1(totals: ReportTotals): ExperimentReport['rq1'] {
  const personas = [...totals.personas.values()];
  const matrix: Computed<{ matrix: TraitCorrelationMatrix }> =
    personas.length < 3
      ? notComputable(`correlations need at least 3 scored personas; the finished conversations used ${personas.length}`)
      : { ok: true, matrix: traitCorrelationMatrix(personas) };
  return { personas: personas.length, conflicting: [...totals.personaConflicts].sort(), matrix };
}

function rq2(totals: ReportTotals, factors: readonly FactorLevels[], seed: number, resamples: number): ExperimentReport['rq2'] {
  const groupBy = ['role', ...varying(factors)];
  const observations = totals.observations;
  const conversations = new Set(observations.map((o) => o.conversation)).size;
  const none = (): NotComputable => {
    const measured = totals.measuredFrom.measurement + totals.measuredFrom.meter;
    if (measured === 0) return notComputable('no finished conversation has a measurement or a meter reading (run the plan with measurement: posthoc or live, or `persona-talks measure`)');
    return notComputable('no measured speaker had a target to compare with (a baseline supporter has none)');
  };
  return {
    observations: observations.length,
    conversations,
    measuredFrom: { ...totals.measuredFrom },
    untargeted: totals.untargeted,
    groupBy,
    shift: observations.length === 0 ? none() : { ok: true, cells: traitShiftByGroup(observations, groupBy, { seed, resamples }) },
    byArm: observations.length === 0 ? none() : { ok: true, tables: personaFidelity(observations, { seed, resamples, modelFactor: 'arm', roleFactor: 'role' }) },
    fidelity: observations.length === 0 ? none() : { ok: true, tables: personaFidelity(observations, { seed, resamples, modelFactor: 'roleModel', roleFactor: 'role' }) },
  };
}

function rq3(totals: ReportTotals, factors: readonly FactorLevels[]): ExperimentReport['rq3'] {
  const compared = factors.filter((f) => f.levels.length > 1 && !f.sameAs);
  const raw: Array<{ factor: FactorName; mix: StrategyMix[]; independence: Computed<ContingencyTest>; fits: Array<Computed<ReferenceFit>> }> = [];
  // With one level of everything, each arm is still fitted to the reference.
  const toFit = compared.length > 0 ? compared : factors.filter((f) => f.factor === 'arm');
  for (const f of toFit) {
    const arms = f.levels.map(({ level }) => ({ arm: level, counts: totals.strategies[f.factor].get(level) ?? {} }));
    raw.push({ factor: f.factor, mix: strategyMix(arms), independence: compared.length > 0 ? strategyIndependence(arms) : notComputable('one arm only'), fits: arms.map((a) => fitToReference(a)) });
  }
  const pValues = raw.flatMap((c) => [c.independence, ...c.fits]).flatMap((t) => (t.ok ? [t.pValue] : []));
  const adjusted = holmAdjust(pValues);
  let next = 0;
  const withHolm = <T extends { pValue: number }>(t: Computed<T>): Tested<T> => (t.ok ? { ...t, pHolm: adjusted[next++] as number } : t);
  const comparisons = raw.map((c) => ({ factor: c.factor, mix: c.mix, independence: withHolm(c.independence), fits: c.fits.map(withHolm) }));
  const arms = factors.find((f) => f.factor === 'arm')?.levels.map((l) => l.level) ?? [];
  const all = { declared: [] as Strategy[], perceived: [] as Strategy[] };
  const agreement = arms.map((arm) => {
    const pairs = totals.agreement.get(arm) ?? { declared: [], perceived: [] };
    all.declared.push(...pairs.declared);
    all.perceived.push(...pairs.perceived);
    return { arm, result: cohenKappa(pairs.declared, pairs.perceived) };
  });
  const labelled = totals.supporterTurns - totals.unlabelled;
  return {
    supporterTurns: totals.supporterTurns,
    labelled,
    labelSources: Object.fromEntries([...totals.labelSources.entries()].sort()),
    reference: { label: REFERENCE_ARM, shares: referenceShares() },
    comparisons,
    family: pValues.length,
    ...(compared.length === 0 ? { noComparison: 'every finished conversation belongs to one arm, one condition, one engine and one model configuration: there is nothing to compare the strategy mix across' } : {}),
    agreement,
    overallAgreement: cohenKappa(all.declared, all.perceived),
    withoutPerceived: totals.withoutPerceived,
  };
}

function quality(totals: ReportTotals, factors: readonly FactorLevels[]): ExperimentReport['quality'] {
  const armNames = factors.find((f) => f.factor === 'arm')?.levels.map((l) => l.level) ?? [];
  const arms: QualityArm[] = armNames.map((arm) => {
    const ratings = totals.quality.get(arm) ?? [];
    const metrics = Object.fromEntries(QUALITY_METRICS.map((m) => [m, describe(ratings.map((q) => qualityValue(q, m)))])) as Record<QualityMetric, Computed<Summary>>;
    const scores = Object.fromEntries(
      QUALITY_METRICS.map((m) => {
        const counts: Record<string, number> = {};
        for (const q of ratings) {
          const v = String(qualityValue(q, m));
          counts[v] = (counts[v] ?? 0) + 1;
        }
        return [m, counts];
      }),
    ) as Record<QualityMetric, Record<string, number>>;
    return { arm, n: ratings.length, metrics, scores };
  });
  const raw = QUALITY_METRICS.map((metric) => ({
    metric,
    test: compareArms(armNames.map((arm) => ({ arm, values: (totals.quality.get(arm) ?? []).map((q) => qualityValue(q, metric)) }))),
  }));
  const pValues = raw.flatMap((t) => (t.test.ok ? [t.test.pValue] : []));
  const adjusted = holmAdjust(pValues);
  let next = 0;
  const tests = raw.map((t) => ({ metric: t.metric, test: t.test.ok ? { ...t.test, pHolm: adjusted[next++] as number } : t.test }));
  const rated = [...totals.quality.values()].reduce((n, list) => n + list.length, 0);
  return { rated, missing: totals.qualityMissing, dropped: totals.qualityDropped, invalid: totals.qualityInvalid, arms, tests, family: pValues.length };
}

function costs(totals: ReportTotals): CostReport {
  const list = totals.conversationCosts;
  const perModel = [...totals.costs.values()].sort((a, b) => (a.role === b.role ? (a.model < b.model ? -1 : 1) : ['seeker', 'supporter', 'judge'].indexOf(a.role) - ['seeker', 'supporter', 'judge'].indexOf(b.role)));
  const tokens = list.flatMap((c) => (c.generationTokens !== undefined ? [c.generationTokens] : []));
  return {
    perModel,
    perConversation: {
      generationCalls: describe(list.map((c) => c.generationCalls)),
      judgeCalls: describe(list.map((c) => c.judgeCalls)),
      generationTokens: tokens.length > 0 ? describe(tokens) : notComputable(list.length === 0 ? 'no finished conversations' : 'no conversation has a token count for every generation call (the script engine does not record one)'),
      withoutTokens: list.length - tokens.length,
      wallSeconds: describe(list.flatMap((c) => (c.wallMs !== undefined ? [c.wallMs / 1000] : []))),
    },
    totals: {
      generationCalls: perModel.filter((m) => m.role !== 'judge').reduce((n, m) => n + m.calls, 0),
      judgeCalls: perModel.filter((m) => m.role === 'judge').reduce((n, m) => n + m.calls, 0),
      measurements: perModel.reduce((n, m) => n + m.measurements, 0),
      promptTokens: perModel.reduce((n, m) => n + m.promptTokens, 0),
      completionTokens: perModel.reduce((n, m) => n + m.completionTokens, 0),
    },
  };
}

/** The whole report from the running totals of every session of `folder`. */
export function buildExperimentReport(folder: ExperimentFolder, totals: ReportTotals, options: BuildOptions): ExperimentReport {
  const seed = options.seed ?? folder.plan?.seedBase ?? 1;
  const resamples = options.resamples ?? 2000;
  const factors = factorLevels(totals, folder.plan?.arms ?? []);
  const manifest = folder.manifest;
  const planned = manifest?.conversations.size;
  const notStarted = manifest ? [...manifest.conversations.keys()].filter((id) => !totals.seenIds.has(id)).length : undefined;
  const name = folder.plan?.name;
  return {
    title: name ?? folder.dir.split(/[\\/]/).filter(Boolean).at(-1) ?? 'experiment',
    experiment: {
      dir: folder.dir,
      ...(manifest?.experimentId ? { id: manifest.experimentId } : {}),
      ...(manifest?.planHash ? { planHash: manifest.planHash } : {}),
      ...(manifest?.createdAt ? { createdAt: manifest.createdAt } : {}),
      ...(manifest?.appVersion ? { appVersion: manifest.appVersion } : {}),
      ...(name ? { name } : {}),
    },
    generated: { at: (options.now ?? new Date()).toISOString(), appVersion: options.appVersion, bootstrap: { seed, resamples } },
    data: {
      ...(planned !== undefined ? { planned } : {}),
      sessionFiles: folder.sessionFiles.length,
      read: folder.sessionFiles.length - totals.unreadable.length,
      states: { ...totals.states },
      ...(notStarted !== undefined ? { notStarted } : {}),
      notInManifest: manifest ? totals.notInManifest : 0,
      duplicateIds: [...new Set(totals.duplicateIds)],
      unreadable: totals.unreadable,
      damaged: totals.damaged,
      armFrom: { ...totals.armFrom },
      endpoints: [...totals.endpoints].sort(),
      problems: folder.problems,
    },
    factors,
    rq1: rq1(totals),
    rq2: rq2(totals, factors, seed, resamples),
    rq3: rq3(totals, factors),
    quality: quality(totals, factors),
    refusals: [...totals.refusals.values()].sort((a, b) => (a.role === b.role ? (a.model < b.model ? -1 : 1) : a.role < b.role ? -1 : 1)),
    costs: costs(totals),
  };
}
