import type { Role, Usage } from './llm/types.js';
import type { Persona } from './personas/schema.js';
import type { Strategy } from './strategies.js';
import type { Csi, CsiKey, Hexaco, HexacoKey } from './traits/dimensions.js';

/**
 * The words a conversation is described in, shared by the engine (which makes
 * conversations), the session log (which keeps them) and every front end (which
 * shows them). Types and word lists only: this module depends on nothing that
 * does anything, so any part of the app can import it without pulling in another.
 */

export type { Usage } from './llm/types.js';

export const SPEAKERS = ['seeker', 'supporter'] as const;
export type Speaker = (typeof SPEAKERS)[number];

/** Two agents, or the paper's one call that writes the whole dialogue. */
export const ENGINE_KINDS = ['agents', 'script'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];
/** Whether the supporter is told the seeker's profile (persona-aware) or only what the chat says (blind). */
export const CONDITIONS = ['aware', 'blind'] as const;
export type Condition = (typeof CONDITIONS)[number];
/** Who types: nobody (watch), or the user as one side. */
export const MODES = ['watch', 'join-seeker', 'join-supporter'] as const;
export type Mode = (typeof MODES)[number];

/**
 * How a supporter turn's label was obtained: declared by the model in structured
 * output, parsed from free text, chosen by a human, steered by the user, a
 * fallback when the model gave none we could read (then "Others"), imported from
 * a file, or perceived: a human supporter skipped picking and the strategy
 * classifier labelled the turn.
 */
export type LabelSource = 'declared' | 'parsed' | 'human' | 'steered' | 'fallback' | 'imported' | 'perceived';

/** One finished message of a conversation. */
export interface Turn {
  index: number;
  speaker: Speaker;
  text: string;
  /** Only supporter turns carry a strategy. */
  strategy?: Strategy;
  labelSource?: LabelSource;
  /** An imported turn's label as its file spelled it (a synonym, or a label outside the eight), so an export gives it back. */
  sourceLabel?: string;
  by: 'ai' | 'human';
  startedAt: string;
  finishedAt: string;
  latencyMs?: number;
  usage?: Usage;
  /** The seeker said goodbye with this turn. */
  closes?: boolean;
  /** The model's reasoning before its words (never part of `text`); saved only when the keepReasoning setting is on. */
  reasoning?: string;
}

/**
 * An AI turn whose reply declined the persona or answered from outside it. The
 * first is asked again with a reminder ('asked-again'); a second ends the turn
 * and pauses the conversation ('turn-paused'). Never part of the dialogue.
 */
export interface Refusal {
  index: number;
  role: Speaker;
  /** The model that refused (never the endpoint's key). */
  model: string;
  /** The reply, neutralised and shortened. */
  text: string;
  kind: 'refusal' | 'out-of-persona';
  /** What gave it away, in a few words. */
  reason: string;
  attempt: number;
  outcome: 'asked-again' | 'turn-paused';
}

export type EndReason = 'turn-cap' | 'seeker-closed' | 'stopped' | 'error';

/** One dimension as the trait judge estimated it: a 1–5 score and its 0–1 confidence. */
export interface JudgedScore {
  score: number;
  confidence: number;
}

/**
 * The trait judge's estimate of what one speaker's turns so far express (a meter
 * reading). A dimension the judge could not see any evidence for is absent, never
 * a made-up number.
 */
export interface MeterReading {
  speaker: Speaker;
  /** Index of the last turn the judge had read. */
  afterTurn: number;
  hexaco: Partial<Record<HexacoKey, JudgedScore>>;
  csi: Partial<Record<CsiKey, JudgedScore>>;
}

/** The strategy classifier's label for supporter turn `index` (the perceived strategy), beside the declared one. */
export interface PerceivedLabel {
  index: number;
  /** Absent when the classification failed (`failed`): no label is ever guessed for it. */
  strategy?: Strategy;
  declared?: Strategy;
  /** perceived === declared (false when there is no declared label, or no perceived one). */
  agrees: boolean;
  /** The classifier's answer named no strategy: left out of agreement and kappa. */
  failed?: true;
  /** Why it failed, or how an answer that was not a clean label was read. */
  note?: string;
  /**
   * Which prompt gave the label: the classifier's own, or the trait judge's reading of
   * the supporter that also labels its new turns. Absent in older logs (the classifier).
   */
  via?: 'classifier' | 'judge';
}

/**
 * What the agents are told about the turns that left their window: a running summary
 * of every turn up to and including `throughTurn`, written by a model from the chat's
 * words alone (no personas, no strategy labels).
 */
export interface ConversationSummary {
  throughTurn: number;
  text: string;
}

/** What a session records about where a role's requests went: never the API key. */
export interface EndpointRecord {
  baseURL: string;
  model: string;
}

