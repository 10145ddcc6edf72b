import type { EndReason } from '../core/domain.js';

/**
 * What an experiment run tells its front end (the progress view, the plain
 * lines, NDJSON): one typed stream, in the order things happen.
 */
export type ExperimentEvent =
  | {
      type: 'experiment-started';
      experimentId: string;
      dir: string;
      /** Every conversation the plan stands for. */
      total: number;
      concurrency: number;
      /** Conversations per cell (a cell is everything but the repetition), and how many are already done. */
      cells: { cell: string; total: number; done: number }[];
      /** Already finished, and failed ones left alone (no --retry-failed). */
      already: { finished: number; failed: number };
      /** What this run will do. */
      todo: { start: number; resume: number; measure: number };
    }
  | { type: 'conversation-started'; id: string; cell: string; how: 'start' | 'resume' | 'measure' }
  | { type: 'turn'; id: string; cell: string; index: number; tokens: number }
  | { type: 'conversation-finished'; id: string; cell: string; turns: number; reason: EndReason; tokens: number; ms: number }
  | { type: 'conversation-failed'; id: string; cell: string; error: string }
  | { type: 'conversation-stopped'; id: string; cell: string; turns: number }
  | { type: 'notice'; id?: string; message: string }
  | { type: 'experiment-ended'; finished: number; failed: number; stopped: number; remaining: number; turns: number; tokens: number; ms: number };

export interface ExperimentSummary {
  /** Conversations finished and measured as the plan asks (this run's and earlier runs'). */
  finished: number;
  failed: number;
  stopped: number;
  /** Not begun, or not finished, when the run ended. */
  remaining: number;
  total: number;
}
