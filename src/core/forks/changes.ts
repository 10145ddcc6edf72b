import { CONDITIONS, SPEAKERS, type Condition, type ForkChange, type Speaker, type TraitName } from '../domain.js';
import type { Role } from '../llm/types.js';
import { cleanForDisplay } from '../sanitize.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES, TRAIT_MAX, TRAIT_MIN, type CsiKey, type HexacoKey } from '../traits/dimensions.js';

/**
 * What a user asks a fork to change, before it is checked against the session:
 * `--supporter ID`, `--set supporter.hexaco.A=1.5`, `--condition blind`,
 * `--model supporter=NAME`, `--temperature 0.3`. planFork turns these into the
 * ForkChange list a fork's header records (from → to, no-ops dropped).
 */
export type ChangeRequest =
  | { kind: 'persona'; role: Speaker; id: string }
  | ({ kind: 'trait'; role: Speaker; value: number } & TraitName)
  | { kind: 'condition'; value: Condition }
  | { kind: 'model'; role: Role; model: string }
  | { kind: 'temperature'; value: number };

export const MODEL_ROLES: readonly Role[] = ['seeker', 'supporter', 'judge'];
export const TEMPERATURE_RANGE = { min: 0, max: 2 } as const;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const DECIMAL = /^\d+(\.\d+)?$/;
const shown = (text: string) => `"${cleanForDisplay(text)}"`;
const SET_FORMS = 'seeker=ID, supporter=ID, ROLE.hexaco.KEY=N, ROLE.csi.KEY=N, ROLE.model=NAME, condition=aware|blind, temperature=T';

/** A HEXACO key (`A`) or name (`agreeableness`), or a CSI key or name (`verbal_aggressiveness`, `verbal-aggressiveness`). */
export function traitNamed(text: string, scale?: 'hexaco' | 'csi'): TraitName | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
  const wanted = squash(text);
  if (scale !== 'csi') {
    const key = HEXACO_KEYS.find((k) => k.toLowerCase() === wanted || squash(HEXACO_NAMES[k]) === wanted);
    if (key) return { scale: 'hexaco', key };
  }
  if (scale !== 'hexaco') {
    const key = CSI_KEYS.find((k) => squash(k) === wanted || squash(CSI_NAMES[k]) === wanted);
    if (key) return { scale: 'csi', key };
  }
  return undefined;
}

/** `supporter.hexaco.A`, as `--set` writes it and the fork's summary shows it. */
export function traitPath(role: Speaker, trait: TraitName): string {
  return `${role}.${trait.scale}.${trait.key}`;
}

export function traitLabel(trait: TraitName): string {
  return trait.scale === 'hexaco' ? HEXACO_NAMES[trait.key as HexacoKey] : CSI_NAMES[trait.key as CsiKey];
}

function roleOf(text: string, withJudge: boolean): Parsed<Role> {
  const roles: readonly string[] = withJudge ? MODEL_ROLES : SPEAKERS;
  if (roles.includes(text)) return { ok: true, value: text as Role };
  const list = withJudge ? 'seeker, supporter or judge' : 'seeker or supporter';
  return { ok: false, problem: `there is no role ${shown(text)}: the roles are ${list}` };
}

function number(path: string, raw: string, min: number, max: number): Parsed<number> {
  const n = Number(raw);
  if (DECIMAL.test(raw) && n >= min && n <= max) return { ok: true, value: n };
  return { ok: false, problem: `${path} must be a number from ${min} to ${max} (got ${shown(raw)})` };
}

/**
 * One `--set PATH=VALUE`. The paths: `seeker` / `supporter` (a persona id),
 * `ROLE.hexaco.KEY` / `ROLE.csi.KEY` (or `ROLE.KEY` when the key says which:
 * `supporter.A`, `supporter.agreeableness`), `ROLE.model` (ROLE may be judge),
 * `model` (every role), `condition`, `temperature`.
 */