/** The first line of every session log: who talked, under which settings, with which models and prompts. */
export interface SessionHeader {
  type: 'header';
  v: number;
  app: 'persona-talks';
  appVersion: string;
  id: string;
  createdAt: string;
  engine: EngineKind;
  condition: Condition;
  mode: Mode;
  turnCap: number;
  seed?: number;
  temperature?: number;
  /** Trait judge cadence the session ran with (0 off, N every N turns); absent when there was no judge. */
  judgeCadence?: number;
  /** Whether the strategy classifier labelled supporter turns; absent when there was no judge client. */
  perceive?: boolean;
  models: { seeker: EndpointRecord; supporter: EndpointRecord; judge?: EndpointRecord };
  personas: { seeker: Persona; supporter: Persona };
  /** Version of every prompt the session's model calls used (prompt name → version); absent in older logs. */
  prompts?: Record<string, string>;
  /** Set when the session was imported (e.g. from ESConv) rather than generated. */
  source?: { kind: 'esconv'; file: string; index: number; extra?: Record<string, unknown> };
  /**
   * The agents saw at most this many latest turns word for word, and a running summary
   * of the turns before them. Absent: they saw the whole conversation (older logs, window 0).
   */
  window?: number;
  /** Set on a fork: the session it continues, the turn it forked at, and what it changed; absent otherwise and in older logs. */
  fork?: ForkOrigin;
  /** Set on each side of a comparison: the comparison's id (its link file) and which side this is. */
  comparison?: { id: string; side: ComparisonSide };
  /** The experiment arm this conversation ran in (absent outside experiments). */
  arm?: Arm;
  /** Which experiment and which of its conversations this session is (absent outside experiments). */
  experiment?: ExperimentRef;
}

/** The two sides of a comparison: A, what it is compared with; B, what the user changed. */
export const COMPARISON_SIDES = ['A', 'B'] as const;
export type ComparisonSide = (typeof COMPARISON_SIDES)[number];

/** A trait of a persona, named the way `--set` names it: `hexaco.A`, `csi.expressiveness`. */
export interface TraitName {
  scale: 'hexaco' | 'csi';
  key: HexacoKey | CsiKey;
}

/**
 * One thing a fork (or side B of a comparison) has that its parent (side A) had
 * not, from → to. Personas by id; a trait of the persona the role ends up with;
 * models and servers per role, as sessions record them (never a key). `from` is
 * absent where the parent left it to the server (a temperature) or had none.
 */
export type ForkChange =
  | { kind: 'persona'; role: Speaker; from: string; to: string }
  | ({ kind: 'trait'; role: Speaker; from?: number; to: number } & TraitName)
  | { kind: 'condition'; from: Condition; to: Condition }
  | { kind: 'engine'; from: EngineKind; to: EngineKind }
  | { kind: 'model'; role: Role; from?: string; to: string }
  | { kind: 'server'; role: Role; from?: string; to: string }
  | { kind: 'temperature'; from?: number; to: number }
  | { kind: 'mode'; from: Mode; to: Mode };

/** Where a fork came from: its first `atTurn` turns are its parent's, copied record for record. */
export interface ForkOrigin {
  parent: { id: string; path?: string };
  atTurn: number;
  changes: ForkChange[];
}

/** The persona card the measurement pipeline extracts from a dialogue (unknowns are null). */
export interface ExtractedCard {
  age_band: string | null;
  gender: string | null;
  occupation: string | null;
  description: string;
}

/**
 * The measurement pipeline's result for one speaker (persona card → behavioural
 * sentences → inventory ratings → reverse keys and dimension means).
 */
export interface MeasurementResult {
  speaker: Speaker;
  /** Index of the last turn measured. */
  afterTurn: number;
  card: ExtractedCard;
  behaviours: { hexaco: Record<HexacoKey, string>; csi: Record<CsiKey, string> };
  /** Dimension means; a dimension none of whose items got a valid rating is absent. */
  hexaco: Partial<Hexaco>;
  csi: Partial<Csi>;
  /** Raw 1–5 ratings per inventory item id, before reverse keying. */
  answers: Record<string, number>;
  /** Item ids the model never rated validly (left out of the means). */
  missing: string[];
  inventories: { hexaco: string; csi: string };
  model: EndpointRecord;
  /** Version of every prompt the measurement pipeline used; absent in older logs. */
  prompts?: Record<string, string>;
}

/**
 * One arm of an experiment: the study's three switches. `condition` mirrors
 * supporterKnowsSeeker (aware / blind), so older readers still see it.
 */
export interface Arm {
  name: string;
  /** The seeker agent's prompt carries its own HEXACO and CSI. */
  seekerTraits: boolean;
  /** false: the no-persona baseline supporter replaces the supporter. */
  supporterPersona: boolean;
  /** The supporter is told the seeker's profile (aware) or only what the chat says (blind). */
  supporterKnowsSeeker: boolean;
}

/** Where a session sits in an experiment: the experiment, its conversation id, the repetition and the model configuration. */
export interface ExperimentRef {
  id: string;
  conversation: string;
  rep: number;
  model: string;
}

/**
 * A judge model's rating of one conversation on ESConv's survey dimensions:
 * the supporter's empathy and relevance, and the seeker's emotion intensity at
 * the start and at the end, each a whole number 1–5. A rating that failed
 * validation twice is never recorded (a notice says so instead).
 */
export interface QualityResult {
  empathy: number;
  relevance: number;
  initialIntensity: number;
  finalIntensity: number;
  /** Index of the last turn rated (written by this app; a record from elsewhere may lack it). */
  afterTurn?: number;
  model: EndpointRecord;
  /** `quality@<version>`: the prompt the rating came from. */
  prompt: string;
  /** What the rating cost: model calls (a retry is a second one), and tokens when the server reported them for every call. */
  usage?: { calls: number; promptTokens?: number; completionTokens?: number };
}
