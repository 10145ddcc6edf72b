/** Thrown out of a wait when the conversation (or replay) has been stopped. */
export class Stopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'Stopped';
  }
}

/**
 * Pause, step and stop for anything that plays turns one after another (the live
 * engine, a replay). `wait()` is called before each turn: it returns at once while
 * running, holds while paused, lets exactly one turn through per step(), and
 * throws Stopped once stop() has been called.
 */
export class PauseGate {
  private pausedNow: boolean;
  private stoppedNow = false;
  private stepBudget = 0;
  private wake: (() => void) | undefined;

  constructor(startPaused = false) {
    this.pausedNow = startPaused;
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  get stopped(): boolean {
    return this.stoppedNow;
  }

  /** True when this call paused a running gate. */
  pause(): boolean {
    if (this.pausedNow || this.stoppedNow) return false;
    this.pausedNow = true;
    return true;
  }

  /** True when this call resumed a paused gate. */
  resume(): boolean {
    if (this.stoppedNow) return false;
    const was = this.pausedNow;
    this.pausedNow = false;
    this.stepBudget = 0;
    this.open();
    return was;
  }

  /** While paused: let one more turn through. */
  step(): void {
    if (this.stoppedNow) return;
    this.stepBudget = 1;
    this.open();
  }

  /** True when this call stopped a live gate. */
  stop(): boolean {
    if (this.stoppedNow) return false;
    this.stoppedNow = true;
    this.open();
    return true;
  }

  async wait(): Promise<void> {
    for (;;) {
      if (this.stoppedNow) throw new Stopped();
      if (!this.pausedNow) return;
      if (this.stepBudget > 0) {
        this.stepBudget--;
        return;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private open(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