export function parseChange(spec: string): Parsed<ChangeRequest[]> {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) return { ok: false, problem: `--set needs PATH=VALUE, one of: ${SET_FORMS} (got ${shown(spec)})` };
  const path = spec.slice(0, eq).trim();
  const value = spec.slice(eq + 1).trim();
  const parts = path.split('.');
  const [head, second, third, ...rest] = parts;
  if (parts.length === 1) {
    switch (head) {
      case 'seeker':
      case 'supporter':
        return { ok: true, value: [{ kind: 'persona', role: head, id: value }] };
      case 'condition':
        return (CONDITIONS as readonly string[]).includes(value)
          ? { ok: true, value: [{ kind: 'condition', value: value as Condition }] }
          : { ok: false, problem: `condition must be one of: ${CONDITIONS.join(', ')} (got ${shown(value)})` };
      case 'temperature': {
        const t = number('temperature', value, TEMPERATURE_RANGE.min, TEMPERATURE_RANGE.max);
        return t.ok ? { ok: true, value: [{ kind: 'temperature', value: t.value }] } : t;
      }
      case 'model':
        return parseModel(value);
      default:
        return { ok: false, problem: `cannot change ${shown(path)}; --set takes one of: ${SET_FORMS}` };
    }
  }
  if (rest.length > 0) return { ok: false, problem: `cannot change ${shown(path)}; --set takes one of: ${SET_FORMS}` };
  if (second === 'model' && third === undefined) return parseModel(`${head}=${value}`);
  const role = roleOf(head ?? '', false);
  if (!role.ok) return role;
  const scale = third === undefined ? undefined : second;
  if (scale !== undefined && scale !== 'hexaco' && scale !== 'csi') return { ok: false, problem: `${shown(path)}: traits are ROLE.hexaco.KEY or ROLE.csi.KEY` };
  const keyText = (third ?? second) as string;
  const trait = traitNamed(keyText, scale);
  if (!trait) {
    const keys = scale === 'csi' ? CSI_KEYS : scale === 'hexaco' ? HEXACO_KEYS : [...HEXACO_KEYS, ...CSI_KEYS];
    return { ok: false, problem: `${shown(path)}: no trait ${shown(keyText)}; the keys are ${keys.join(', ')}` };
  }
  const n = number(traitPath(role.value as Speaker, trait), value, TRAIT_MIN, TRAIT_MAX);
  return n.ok ? { ok: true, value: [{ kind: 'trait', role: role.value as Speaker, ...trait, value: n.value }] } : n;
}

/** `NAME` (every role) or `ROLE=NAME`, as `--model` takes it in a fork. */
export function parseModel(text: string): Parsed<ChangeRequest[]> {
  const eq = text.indexOf('=');
  if (eq < 0) {
    const model = text.trim();
    if (model === '') return { ok: false, problem: '--model needs a model name' };
    return { ok: true, value: MODEL_ROLES.map((role) => ({ kind: 'model', role, model })) };
  }
  const role = roleOf(text.slice(0, eq).trim(), true);
  if (!role.ok) return role;
  const model = text.slice(eq + 1).trim();
  if (model === '') return { ok: false, problem: `--model ${role.value}= needs a model name` };
  return { ok: true, value: [{ kind: 'model', role: role.value, model }] };
}

/** What a request sets, so setting one thing twice (to two values) can be caught. */
export function requestTarget(request: ChangeRequest): string {
  switch (request.kind) {
    case 'persona':
      return request.role;
    case 'trait':
      return traitPath(request.role, request);
    case 'model':
      return `${request.role}.model`;
    case 'condition':
    case 'temperature':
      return request.kind;
  }
}

function fromTo(from: string | number | undefined, to: string | number): string {
  return from === undefined ? `→ ${to}` : `${from} → ${to}`;
}

/** What a change is to ("supporter", "supporter.hexaco.A", "judge model", "condition"). */
export function changeSubject(change: ForkChange): string {
  switch (change.kind) {
    case 'persona':
      return change.role;
    case 'trait':
      return traitPath(change.role, change);
    case 'model':
    case 'server':
      return `${change.role} ${change.kind}`;
    case 'condition':
    case 'engine':
    case 'temperature':
    case 'mode':
      return change.kind;
  }
}

/** One change in a few words: "supporter.hexaco.A 4.6 → 1.5", "condition aware → blind". */
export function describeChange(change: ForkChange): string {
  return `${changeSubject(change)} ${fromTo(change.from, change.to)}`;
}

export function describeChanges(changes: readonly ForkChange[]): string {
  return changes.length === 0 ? 'nothing changed' : changes.map(describeChange).join(', ');
}

/**
 * A change as the setting it leads to ("supporter.hexaco.A=1.5"): what forks
 * made the same way have in common, whatever they started from.
 */
export function changeSetting(change: ForkChange): string {
  switch (change.kind) {
    case 'persona':
      return `${change.role}=${change.to}`;
    case 'trait':
      return `${traitPath(change.role, change)}=${change.to}`;
    case 'model':
      return `${change.role}.model=${change.to}`;
    case 'server':
      return `${change.role}.server=${change.to}`;
    case 'condition':
    case 'engine':
    case 'temperature':
    case 'mode':
      return `${change.kind}=${change.to}`;
  }
}
