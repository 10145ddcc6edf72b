import type { Persona } from '../personas/schema.js';
import type { EndReason, Turn } from '../engine/events.js';

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
  models: { seeker: EndpointRecord; supporter: EndpointRecord; judge?: EndpointRecord };
  personas: { seeker: Persona; supporter: Persona };
  /** Set when the session was imported (e.g. from ESConv) rather than generated. */
  source?: { kind: 'esconv'; file: string; index: number; extra?: Record<string, unknown> };
}

export type SessionRecord =
  | SessionHeader
  | { type: 'turn'; v: number; at: string; turn: Turn }
  | { type: 'notice'; v: number; at: string; level: 'info' | 'warn'; message: string }
  | { type: 'error'; v: number; at: string; message: string }
  | { type: 'resumed'; v: number; at: string }
  | { type: 'ended'; v: number; at: string; reason: EndReason; turns: number };
