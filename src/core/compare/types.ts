import type { ComparisonSide } from '../domain.js';
import type { EngineEvent } from '../engine/events.js';
import type { ComparisonLink } from '../sessions/comparison-link.js';
import type { Divergence } from './where-diverged.js';

export type { ComparisonSide } from '../domain.js';

/**
 * What a comparison tells its reader, live or replayed: every event of either
 * side, tagged with the side; the link once both sides have started (live, when
 * it is saved); and, after both have ended, where they diverged.
 */
export type ComparisonEvent =
  | { type: 'side'; side: ComparisonSide; event: EngineEvent }
  /** Both sides have started and the link is written (`path`: where; absent when nothing is saved). */
  | { type: 'linked'; link: ComparisonLink; path?: string }
  | { type: 'compared'; divergence: Divergence };

/**
 * Two conversations run (or replayed) together. One reader of events(); the
 * controls act on both sides at once: pause holds both, step lets each play one
 * more turn, stop ends both (finished turns are kept).
 */
export interface Comparison {
  events(): AsyncGenerator<ComparisonEvent, void, undefined>;
  pause(): void;
  resume(): void;
  step(): void;
  stop(): void;
  /** How many turns both sides start with, identical (the shared opening, or a fork's kept turns). */
  readonly sharedTurns: number;
}
