import { basename } from 'node:path';
import { z } from 'zod';
import { measuredTraits, perceivedPairs, targetTraits } from '../analysis/report-inputs.js';
import type { Condition, EndReason, EngineKind, Speaker } from '../domain.js';
import { SPEAKERS } from '../domain.js';
import { QUALITY_MAX, QUALITY_MIN } from '../prompts/quality.js';
import { SESSION_EXTENSION } from '../sessions/format.js';
import type { LoadedSession } from '../sessions/reader.js';
import type { Strategy } from '../strategies.js';
import { CSI_KEYS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../traits/dimensions.js';
import type { ManifestEntry } from './folder.js';

/**
 * What one session contributes to an experiment report, read once and kept
 * small: the cell it belongs to, the scored traits of its personas, target vs
 * measured traits, its supporter turns' labels, its quality rating, refusals and
 * costs — never its text. The report streams sessions through this, so it holds
 * these facts, not the sessions.
 */

/** The header fields the experiment runner adds (optional: ordinary sessions lack them). Read leniently: a file is untrusted. */
const ArmHeader = z.object({ name: z.string(), seekerTraits: z.boolean(), supporterPersona: z.boolean(), supporterKnowsSeeker: z.boolean() });
const ExperimentHeader = z.object({ id: z.string(), conversation: z.string(), rep: z.number(), model: z.string() });

/** A quality record as a report may use it: whole numbers 1–5, or it is not used. */
const score = z.number().int().min(QUALITY_MIN).max(QUALITY_MAX);
const QualityRecord = z.object({ empathy: score, relevance: score, initialIntensity: score, finalIntensity: score, model: z.object({ model: z.string() }).optional() });

export type ConversationState = 'finished' | 'stopped' | 'failed' | 'unfinished';

/** The factors a conversation is compared by. */
export interface Factors {
  /** The plan's arm; sessions without one are grouped by their condition. */
  arm: string;
  condition: Condition;
  engine: EngineKind;
  /** The plan's model configuration; without one, the models of the two agents. */
  model: string;
}

export interface TraitRow {
  role: Speaker;
  family: 'hexaco' | 'csi';
  dimension: HexacoKey | CsiKey;
  target?: number;
  measured?: number;
}

export interface SpeakerTraits {
  role: Speaker;
  persona: string;
  /** The model that played the role. */
  model: string;
  /** Where the measured values came from: the post-hoc pipeline or the live meter's last reading. */
  source?: 'measurement' | 'meter';
  afterTurn?: number;
  rows: TraitRow[];
}

export interface SupporterTurnFacts {
  index: number;
  by: 'ai' | 'human';
  strategy?: Strategy;
  labelSource?: string;
  perceived?: Strategy;
  /** Whether declared and perceived may be compared (a fallback or a classifier-made label may not). */
  comparable: boolean;
  latencyMs?: number;
  promptTokens?: number;
  completionTokens?: number;
}

export interface ScoredPersona {
  id: string;
  name: string;
  hexaco: Partial<Record<HexacoKey, number>>;
  csi: Partial<Record<CsiKey, number>>;
}

export interface ModelCost {
  role: Speaker | 'judge';
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  /** Calls whose tokens the log does not have (the script engine's one call, meter and classifier calls, old logs). */
  callsWithoutTokens: number;
  /** Sum of the recorded latencies of its generation calls. */
  modelMs: number;
  /** Measurement-pipeline runs: several calls each, which the log does not count. */
  measurements: number;
}

export interface QualityFacts {
  empathy: number;
  relevance: number;
  initialIntensity: number;
  finalIntensity: number;
  model?: string;
}

export interface ConversationFacts {
  id: string;
  file: string;
  state: ConversationState;
  endReason?: EndReason;
  factors: Factors;
  /** Whether the arm came from the session header, the manifest, or (neither) the condition. */
  armFrom: 'header' | 'manifest' | 'condition';
  seeker: string;
  supporter: string;
  rep?: number;
  seed?: number;
  models: { seeker: string; supporter: string; judge?: string };
  endpoints: string[];
  turns: number;
  scoredPersonas: ScoredPersona[];
  traits: SpeakerTraits[];
  supporterTurns: SupporterTurnFacts[];
  quality?: QualityFacts;
  /** A quality record that is not five whole numbers 1–5: left out, and counted. */
  qualityInvalid: number;
  /** Ratings tried and dropped (a notice says so in the log). */
  qualityDropped: number;
  refusals: Array<{ role: Speaker; model: string; kind: string; outcome: string }>;
  costs: ModelCost[];
  /** Time the conversation ran: from each start (or resume) to the end that followed it. */
  wallMs?: number;
  skippedLines: number[];
}

function stateOf(reason: EndReason | undefined): ConversationState {
  if (reason === 'turn-cap' || reason === 'seeker-closed') return 'finished';
  if (reason === 'stopped') return 'stopped';
  if (reason === 'error') return 'failed';
  return 'unfinished';
}

/** Sum of the stretches from the header (or a resume) to the 'ended' after it. */
function runningTime(session: LoadedSession): number | undefined {
  let start: number | undefined = Date.parse(session.header.createdAt);
  let total = 0;
  let any = false;
  for (const r of session.records) {
    if (r.type === 'resumed') start = Date.parse(r.at);
    else if (r.type === 'ended' && start !== undefined) {
      const end = Date.parse(r.at);
      if (Number.isFinite(end) && Number.isFinite(start) && end >= start) {
        total += end - start;
        any = true;
      }
      start = undefined;
    }
  }
  return any ? total : undefined;
}

function traitsOf(session: LoadedSession, role: Speaker, model: string): SpeakerTraits | undefined {
  const target = targetTraits(session.header, role);
  const measured = measuredTraits(session, role);
  if (!target && !measured) return undefined;
  const rows: TraitRow[] = [];
  const add = <K extends HexacoKey | CsiKey>(family: 'hexaco' | 'csi', keys: readonly K[], t: Partial<Record<K, number>> | undefined, m: Partial<Record<K, number>> | undefined) => {
    for (const dimension of keys) {
      const tv = t?.[dimension];
      const mv = m?.[dimension];
      if (tv === undefined && mv === undefined) continue;
      rows.push({ role, family, dimension, ...(tv !== undefined ? { target: tv } : {}), ...(mv !== undefined ? { measured: mv } : {}) });
    }
  };
  add('hexaco', HEXACO_KEYS, target?.hexaco, measured?.hexaco);
  add('csi', CSI_KEYS, target?.csi, measured?.csi);
  return {
    role,
    persona: session.header.personas[role].id,
    model,
    ...(measured ? { source: measured.source, afterTurn: measured.afterTurn } : {}),
    rows,
  };
}

function scored(session: LoadedSession): ScoredPersona[] {
  if (session.header.source !== undefined) return [];
  return SPEAKERS.flatMap((role) => {
    const p = session.header.personas[role];
    if (p.baseline || p.unscored || !p.hexaco || !p.csi) return [];
    return [{ id: p.id, name: p.name, hexaco: { ...p.hexaco }, csi: { ...p.csi } }];
  });
}

class CostTable {
  private readonly rows = new Map<string, ModelCost>();
  add(role: ModelCost['role'], model: string, calls: number, tokens?: { promptTokens: number; completionTokens: number }, modelMs = 0): void {
    const key = `${role}\u0000${model}`;
    const row = this.rows.get(key) ?? { role, model, calls: 0, promptTokens: 0, completionTokens: 0, callsWithoutTokens: 0, modelMs: 0, measurements: 0 };
    row.calls += calls;
    if (tokens) {
      row.promptTokens += tokens.promptTokens;
      row.completionTokens += tokens.completionTokens;
    } else row.callsWithoutTokens += calls;
    row.modelMs += modelMs;
    this.rows.set(key, row);
  }
  measured(model: string): void {
    this.add('judge', model, 0);
    (this.rows.get(`judge\u0000${model}`) as ModelCost).measurements += 1;
  }
  list(): ModelCost[] {
    return [...this.rows.values()];
  }
}

/** What `session` contributes to the report; `entry` is its manifest line, when the manifest lists it. */
export function conversationFacts(session: LoadedSession, entry?: ManifestEntry): ConversationFacts {
  const { header } = session;
  const armHeader = ArmHeader.safeParse((header as { arm?: unknown }).arm);
  const experiment = ExperimentHeader.safeParse((header as { experiment?: unknown }).experiment);
  const id = experiment.success ? experiment.data.conversation : (entry?.id ?? basename(session.path, SESSION_EXTENSION));
  const armFrom = armHeader.success ? 'header' : entry?.arm !== undefined ? 'manifest' : 'condition';
  const arm = armHeader.success ? armHeader.data.name : (entry?.arm ?? header.condition);
  const models = { seeker: header.models.seeker.model, supporter: header.models.supporter.model, ...(header.models.judge ? { judge: header.models.judge.model } : {}) };
  const model = experiment.success ? experiment.data.model : (entry?.model ?? (models.seeker === models.supporter ? models.seeker : `${models.seeker} / ${models.supporter}`));
  const endReason = session.ended?.reason;

  const perceived = new Map<number, Strategy>();
  // A failed classification is no label: the turn counts among those without one.
  for (const r of session.records) if (r.type === 'perceived' && r.strategy) perceived.set(r.index, r.strategy);
  const comparable = new Set(perceivedPairs(session).map((p) => p.index));
  const supporterTurns: SupporterTurnFacts[] = session.turns
    .filter((t) => t.speaker === 'supporter')
    .map((t) => ({
      index: t.index,
      by: t.by,
      ...(t.strategy ? { strategy: t.strategy } : {}),
      ...(t.labelSource ? { labelSource: t.labelSource } : {}),
      ...(perceived.has(t.index) ? { perceived: perceived.get(t.index) } : {}),
      comparable: comparable.has(t.index),
      ...(t.latencyMs !== undefined ? { latencyMs: t.latencyMs } : {}),
      ...(t.usage ? { promptTokens: t.usage.promptTokens, completionTokens: t.usage.completionTokens } : {}),
    }));

  const costs = new CostTable();
  const refusals: ConversationFacts['refusals'] = [];
  let quality: QualityFacts | undefined;
  let qualityInvalid = 0;
  let qualityDropped = 0;
  const judgeModel = models.judge ?? 'judge (model not recorded)';
  for (const turn of session.turns) {
    if (turn.by !== 'ai' || header.engine === 'script') continue;
    costs.add(turn.speaker, models[turn.speaker], 1, turn.usage, turn.latencyMs ?? 0);
  }
  // The script engine writes every turn in one call, whose usage the log does not keep.
  if (header.engine === 'script' && session.turns.length > 0) costs.add('supporter', models.supporter, 1);
  for (const r of session.records) {
    switch (r.type) {
      case 'refusal':
        refusals.push({ role: r.role, model: r.model, kind: r.kind, outcome: r.outcome });
        costs.add(r.role, r.model, 1);
        break;
      case 'meter':
      case 'perceived':
        costs.add('judge', judgeModel, 1);
        break;
      case 'measurement':
        // One record stands for several calls (card, behaviours, ratings) whose count the log does not keep.
        costs.measured(r.model.model);
        break;
      case 'quality': {
        const valid = QualityRecord.safeParse(r);
        if (!valid.success) {
          qualityInvalid += 1;
          break;
        }
        // A later rating replaces an earlier one (a conversation rated again).
        quality = { ...valid.data, model: valid.data.model?.model };
        const usage = r.usage;
        const tokens = usage && usage.promptTokens !== undefined && usage.completionTokens !== undefined ? { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens } : undefined;
        costs.add('judge', r.model?.model ?? judgeModel, usage?.calls ?? 1, tokens);
        break;
      }
      case 'notice':
        if (r.message.startsWith('quality rating dropped')) qualityDropped += 1;
        break;
      default:
        break;
    }
  }

  const traits = SPEAKERS.flatMap((role) => traitsOf(session, role, models[role]) ?? []);
  const endpoints = [...new Set(Object.entries(header.models).map(([role, e]) => `${role}: ${e.model} at ${e.baseURL}`))];
  const wallMs = runningTime(session);
  return {
    id,
    file: session.path,
    state: stateOf(endReason),
    ...(endReason ? { endReason } : {}),
    factors: { arm, condition: header.condition, engine: header.engine, model },
    armFrom,
    seeker: header.personas.seeker.id,
    supporter: header.personas.supporter.id,
    ...(experiment.success ? { rep: experiment.data.rep } : entry?.rep !== undefined ? { rep: entry.rep } : {}),
    ...(header.seed !== undefined ? { seed: header.seed } : {}),
    models,
    endpoints,
    turns: session.turns.length,
    scoredPersonas: scored(session),
    traits,
    supporterTurns,
    ...(quality ? { quality } : {}),
    qualityInvalid,
    qualityDropped,
    refusals,
    costs: costs.list(),
    ...(wallMs !== undefined ? { wallMs } : {}),
    skippedLines: session.skippedLines,
  };
}
