import type { Condition, ForkChange, SessionHeader, Speaker, Turn } from '../domain.js';
import type { Role } from '../llm/types.js';
import { canPlay, type Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import { TRAIT_MAX, TRAIT_MIN, type Csi, type Hexaco } from '../traits/dimensions.js';
import { TEMPERATURE_RANGE } from './changes.js';
import { requestTarget, traitPath, type ChangeRequest } from './changes.js';

/** The session a fork starts from: a saved one, or a live one that is paused (its header and finished turns). */
export interface ForkSource {
  header: SessionHeader;
  turns: readonly Turn[];
  /** Its log, when it has one: the copied records are read from there, byte for byte. */
  path?: string;
}

export interface ForkRequest {
  /** Keep turns 1..at (0 keeps none). */
  at: number;
  changes: readonly ChangeRequest[];
  /** The personas a `seeker=ID` / `supporter=ID` change may name. */
  library: readonly Persona[];
  /** The fork's turn cap (default: the parent's). */
  turnCap?: number;
  /** A fork that changes nothing is refused unless this is set (a comparison's side A: the parent continuing). */
  allowUnchanged?: boolean;
}

/** What the fork runs with: the parent's settings with the changes applied, and the changes as its header records them. */
export interface ForkPlan {
  at: number;
  seeker: Persona;
  supporter: Persona;
  condition: Condition;
  temperature?: number;
  turnCap: number;
  /** Models the fork asks for by role; roles not named keep the parent's. */
  models: Partial<Record<Role, string>>;
  /** From → to, in the order asked, without the ones that change nothing. */
  changes: ForkChange[];
  /** The parent's turns 1..at. */
  kept: Turn[];
}

export type Planned = { ok: true; plan: ForkPlan } | { ok: false; problems: string[] };

/**
 * Checks a fork against its parent and works out what it runs with. Every
 * problem is reported, not just the first. Refused: an imported session (its
 * turns were written by people: there are no models or personas of its own to
 * continue with), a script-engine session (one call wrote the whole dialogue;
 * nothing can continue it turn by turn — compare it with `--vs-engine` instead),
 * a turn outside 0..turns, a fork after the seeker's goodbye, no room under the
 * turn cap, an unknown persona or one that cannot play the side, a trait of a
 * persona that has none, and one thing set twice.
 */
export function planFork(source: ForkSource, request: ForkRequest): Planned {
  const { header, turns } = source;
  const id = cleanForDisplay(header.id);
  const problems: string[] = [];
  if (header.source) problems.push(`${id} was imported from ${header.source.kind}: its turns were written by people, with no models or personas of its own to continue with.`);
  if (header.engine === 'script') {
    problems.push(`${id} was written by the script engine in one call: nothing can continue it turn by turn. Compare the engines with \`persona-talks compare --vs-engine script\` instead.`);
  }
  const at = request.at;
  const inRange = Number.isInteger(at) && at >= 0 && at <= turns.length;
  if (!inRange) {
    problems.push(`turn ${at} is not in ${id}: it has ${turns.length} turn${turns.length === 1 ? '' : 's'}, so --at is 0 to ${turns.length}.`);
  }
  const goodbye = turns.find((t) => t.speaker === 'seeker' && t.closes);
  if (goodbye && at - 1 > goodbye.index) {
    problems.push(`turn ${goodbye.index + 1} is the seeker's goodbye and the conversation ends after the reply to it: fork at ${goodbye.index + 1} or earlier.`);
  }
  const turnCap = request.turnCap ?? header.turnCap;
  if (inRange && at >= turnCap) problems.push(`the fork would keep ${at} turns, which is already its turn cap (${turnCap}): raise it with --turns.`);

  const targets = new Map<string, string>();
  for (const change of request.changes) {
    const target = requestTarget(change);
    const value = JSON.stringify(change);
    if (targets.has(target) && targets.get(target) !== value) problems.push(`${target} is set twice, to different values: set it once.`);
    targets.set(target, value);
  }

  const personas: Record<Speaker, Persona> = { seeker: header.personas.seeker, supporter: header.personas.supporter };
  const changes: ForkChange[] = [];
  // Personas first, so a trait change applies to the persona the role ends up with.
  for (const change of request.changes) {
    if (change.kind !== 'persona') continue;
    const found = request.library.find((p) => p.id === change.id);
    if (!found) {
      const choices = request.library.filter((p) => canPlay(p, change.role)).map((p) => p.id);
      problems.push(`no persona with id "${cleanForDisplay(change.id)}"; ${change.role}s available: ${choices.join(', ') || '(none)'}.`);
      continue;
    }
    if (!canPlay(found, change.role)) {
      problems.push(`"${found.id}" cannot play the ${change.role}.`);
      continue;
    }
    // The same id keeps the parent's snapshot: the library's file may have changed since.
    if (found.id === personas[change.role].id) continue;
    changes.push({ kind: 'persona', role: change.role, from: personas[change.role].id, to: found.id });
    personas[change.role] = found;
  }
  for (const change of request.changes) {
    if (change.kind !== 'trait') continue;
    const persona = personas[change.role];
    const scores = change.scale === 'hexaco' ? persona.hexaco : persona.csi;
    if (!scores) {
      const why = persona.baseline ? 'is a baseline (no persona, so no traits)' : 'has no trait scores yet';
      problems.push(`${traitPath(change.role, change)}: the ${change.role} "${persona.id}" ${why}; pick another ${change.role} first.`);
      continue;
    }
    // A request may come from a form rather than --set: the range is checked here too.
    if (!Number.isFinite(change.value) || change.value < TRAIT_MIN || change.value > TRAIT_MAX) {
      problems.push(`${traitPath(change.role, change)} must be from ${TRAIT_MIN} to ${TRAIT_MAX} (got ${change.value}).`);
      continue;
    }
    const from = (scores as Record<string, number>)[change.key];
    if (from === change.value) continue;
    const changed = { ...scores, [change.key]: change.value };
    personas[change.role] = change.scale === 'hexaco' ? { ...persona, hexaco: changed as Hexaco } : { ...persona, csi: changed as Csi };
    changes.push({ kind: 'trait', role: change.role, scale: change.scale, key: change.key, ...(from !== undefined ? { from } : {}), to: change.value });
  }

  let condition = header.condition;
  let temperature = header.temperature;
  const models: Partial<Record<Role, string>> = {};
  for (const change of request.changes) {
    switch (change.kind) {
      case 'condition':
        if (change.value !== condition) changes.push({ kind: 'condition', from: condition, to: change.value });
        condition = change.value;
        break;
      case 'temperature':
        if (!Number.isFinite(change.value) || change.value < TEMPERATURE_RANGE.min || change.value > TEMPERATURE_RANGE.max) {
          problems.push(`temperature must be from ${TEMPERATURE_RANGE.min} to ${TEMPERATURE_RANGE.max} (got ${change.value}).`);
          break;
        }
        if (change.value !== temperature) changes.push({ kind: 'temperature', ...(temperature !== undefined ? { from: temperature } : {}), to: change.value });
        temperature = change.value;
        break;
      case 'model': {
        const from = change.role === 'judge' ? header.models.judge?.model : header.models[change.role].model;
        if (change.model !== from) changes.push({ kind: 'model', role: change.role, ...(from !== undefined ? { from } : {}), to: change.model });
        models[change.role] = change.model;
        break;
      }
      default:
        break;
    }
  }

  if (problems.length === 0 && changes.length === 0 && !request.allowUnchanged) {
    problems.push(
      request.changes.length === 0
        ? 'nothing to change: name at least one (--supporter, --seeker, --set, --condition, --model, --temperature).'
        : 'nothing would change: the fork already has every value asked for, so it would only repeat its parent.',
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    plan: {
      at,
      seeker: personas.seeker,
      supporter: personas.supporter,
      condition,
      ...(temperature !== undefined ? { temperature } : {}),
      turnCap,
      models,
      changes,
      kept: turns.slice(0, at),
    },
  };
}
