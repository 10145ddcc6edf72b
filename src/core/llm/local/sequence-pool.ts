import { CancelledError } from '../errors.js';
import type { LlamaContextSequenceLike, Token } from './runtime-api.js';
import type { Lane } from './scheduler.js';

/**
 * The context's sequences, kept between requests so a prompt that starts like
 * an earlier one (the same system prompt and the conversation so far) only
 * evaluates what is new. Each request takes the free sequence that already
 * holds the longest start of its prompt; with none in common, the one used least
 * recently. Agents and background work have sequences of their own, so an agent
 * never waits for a sequence held by a paused judge.
 */

interface Slot {
  sequence: LlamaContextSequenceLike;
  lane: Lane;
  busy: boolean;
  lastUsed: number;
}

export interface Lease {
  sequence: LlamaContextSequenceLike;
  /** Tokens at the start of the prompt the sequence already holds. */
  sharedPrefix: number;
  release(): void;
}

export class SequencePool {
  private readonly slots: Slot[];
  private readonly waiting: Record<Lane, Array<() => void>> = { agent: [], background: [] };
  private clock = 0;

  constructor(sequences: { agent: LlamaContextSequenceLike[]; background: LlamaContextSequenceLike[] }) {
    this.slots = [
      ...sequences.agent.map((sequence) => ({ sequence, lane: 'agent' as const, busy: false, lastUsed: 0 })),
      ...sequences.background.map((sequence) => ({ sequence, lane: 'background' as const, busy: false, lastUsed: 0 })),
    ];
  }

  async acquire(lane: Lane, tokens: Token[], signal?: AbortSignal): Promise<Lease> {
    for (;;) {
      if (signal?.aborted) throw new CancelledError('The request was cancelled.');
      const slot = this.best(lane, tokens);
      if (slot) {
        slot.busy = true;
        slot.lastUsed = ++this.clock;
        const sharedPrefix = slot.sequence.compareContextTokens(tokens).firstDifferentIndex;
        let released = false;
        return {
          sequence: slot.sequence,
          sharedPrefix,
          release: () => {
            if (released) return;
            released = true;
            slot.busy = false;
            this.waiting[lane].shift()?.();
          },
        };
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting[lane];
        const onAbort = () => {
          const at = queue.indexOf(wake);
          if (at >= 0) queue.splice(at, 1);
          resolve();
        };
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        queue.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  private best(lane: Lane, tokens: Token[]): Slot | undefined {
    let best: Slot | undefined;
    let bestShared = -1;
    for (const slot of this.slots) {
      if (slot.lane !== lane || slot.busy) continue;
      const shared = slot.sequence.compareContextTokens(tokens).firstDifferentIndex;
      if (shared > bestShared || (shared === bestShared && best && slot.lastUsed < best.lastUsed)) {
        best = slot;
        bestShared = shared;
      }
    }
    return best;
  }
}
