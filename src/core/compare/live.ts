import type { ComparisonSide, SessionHeader, Turn } from '../domain.js';
import { AsyncQueue } from '../engine/async-queue.js';
import type { EngineEvent } from '../engine/events.js';
import type { Conversation } from '../engine/types.js';
import type { ForkSource } from '../forks/plan.js';
import type { ComparisonLink } from '../sessions/comparison-link.js';
import type { Comparison, ComparisonEvent } from './types.js';
import { comparedSideTracker, whereDiverged } from './where-diverged.js';

export interface StartedSide {
  header: SessionHeader;
  path?: string;
}

export interface LiveComparisonOptions {
  startA(options: { startPaused: boolean }): Conversation;
  /**
   * Side B. With `shareOpening` it starts once A's first turn is finished, from
   * that turn (`opening`: A's header, log and the turn), so both sides begin with
   * the very same words; otherwise it starts beside A (`opening` undefined).
   */
  startB(opening: ForkSource | undefined, options: { startPaused: boolean }): Conversation;
  shareOpening: boolean;
  /** Turns both sides start with: 1 with a shared opening, a fork's kept turns, else 0. */
  sharedTurns: number;
  startPaused?: boolean;
  /** Called once, when both sides have started: writes the link and returns it (throwing says why it could not). */
  link?(sides: Record<ComparisonSide, StartedSide>): { link: ComparisonLink; path?: string };
}

export function startComparison(options: LiveComparisonOptions): Comparison {
  return new LiveComparison(options);
}

class LiveComparison implements Comparison {
  private readonly queue = new AsyncQueue<ComparisonEvent>();
  private readonly sides: Partial<Record<ComparisonSide, Conversation>> = {};
  private readonly started: Partial<Record<ComparisonSide, StartedSide>> = {};
  private readonly trackers = { A: comparedSideTracker(), B: comparedSideTracker() };
  private running = false;
  private paused: boolean;
  private stopped = false;
  private sideB: Promise<void> | undefined;

  constructor(private readonly o: LiveComparisonOptions) {
    this.paused = Boolean(o.startPaused);
  }

  get sharedTurns(): number {
    return this.o.sharedTurns;
  }

  events(): AsyncGenerator<ComparisonEvent, void, undefined> {
    if (!this.running) {
      this.running = true;
      void this.run();
    }
    return this.queue.drain();
  }

  pause(): void {
    this.paused = true;
    this.each((c) => c.pause());
  }

  resume(): void {
    this.paused = false;
    this.each((c) => c.resume());
  }

  step(): void {
    this.each((c) => c.step());
  }

  stop(): void {
    this.stopped = true;
    this.each((c) => c.stop());
  }

  private each(act: (c: Conversation) => void): void {
    if (this.sides.A) act(this.sides.A);
    if (this.sides.B) act(this.sides.B);
  }

  private async run(): Promise<void> {
    try {
      const a = this.o.startA({ startPaused: this.paused });
      this.sides.A = a;
      const sideA = this.pump('A', a);
      if (!this.o.shareOpening) this.startB(undefined);
      await sideA;
      await this.sideB;
      this.queue.push({ type: 'compared', divergence: whereDiverged(this.trackers.A.side(), this.trackers.B.side(), this.o.sharedTurns) });
    } catch (error) {
      // A side that cannot start (its log cannot be created, say) ends the comparison with the reason, on side A's stream.
      this.queue.push({ type: 'side', side: 'A', event: { type: 'error', message: error instanceof Error ? error.message : String(error), recoverable: false } });
      this.each((c) => c.stop());
    } finally {
      this.queue.close();
    }
  }

  private startB(opening: ForkSource | undefined): void {
    if (this.stopped || this.sides.B) return;
    const b = this.o.startB(opening, { startPaused: this.paused });
    this.sides.B = b;
    this.sideB = this.pump('B', b);
  }

  private async pump(side: ComparisonSide, conversation: Conversation): Promise<void> {
    for await (const event of conversation.events()) {
      this.trackers[side].add(event);
      this.queue.push({ type: 'side', side, event });
      if (event.type === 'session-started') this.sideStarted(side, event);
      if (side === 'A' && this.o.shareOpening && !this.sides.B && event.type === 'turn-finished') this.openingDone(event.turn);
    }
  }

  private openingDone(turn: Turn): void {
    const a = this.started.A;
    if (!a) return;
    try {
      this.startB({ header: a.header, turns: [turn], ...(a.path ? { path: a.path } : {}) });
    } catch (error) {
      this.queue.push({ type: 'side', side: 'B', event: { type: 'error', message: error instanceof Error ? error.message : String(error), recoverable: false } });
    }
  }

  private sideStarted(side: ComparisonSide, event: Extract<EngineEvent, { type: 'session-started' }>): void {
    this.started[side] = { header: event.header, ...(event.path ? { path: event.path } : {}) };
    const { A, B } = this.started;
    if (!A || !B || !this.o.link) return;
    try {
      this.queue.push({ type: 'linked', ...this.o.link({ A, B }) });
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.queue.push({ type: 'side', side, event: { type: 'notice', level: 'warn', message: `the comparison could not be saved (${problem}); both sessions are` } });
    }
  }
}
