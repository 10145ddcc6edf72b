import { createHash } from 'node:crypto';
import type { Arm, Condition, EngineKind } from '../domain.js';
import type { Plan } from './plan.js';

/**
 * The conversations a plan stands for: every arm × seeker × supporter × engine ×
 * model configuration, `repetitions` times, each with an id and a seed that
 * depend on nothing but the plan, so running it again finds the same ones.
 */

export interface PlannedConversation {
  /** `${arm}__${seeker}__${supporter}__${engine}__${model}__r${rep}`, safe as a file name. */
  id: string;
  arm: Arm;
  seeker: string;
  /** The supporter who talks: in an arm without persona, the baseline. */
  supporter: string;
  engine: EngineKind;
  /** The model configuration's name. */
  model: string;
  /** 1-based. */
  rep: number;
  seed: number;
}

/** The cell a conversation belongs to: everything but its repetition. */
export function cellOf(c: Pick<PlannedConversation, 'arm' | 'seeker' | 'supporter' | 'engine' | 'model'>): string {
  return [c.arm.name, c.seeker, c.supporter, c.engine, c.model].join(' · ');
}

export function conditionOf(arm: Arm): Condition {
  return arm.supporterKnowsSeeker ? 'aware' : 'blind';
}

export function conversationId(parts: { arm: string; seeker: string; supporter: string; engine: string; model: string; rep: number }): string {
  const raw = `${parts.arm}__${parts.seeker}__${parts.supporter}__${parts.engine}__${parts.model}__r${parts.rep}`;
  return raw.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** FNV-1a over the id: small, stable on every platform and Node version. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function seedFor(seedBase: number, id: string): number {
  return seedBase + (stableHash(id) % 1_000_000);
}

export interface Cast {
  seekers: readonly string[];
  supporters: readonly string[];
  /** The baseline supporter an arm without persona puts in every supporter's place. */
  baseline?: string;
}

/**
 * Repetition first, then the cells: a run stopped half-way has every cell about
 * equally far along, rather than some cells done and others not begun. In an arm
 * without persona the baseline replaces each supporter, so its cells collapse
 * into one per seeker (the same conversation would otherwise run once per
 * supporter it replaced).
 */
export function planConversations(plan: Pick<Plan, 'arms' | 'engines' | 'models' | 'repetitions' | 'seedBase'>, cast: Cast): PlannedConversation[] {
  const out: PlannedConversation[] = [];
  for (let rep = 1; rep <= plan.repetitions; rep++) {
    for (const arm of plan.arms) {
      const supporters = arm.supporterPersona ? cast.supporters : cast.baseline ? [cast.baseline] : [];
      for (const seeker of cast.seekers) {
        for (const supporter of supporters) {
          for (const engine of plan.engines) {
            for (const model of plan.models) {
              const id = conversationId({ arm: arm.name, seeker, supporter, engine, model: model.name, rep });
              out.push({ id, arm: { ...arm }, seeker, supporter, engine, model: model.name, rep, seed: seedFor(plan.seedBase, id) });
            }
          }
        }
      }
    }
  }
  return out;
}

/**
 * What makes two plans the same experiment: everything but how fast it runs
 * (concurrency, rate limits). Key order and comments do not count.
 */
export function planHash(plan: Plan): string {
  const { concurrency: _c, rateLimits: _r, ...what } = plan;
  return createHash('sha256').update(canonicalJson(what)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
