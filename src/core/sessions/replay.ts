import { AsyncQueue } from '../engine/async-queue.js';
import { PauseGate, Stopped } from '../engine/pause-gate.js';
import type { EngineEvent } from '../engine/events.js';
import type { EndReason } from '../domain.js';
import type { Conversation } from '../engine/types.js';
import type { LoadedSession } from './reader.js';
import { replayScript, type ReplayStep } from './replay-script.js';
import { CuttableWait, scaled, streamChunks, turnTimings, type TurnTiming } from './replay-timing.js';

import type { ReplayPace } from './replay-timing.js';

export { REPLAY_SPEEDS, parseReplaySpeed, speedLabel, type ReplayPace, type ReplaySpeed } from './replay-timing.js';

export interface ReplayOptions {
  speed: ReplayPace;
  /** Presenter mode: nothing plays until step() (one turn) or resume(). */
  startPaused?: boolean;
}

/**
 * A recorded session played back through the same interface and events as a live
 * conversation, so the conversation screen and the text printer show it unchanged.
 * Needs no model server. steer() and submitHuman() do nothing: the words are history.
 */
export interface ReplayConversation extends Conversation {
  readonly speed: ReplayPace;
  /** Applies from now on: the wait in progress is cut short. */
  setSpeed(speed: ReplayPace): void;
}


export function replaySession(loaded: LoadedSession, options: ReplayOptions): ReplayConversation {
  return new Replay(loaded, options);
}

type Phase = 'idle' | 'think' | 'stream';

class Replay implements ReplayConversation {
  private readonly queue = new AsyncQueue<EngineEvent>();
  private readonly timings: TurnTiming[];
  private started = false;
  private readonly gate: PauseGate;
  private phase: Phase = 'idle';
  /** The turn on screen should finish at once, and the next one start without a wait. */
  private hurry = false;
  private readonly wait = new CuttableWait();
  speed: ReplayPace;

  constructor(
    private readonly session: LoadedSession,
    options: ReplayOptions,
  ) {
    if (options.speed !== 'instant' && !(options.speed > 0)) throw new RangeError(`replay speed must be positive or "instant" (got ${String(options.speed)})`);
    this.speed = options.speed;
    this.gate = new PauseGate(Boolean(options.startPaused));
    this.timings = turnTimings(session.turns, session.header.createdAt);
  }

  get sessionPath(): string {
    return this.session.path;
  }

  events(): AsyncGenerator<EngineEvent, void, undefined> {
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return this.queue.drain();
  }

  private get paused(): boolean {
    return this.gate.paused;
  }

  private get stopped(): boolean {
    return this.gate.stopped;
  }

  pause(): void {
    if (!this.gate.pause()) return;
    this.emit({ type: 'paused' });
    // Waiting for a turn that has not started yet: hold now rather than after it.
    if (this.phase === 'think') this.cut();
  }

  resume(): void {
    if (this.gate.resume()) this.emit({ type: 'resumed' });
  }

  /** Paused: play exactly one more turn. Playing: finish the current turn now and go on to the next. */
  step(): void {
    if (this.stopped) return;
    if (this.phase === 'stream' || !this.paused) {
      this.hurry = true;
      this.cut();
    }
    if (this.paused) this.gate.step();
  }

  steer(): void {}

  submitHuman(): void {}

  stop(): void {
    if (this.gate.stop()) this.cut();
  }

  setSpeed(speed: ReplayPace): void {
    if (speed !== 'instant' && !(speed > 0)) return;
    this.speed = speed;
    this.cut();
  }

  private emit(event: EngineEvent): void {
    this.queue.push(event);
  }

  private cut(): void {
    this.wait.cut();
  }

  private sleep(ms: number): Promise<void> {
    return this.wait.sleep(ms, this.stopped);
  }

  private async run(): Promise<void> {
    const { header, path } = this.session;
    const script = replayScript(this.session);
    let reason: EndReason = this.session.ended?.reason ?? 'stopped';
    let played = 0;
    this.emit({ type: 'session-started', header, path });
    for (const event of script.before) this.emit(event);
    if (this.paused) this.emit({ type: 'paused' });
    try {
      for (const [i, step] of script.steps.entries()) {
        const timing = this.timings[i] ?? { thinkMs: 0, streamMs: 0 };
        if (!this.paused && !this.hurry) {
          this.phase = 'think';
          await this.sleep(scaled(timing.thinkMs, this.speed));
          this.phase = 'idle';
        }
        await this.gate.wait();
        this.hurry = false;
        await this.play(step, timing);
        played++;
      }
    } catch (error) {
      if (!(error instanceof Stopped)) throw error;
      reason = 'stopped';
    } finally {
      this.phase = 'idle';
    }
    this.emit({ type: 'ended', reason, turns: played });
    this.queue.close();
  }

  private async play({ turn, after }: ReplayStep, timing: TurnTiming): Promise<void> {
    const { index, speaker, by } = turn;
    this.emit({ type: 'turn-started', index, speaker, by });
    if (turn.strategy) this.emit({ type: 'strategy', index, strategy: turn.strategy, labelSource: turn.labelSource ?? 'declared' });
    const chunks = streamChunks(turn.text);
    this.phase = 'stream';
    for (let c = 0; c < chunks.length; c++) {
      if (this.stopped) throw new Stopped();
      if (this.hurry) {
        this.emit({ type: 'text-delta', index, speaker, text: chunks.slice(c).join('') });
        break;
      }
      this.emit({ type: 'text-delta', index, speaker, text: chunks[c] as string });
      if (c < chunks.length - 1) await this.sleep(scaled(timing.streamMs / chunks.length, this.speed));
    }
    this.phase = 'idle';
    if (this.stopped) throw new Stopped();
    if (turn.usage && turn.by === 'ai') this.emit({ type: 'usage', role: speaker, usage: turn.usage });
    this.emit({ type: 'turn-finished', turn });
    for (const event of after) this.emit(event);
  }
}
