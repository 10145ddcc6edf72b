import type { Persona } from '../personas/schema.js';
import type { EndReason, MeterReading, PerceivedLabel, Refusal, Speaker, Turn } from '../engine/events.js';
import type { Csi, CsiKey, Hexaco, HexacoKey } from '../traits/dimensions.js';

/** Bump when a record changes shape; readers refuse versions newer than they know. */
export const SESSION_FORMAT_VERSION = 1;

export type EngineKind = 'agents' | 'script';
export type Condition = 'aware' | 'blind';
export type Mode = 'watch' | 'join-seeker' | 'join-supporter';

/** What a session records about where a role's requests went: never the API key. */
export interface EndpointRecord {
  baseURL: string;
  model: string;
}

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
  /** Set when the session was imported (e.g. from ESConv) rather than generated. */
  source?: { kind: 'esconv'; file: string; index: number; extra?: Record<string, unknown> };
}

/** The persona card the paper's pipeline extracts from a dialogue (unknowns are null). */
export interface ExtractedCard {
  age_band: string | null;
  gender: string | null;
  occupation: string | null;
  description: string;
}

/**
 * The paper's post-hoc measurement of one speaker (persona card → behavioural
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
}

export type SessionRecord =
  | SessionHeader
  | { type: 'turn'; v: number; at: string; turn: Turn }
  | { type: 'notice'; v: number; at: string; level: 'info' | 'warn'; message: string }
  | { type: 'error'; v: number; at: string; message: string }
  | { type: 'resumed'; v: number; at: string }
  | { type: 'ended'; v: number; at: string; reason: EndReason; turns: number }
  /** A live trait-judge estimate (issue 4). */
  | ({ type: 'meter'; v: number; at: string } & MeterReading)
  /** A perceived-strategy label for a supporter turn (issue 4). */
  | ({ type: 'perceived'; v: number; at: string } & PerceivedLabel)
  /** A post-hoc measurement by the paper's pipeline (issue 4); may be appended after 'ended'. */
  | ({ type: 'measurement'; v: number; at: string } & MeasurementResult)
  /** A model declined its persona on an AI turn; the refused words are not a turn. */
  | ({ type: 'refusal'; v: number; at: string } & Refusal);
