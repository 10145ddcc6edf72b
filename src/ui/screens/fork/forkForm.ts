import { checkFork, type ChangeRequest, type ForkSource } from '../../../app/fork.js';
import { CONDITIONS, type Condition, type Speaker, type TraitName } from '../../../core/domain.js';
import { traitLabel, traitPath } from '../../../core/forks/changes.js';
import { canPlay, type Persona } from '../../../core/personas/schema.js';
import { CSI_KEYS, HEXACO_KEYS, TRAIT_MAX, TRAIT_MIN } from '../../../core/traits/dimensions.js';

/**
 * The fork form as data: what it shows, what each key does to it, and the
 * change requests it stands for. The values start as the parent's; only the
 * ones the user moves away from them become changes, and checkFork (the same
 * check `persona-talks fork` makes) says what is wrong before anything starts.
 */
export const FORK_FIELDS = ['at', 'supporter', 'seeker', 'condition', 'temperature', 'trait', 'traitValue', 'fork', 'compare', 'cancel'] as const;
export type ForkField = (typeof FORK_FIELDS)[number];
export type ForkButton = Extract<ForkField, 'fork' | 'compare' | 'cancel'>;

export const FORK_TRAIT_STEP = 0.5;
export const FORK_TEMPERATURE_STEP = 0.1;
const TEMPERATURE_MAX = 2;

export type TraitChoice = { role: Speaker } & TraitName;

/** Every single trait a form can set: the supporter's first (what a talk most often changes), then the seeker's. */
export const TRAIT_CHOICES: readonly TraitChoice[] = (['supporter', 'seeker'] as const).flatMap((role) => [
  ...HEXACO_KEYS.map((key) => ({ role, scale: 'hexaco' as const, key })),
  ...CSI_KEYS.map((key) => ({ role, scale: 'csi' as const, key })),
]);

/** The slider starts on the supporter's Agreeableness: the trait a talk about supporters most often turns. */
export const DEFAULT_TRAIT = TRAIT_CHOICES.findIndex((c) => c.role === 'supporter' && c.scale === 'hexaco' && c.key === 'A');

export interface ForkFormState {
  focus: ForkField;
  /** Keep turns 1..at. */
  at: number;
  supporterId: string;
  seekerId: string;
  condition: Condition;
  temperature: number | undefined;
  /** Which trait the slider is on (index into TRAIT_CHOICES), and the value set for it (none: unchanged). */
  trait: number;
  traitValue: number | undefined;
  /** A fork or comparison is being started: keys wait. */
  busy: boolean;
  /** Why the last start failed (the server, the file): shown under the form. */
  failure: string | undefined;
}

export type ForkFormAction =
  | { type: 'move'; delta: number }
  | { type: 'adjust'; delta: number }
  | { type: 'busy'; busy: boolean; failure?: string };

export interface ForkFormContext {
  source: ForkSource;
  library: readonly Persona[];
}

const round = (value: number, step: number) => Math.round(value / step) * step;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The form for a parent: its values, and the turn to fork at: the last finished
 * one, under the turn cap and no later than the seeker's goodbye (after which
 * nothing can go on).
 */
export function initialForkForm(source: ForkSource): ForkFormState {
  const { header, turns } = source;
  const goodbye = turns.find((t) => t.speaker === 'seeker' && t.closes);
  const last = Math.min(turns.length, header.turnCap - 1, goodbye ? goodbye.index + 1 : turns.length);
  return {
    focus: 'supporter',
    at: Math.max(0, last),
    supporterId: header.personas.supporter.id,
    seekerId: header.personas.seeker.id,
    condition: header.condition,
    temperature: header.temperature,
    trait: DEFAULT_TRAIT,
    traitValue: undefined,
    busy: false,
    failure: undefined,
  };
}

/** The personas that can play a side, the parent's own first when the library no longer has it. */
export function choicesFor(role: Speaker, context: ForkFormContext): Persona[] {
  const own = context.source.header.personas[role];
  const playable = context.library.filter((p) => canPlay(p, role));
  return playable.some((p) => p.id === own.id) ? playable : [own, ...playable];
}

/** The persona a side will have: the chosen one from the library, or the parent's snapshot when unchanged. */
export function personaFor(role: Speaker, state: ForkFormState, context: ForkFormContext): Persona {
  const id = role === 'supporter' ? state.supporterId : state.seekerId;
  const own = context.source.header.personas[role];
  if (id === own.id) return own;
  return context.library.find((p) => p.id === id) ?? own;
}

