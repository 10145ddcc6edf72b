import type { TraitObservation } from '../analysis/trait-fidelity.js';
import type { StrategyCounts } from '../analysis/strategy-distribution.js';
import { strategyCounts } from '../analysis/strategy-distribution.js';
import type { Speaker } from '../domain.js';
import type { Strategy } from '../strategies.js';
import type { ConversationFacts, ConversationState, Factors, ModelCost, QualityFacts, ScoredPersona } from './facts.js';

/**
 * The running totals of an experiment report: what the statistics need from
 * every conversation, added one conversation at a time and small enough to keep
 * for ten thousand (counts, a few numbers per conversation, the trait
 * observations). Only finished conversations feed the statistics; every
 * readable one is counted.
 */

export const FACTOR_NAMES = ['arm', 'condition', 'engine', 'model'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

export const QUALITY_METRICS = ['empathy', 'relevance', 'initialIntensity', 'finalIntensity', 'intensityDrop'] as const;
export type QualityMetric = (typeof QUALITY_METRICS)[number];

export function qualityValue(q: QualityFacts, metric: QualityMetric): number {
  return metric === 'intensityDrop' ? q.initialIntensity - q.finalIntensity : q[metric];
}

export interface RefusalTally {
  role: Speaker;
  model: string;
  refusals: number;
  askedAgain: number;
  turnPaused: number;
  /** Finished conversations in which this model played this role, and those with at least one refusal. */
  conversations: number;
  conversationsWithRefusal: number;
}

export interface ConversationCost {
  arm: string;
  /** Calls of the two agents (the script engine's one call), refused replies included. */
  generationCalls: number;
  /** The judge's recorded answers: meter readings, perceived labels, quality ratings (a measurement's calls are not counted). */
  judgeCalls: number;
  /** Tokens of the generation calls; undefined when one of them has no count (the script engine's). */
  generationTokens?: number;
  wallMs?: number;
}

export class ReportTotals {
  readonly states: Record<ConversationState, number> = { finished: 0, stopped: 0, failed: 0, unfinished: 0 };
  readonly unreadable: Array<{ file: string; reason: string }> = [];
  readonly damaged: Array<{ file: string; lines: number[] }> = [];
  readonly seenIds = new Set<string>();
  readonly duplicateIds: string[] = [];
  notInManifest = 0;
  readonly armFrom = { header: 0, manifest: 0, condition: 0 };
  readonly endpoints = new Set<string>();
  /** Levels of each factor among finished conversations, with their conversation counts. */
  readonly levels: Record<FactorName, Map<string, number>> = { arm: new Map(), condition: new Map(), engine: new Map(), model: new Map() };
  /** Co-occurring levels of each pair of factors: tells a factor that only renames another. */
  readonly pairs = new Map<string, Set<string>>();

  readonly personas = new Map<string, ScoredPersona>();
  readonly personaConflicts = new Set<string>();

  readonly observations: TraitObservation[] = [];
  readonly measuredFrom = { measurement: 0, meter: 0, none: 0 };
  /** Speakers with a measurement but no target (a baseline supporter): nothing to shift from. */
  untargeted = 0;

  readonly strategies: Record<FactorName, Map<string, StrategyCounts>> = { arm: new Map(), condition: new Map(), engine: new Map(), model: new Map() };
  readonly labelSources = new Map<string, number>();
  supporterTurns = 0;
  unlabelled = 0;
  /** Declared vs perceived, per arm, for turns whose declared label may be compared. */
  readonly agreement = new Map<string, { declared: Strategy[]; perceived: Strategy[] }>();
  /** Comparable supporter turns that never got a perceived label (classifier off or failed). */
  withoutPerceived = 0;

  readonly quality = new Map<string, QualityFacts[]>();
  qualityMissing = 0;
  qualityDropped = 0;
  qualityInvalid = 0;

  readonly refusals = new Map<string, RefusalTally>();
  readonly costs = new Map<string, ModelCost>();
  readonly conversationCosts: ConversationCost[] = [];

  unreadableFile(file: string, reason: string): void {
    this.unreadable.push({ file, reason });
  }

  /** `file`: the session file's name as the report shows it (relative to the experiment folder). */
  add(facts: ConversationFacts, inManifest: boolean, file: string = facts.file): void {
    this.states[facts.state] += 1;
    if (this.seenIds.has(facts.id)) this.duplicateIds.push(facts.id);
    this.seenIds.add(facts.id);
    if (!inManifest) this.notInManifest += 1;
    if (facts.skippedLines.length > 0) this.damaged.push({ file, lines: facts.skippedLines });
    this.qualityDropped += facts.qualityDropped;
    this.qualityInvalid += facts.qualityInvalid;
    if (facts.state !== 'finished') return;

    this.armFrom[facts.armFrom] += 1;
    for (const e of facts.endpoints) this.endpoints.add(e);
    this.addFactors(facts.factors);
    this.addPersonas(facts.scoredPersonas);
    this.addTraits(facts);
    this.addStrategies(facts);
    const arm = facts.factors.arm;
    if (facts.quality) {
      const list = this.quality.get(arm) ?? [];
      list.push(facts.quality);
      this.quality.set(arm, list);
    } else this.qualityMissing += 1;
    this.addRefusals(facts);
    this.addCosts(facts);
  }

  private addFactors(factors: Factors): void {
    for (const f of FACTOR_NAMES) this.levels[f].set(factors[f], (this.levels[f].get(factors[f]) ?? 0) + 1);
    for (const a of FACTOR_NAMES) {
      for (const b of FACTOR_NAMES) {
        if (a === b) continue;
        const key = `${a}\u0000${b}`;
        const set = this.pairs.get(key) ?? new Set<string>();
        set.add(`${factors[a]}\u0000${factors[b]}`);
        this.pairs.set(key, set);
      }
    }
  }

  private addPersonas(personas: readonly ScoredPersona[]): void {
    for (const p of personas) {
      const known = this.personas.get(p.id);
      if (!known) this.personas.set(p.id, p);
      else if (JSON.stringify([known.hexaco, known.csi]) !== JSON.stringify([p.hexaco, p.csi])) this.personaConflicts.add(p.id);
    }
  }

  private addTraits(facts: ConversationFacts): void {
    for (const role of ['seeker', 'supporter'] as const) {
      const speaker = facts.traits.find((t) => t.role === role);
      if (!speaker?.source) {
        this.measuredFrom.none += 1;
        continue;
      }
      this.measuredFrom[speaker.source] += 1;
      // One factors object per conversation and role, shared by its rows.
      const factors = { ...facts.factors, role, roleModel: speaker.model };
      let targeted = false;
      for (const row of speaker.rows) {
        if (row.target === undefined || row.measured === undefined) continue;
        targeted = true;
        this.observations.push({ conversation: facts.id, dimension: row.dimension, target: row.target, measured: row.measured, factors });
      }
      if (!targeted) this.untargeted += 1;
    }
  }

  private addStrategies(facts: ConversationFacts): void {
    const counts = strategyCounts([]);
    for (const t of facts.supporterTurns) {
      this.supporterTurns += 1;
      this.labelSources.set(t.labelSource ?? 'none', (this.labelSources.get(t.labelSource ?? 'none') ?? 0) + 1);
      if (!t.strategy) {
        this.unlabelled += 1;
        continue;
      }
      counts[t.strategy] += 1;
      if (!t.comparable) continue;
      if (t.perceived === undefined) {
        // A fallback or classifier-made label is not comparable; a comparable one without a perceived label is a gap.
        this.withoutPerceived += 1;
        continue;
      }
      const pairs = this.agreement.get(facts.factors.arm) ?? { declared: [], perceived: [] };
      pairs.declared.push(t.strategy);
      pairs.perceived.push(t.perceived);
      this.agreement.set(facts.factors.arm, pairs);
    }
    for (const f of FACTOR_NAMES) {
      const level = facts.factors[f];
      const total = this.strategies[f].get(level) ?? strategyCounts([]);
      for (const s of Object.keys(counts) as Strategy[]) total[s] += counts[s];
      this.strategies[f].set(level, total);
    }
  }

  private addRefusals(facts: ConversationFacts): void {
    for (const role of ['seeker', 'supporter'] as const) {
      const tally = this.refusalTally(role, facts.models[role]);
      tally.conversations += 1;
      const mine = facts.refusals.filter((r) => r.role === role);
      if (mine.length > 0) tally.conversationsWithRefusal += 1;
    }
    for (const r of facts.refusals) {
      const tally = this.refusalTally(r.role, r.model);
      tally.refusals += 1;
      if (r.outcome === 'asked-again') tally.askedAgain += 1;
      else if (r.outcome === 'turn-paused') tally.turnPaused += 1;
    }
  }

  private refusalTally(role: Speaker, model: string): RefusalTally {
    const key = `${role}\u0000${model}`;
    const tally = this.refusals.get(key) ?? { role, model, refusals: 0, askedAgain: 0, turnPaused: 0, conversations: 0, conversationsWithRefusal: 0 };
    this.refusals.set(key, tally);
    return tally;
  }

  private addCosts(facts: ConversationFacts): void {
    let generationCalls = 0;
    let judgeCalls = 0;
    let tokens: number | undefined = 0;
    for (const c of facts.costs) {
      const key = `${c.role}\u0000${c.model}`;
      const total = this.costs.get(key) ?? { ...c, calls: 0, promptTokens: 0, completionTokens: 0, callsWithoutTokens: 0, modelMs: 0, measurements: 0 };
      total.calls += c.calls;
      total.promptTokens += c.promptTokens;
      total.completionTokens += c.completionTokens;
      total.callsWithoutTokens += c.callsWithoutTokens;
      total.modelMs += c.modelMs;
      total.measurements += c.measurements;
      this.costs.set(key, total);
      if (c.role === 'judge') {
        judgeCalls += c.calls;
        continue;
      }
      generationCalls += c.calls;
      tokens = tokens === undefined || c.callsWithoutTokens > 0 ? undefined : tokens + c.promptTokens + c.completionTokens;
    }
    this.conversationCosts.push({
      arm: facts.factors.arm,
      generationCalls,
      judgeCalls,
      ...(tokens !== undefined ? { generationTokens: tokens } : {}),
      ...(facts.wallMs !== undefined ? { wallMs: facts.wallMs } : {}),
    });
  }
}
