import { CancelledError } from '../errors.js';

/**
 * One loaded model does one thing at a time; this decides what. Every decode
 * step (a chunk of prompt, or one generated token) asks for a turn here.
 *
 * Agents first, background work (the trait judge, the strategy classifier) when
 * they are idle: while an agent request is in progress — between its steps
 * too — a background step only runs when `backgroundShare` of the model time
 * since the agents started has not been used up by background steps (0: never).
 * A background request is paused between steps, not aborted, so the work it has
 * done stays in its context sequence. An agent step waits at most for the one
 * background step already running, which is why background prompts are
 * evaluated in small chunks.
 */

export type Lane = 'agent' | 'background';

export interface SchedulerOptions {
  /** 0..1, default 0. */
  backgroundShare?: number;
  now?: () => number;
  /** Called as each step starts (tests and the benchmark watch the order). */
  onStep?: (lane: Lane) => void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class StepScheduler {
  private busy = false;
  private activeAgents = 0;
  private agentMs = 0;
  private backgroundMs = 0;
  private readonly waiting: Record<Lane, Waiter[]> = { agent: [], background: [] };
  private share: number;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions = {}) {
    this.share = Math.min(1, Math.max(0, options.backgroundShare ?? 0));
    this.now = options.now ?? (() => performance.now());
  }

  setBackgroundShare(share: number): void {
    this.share = Math.min(1, Math.max(0, share));
    this.dispatch();
  }

  /** An agent request is in progress until the returned function is called. */
  agentRequest(): () => void {
    if (this.activeAgents++ === 0) {
      this.agentMs = 0;
      this.backgroundMs = 0;
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.activeAgents--;
      this.dispatch();
    };
  }

  get agentsActive(): boolean {
    return this.activeAgents > 0;
  }

  /** Runs `work` when it is this lane's turn; rejects with CancelledError if `signal` fires while waiting. */
  async step<T>(lane: Lane, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new CancelledError('The request was cancelled.');
    if (this.mayStartNow(lane)) this.busy = true;
    else await this.wait(lane, signal);
    this.options.onStep?.(lane);
    const started = this.now();
    try {
      return await work();
    } finally {
      if (this.activeAgents > 0) {
        if (lane === 'agent') this.agentMs += this.now() - started;
        else this.backgroundMs += this.now() - started;
      }
      this.busy = false;
      this.dispatch();
    }
  }

  private mayStartNow(lane: Lane): boolean {
    if (this.busy || this.waiting.agent.length > 0) return false;
    return lane === 'agent' || (this.waiting.background.length === 0 && this.backgroundAllowed());
  }

  private backgroundAllowed(): boolean {
    if (this.activeAgents === 0) return true;
    if (this.share === 0) return false;
    return this.backgroundMs <= this.share * (this.agentMs + this.backgroundMs);
  }

  private wait(lane: Lane, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting[lane];
      const onAbort = () => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        reject(new CancelledError('The request was cancelled.'));
      };
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands the model to the next waiter; `busy` is set on its behalf so no newcomer slips in between. */
  private dispatch(): void {
    if (this.busy) return;
    const next = this.waiting.agent.shift() ?? (this.backgroundAllowed() ? this.waiting.background.shift() : undefined);
    if (!next) return;
    this.busy = true;
    next.resolve();
  }
}
