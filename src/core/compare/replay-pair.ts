import type { ComparisonSide, EndReason } from '../domain.js';
import { AsyncQueue } from '../engine/async-queue.js';
import type { EngineEvent } from '../engine/events.js';
import { PauseGate, Stopped } from '../engine/pause-gate.js';
import type { LoadedSession } from '../sessions/reader.js';
import { replayScript, type ReplayStep } from '../sessions/replay-script.js';
import { CuttableWait, scaled, streamChunks, turnTimings, type ReplayPace, type TurnTiming } from '../sessions/replay-timing.js';
import type { Comparison, ComparisonEvent } from './types.js';
import { comparedSession, whereDiverged } from './where-diverged.js';

const SIDES: readonly ComparisonSide[] = ['A', 'B'];

export interface ComparisonReplay extends Comparison {
  readonly speed: ReplayPace;
  /** Applies from now on: the wait in progress is cut short. */
  setSpeed(speed: ReplayPace): void;
}

export interface ComparisonReplayOptions {
  speed: ReplayPace;
  /** Presenter mode: nothing plays until step() (one turn of each side) or resume(). */
  startPaused?: boolean;
  /** Turns both sessions share at the start (the link's sharedTurns). */
  sharedTurns?: number;
}

/**
 * Two recorded sessions played back together, for a talk: one pace and one gate
 * for both. Turn i of each side starts together, after the longer of the two
 * recorded waits, and their words stream side by side over the longer of the two
 * streaming times; turn i+1 starts when both are done. Paused, step() plays one
 * turn of each side; playing, it finishes the turns on screen at once. A side
 * with fewer turns simply stops first. Events are the same as a single replay's,
 * tagged with the side; the last one says where the two diverged.
 */
export function replayComparison(sessions: Record<ComparisonSide, LoadedSession>, options: ComparisonReplayOptions): ComparisonReplay {
  return new PairReplay(sessions, options);
}

type Phase = 'idle' | 'think' | 'stream';

class PairReplay implements ComparisonReplay {
  private readonly queue = new AsyncQueue<ComparisonEvent>();
  private readonly gate: PauseGate;
  private started = false;
  private phase: Phase = 'idle';
  private hurry = false;
  private readonly wait = new CuttableWait();
  speed: ReplayPace;

  constructor(
    private readonly sessions: Record<ComparisonSide, LoadedSession>,
    private readonly options: ComparisonReplayOptions,
  ) {
    if (options.speed !== 'instant' && !(options.speed > 0)) throw new RangeError(`replay speed must be positive or "instant" (got ${String(options.speed)})`);
    this.speed = options.speed;
    this.gate = new PauseGate(Boolean(options.startPaused));
  }

  get sharedTurns(): number {
    return this.options.sharedTurns ?? 0;
  }

  events(): AsyncGenerator<ComparisonEvent, void, undefined> {
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return this.queue.drain();
  }

  pause(): void {
    if (!this.gate.pause()) return;
    this.both({ type: 'paused' });
    if (this.phase === 'think') this.cut();
  }

  resume(): void {
    if (this.gate.resume()) this.both({ type: 'resumed' });
  }

  step(): void {
    if (this.gate.stopped) return;
    if (this.phase === 'stream' || !this.gate.paused) {
      this.hurry = true;
      this.cut();
    }
    if (this.gate.paused) this.gate.step();
  }

  stop(): void {
    if (this.gate.stop()) this.cut();
  }

  setSpeed(speed: ReplayPace): void {
    if (speed !== 'instant' && !(speed > 0)) return;
    this.speed = speed;
    this.cut();
  }

  private emit(side: ComparisonSide, event: EngineEvent): void {
    this.queue.push({ type: 'side', side, event });
  }

  private both(event: EngineEvent): void {
    for (const side of SIDES) this.emit(side, event);
  }

  private cut(): void {
    this.wait.cut();
  }

  private sleep(ms: number): Promise<void> {
    return this.wait.sleep(ms, this.gate.stopped);
  }