/** The slider's trait and its value now: the one set, else the persona's own (undefined: it has none). */
export function traitShown(state: ForkFormState, context: ForkFormContext): { choice: TraitChoice; label: string; path: string; value: number | undefined; changed: boolean } {
  const choice = TRAIT_CHOICES[state.trait]!;
  const persona = personaFor(choice.role, state, context);
  const scores = (choice.scale === 'hexaco' ? persona.hexaco : persona.csi) as Record<string, number> | undefined;
  const own = scores?.[choice.key];
  return { choice, label: `${choice.role}'s ${traitLabel(choice)}`, path: traitPath(choice.role, choice), value: state.traitValue ?? own, changed: state.traitValue !== undefined && state.traitValue !== own };
}

function cycle<T>(items: readonly T[], current: T, delta: number): T {
  const at = Math.max(0, items.indexOf(current));
  return items[(at + delta + items.length) % items.length]!;
}

export function forkFormReducer(context: ForkFormContext) {
  return (state: ForkFormState, action: ForkFormAction): ForkFormState => {
    switch (action.type) {
      case 'busy':
        return { ...state, busy: action.busy, failure: action.failure };
      case 'move':
        return { ...state, focus: cycle(FORK_FIELDS, state.focus, action.delta), failure: undefined };
      case 'adjust':
        return adjust(state, action.delta, context);
    }
  };
}

function adjust(state: ForkFormState, delta: number, context: ForkFormContext): ForkFormState {
  switch (state.focus) {
    case 'at':
      return { ...state, at: clamp(state.at + delta, 0, context.source.turns.length) };
    case 'supporter':
    case 'seeker': {
      const ids = choicesFor(state.focus, context).map((p) => p.id);
      const key = state.focus === 'supporter' ? 'supporterId' : 'seekerId';
      const next = cycle(ids, state[key], delta);
      // The slider follows the new persona's own value unless it is on the other side.
      const resetsTrait = TRAIT_CHOICES[state.trait]!.role === state.focus;
      return { ...state, [key]: next, ...(resetsTrait ? { traitValue: undefined } : {}) };
    }
    case 'condition':
      return { ...state, condition: cycle(CONDITIONS, state.condition, delta) };
    case 'temperature': {
      const from = state.temperature ?? 0.7;
      return { ...state, temperature: Number(clamp(round(from + delta * FORK_TEMPERATURE_STEP, FORK_TEMPERATURE_STEP), 0, TEMPERATURE_MAX).toFixed(1)) };
    }
    case 'trait':
      return { ...state, trait: (state.trait + delta + TRAIT_CHOICES.length) % TRAIT_CHOICES.length, traitValue: undefined };
    case 'traitValue': {
      const shown = traitShown(state, context);
      if (shown.value === undefined) return state; // a baseline or unscored persona: nothing to slide
      return { ...state, traitValue: clamp(round(shown.value + delta * FORK_TRAIT_STEP, FORK_TRAIT_STEP), TRAIT_MIN, TRAIT_MAX) };
    }
    default:
      return state;
  }
}

/** What the form asks to change: only the values moved away from the parent's. */
export function forkChanges(state: ForkFormState, context: ForkFormContext): ChangeRequest[] {
  const { header } = context.source;
  const changes: ChangeRequest[] = [];
  if (state.supporterId !== header.personas.supporter.id) changes.push({ kind: 'persona', role: 'supporter', id: state.supporterId });
  if (state.seekerId !== header.personas.seeker.id) changes.push({ kind: 'persona', role: 'seeker', id: state.seekerId });
  if (state.condition !== header.condition) changes.push({ kind: 'condition', value: state.condition });
  if (state.temperature !== undefined && state.temperature !== header.temperature) changes.push({ kind: 'temperature', value: state.temperature });
  const trait = traitShown(state, context);
  if (state.traitValue !== undefined && trait.changed) {
    const { role, scale, key } = trait.choice;
    changes.push({ kind: 'trait', role, scale, key, value: state.traitValue } as ChangeRequest);
  }
  return changes;
}

/** The form checked as `persona-talks fork` checks it: the request to start, or every problem. */
export function checkForkForm(state: ForkFormState, context: ForkFormContext) {
  const request = { at: state.at, changes: forkChanges(state, context), library: context.library };
  return { request, checked: checkFork(context.source, request) };
}