  private async run(): Promise<void> {
    const scripts = { A: replayScript(this.sessions.A), B: replayScript(this.sessions.B) };
    const timings = {
      A: turnTimings(this.sessions.A.turns, this.sessions.A.header.createdAt),
      B: turnTimings(this.sessions.B.turns, this.sessions.B.header.createdAt),
    };
    const played = { A: 0, B: 0 };
    let stopped = false;
    for (const side of SIDES) {
      const { header, path } = this.sessions[side];
      this.emit(side, { type: 'session-started', header, path });
      for (const event of scripts[side].before) this.emit(side, event);
    }
    if (this.gate.paused) this.both({ type: 'paused' });
    try {
      const rounds = Math.max(scripts.A.steps.length, scripts.B.steps.length);
      for (let i = 0; i < rounds; i++) {
        const steps = { A: scripts.A.steps[i], B: scripts.B.steps[i] };
        const timing = (side: ComparisonSide): TurnTiming => (steps[side] ? (timings[side][i] ?? { thinkMs: 0, streamMs: 0 }) : { thinkMs: 0, streamMs: 0 });
        if (!this.gate.paused && !this.hurry) {
          this.phase = 'think';
          await this.sleep(scaled(Math.max(timing('A').thinkMs, timing('B').thinkMs), this.speed));
          this.phase = 'idle';
        }
        await this.gate.wait();
        this.hurry = false;
        await this.playRound(steps, Math.max(timing('A').streamMs, timing('B').streamMs));
        for (const side of SIDES) if (steps[side]) played[side] += 1;
      }
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      stopped = true;
    } finally {
      this.phase = 'idle';
    }
    for (const side of SIDES) {
      const reason: EndReason = stopped ? 'stopped' : (this.sessions[side].ended?.reason ?? 'stopped');
      this.emit(side, { type: 'ended', reason, turns: played[side] });
    }
    this.queue.push({ type: 'compared', divergence: whereDiverged(comparedSession(this.sessions.A), comparedSession(this.sessions.B), this.sharedTurns) });
    this.queue.close();
  }

  /** Turn i of each side that has one: started together, their words interleaved, finished together. */
  private async playRound(steps: Partial<Record<ComparisonSide, ReplayStep>>, streamMs: number): Promise<void> {
    const chunks: Partial<Record<ComparisonSide, string[]>> = {};
    for (const side of SIDES) {
      const step = steps[side];
      if (!step) continue;
      const { index, speaker, by, strategy, labelSource } = step.turn;
      this.emit(side, { type: 'turn-started', index, speaker, by });
      if (strategy) this.emit(side, { type: 'strategy', index, strategy, labelSource: labelSource ?? 'declared' });
      chunks[side] = streamChunks(step.turn.text);
    }
    const ticks = Math.max(chunks.A?.length ?? 0, chunks.B?.length ?? 0);
    this.phase = 'stream';
    for (let c = 0; c < ticks; c++) {
      if (this.gate.stopped) throw new Stopped();
      for (const side of SIDES) {
        const step = steps[side];
        const mine = chunks[side];
        if (!step || !mine || c >= mine.length) continue;
        const text = this.hurry ? mine.slice(c).join('') : mine[c]!;
        this.emit(side, { type: 'text-delta', index: step.turn.index, speaker: step.turn.speaker, text });
      }
      if (this.hurry) break;
      if (c < ticks - 1) await this.sleep(scaled(streamMs / ticks, this.speed));
    }
    this.phase = 'idle';
    if (this.gate.stopped) throw new Stopped();
    for (const side of SIDES) {
      const step = steps[side];
      if (!step) continue;
      if (step.turn.usage && step.turn.by === 'ai') this.emit(side, { type: 'usage', role: step.turn.speaker, usage: step.turn.usage });
      this.emit(side, { type: 'turn-finished', turn: step.turn });
      for (const event of step.after) this.emit(side, event);
    }
  }
}
