import { perceivedLabel, perceiveStrategy } from '../engine/perceived.js';
import type { EngineEvent } from '../engine/events.js';
import type { Speaker, Turn } from '../domain.js';
import { CancelledError } from '../llm/errors.js';
import type { ChatClient, Usage } from '../llm/types.js';
import { judgeSpeaker } from './judge.js';

/**
 * The live measurement hook the engine calls after every finished turn: the
 * trait judge for each speaker, and the perceived-strategy classifier for every
 * supporter turn. It never blocks the conversation — afterTurn() only starts
 * work and returns — and it never piles work up: at most one judge call is in
 * flight per speaker; turns that finish meanwhile are coalesced into one more
 * run on the latest turns when the current one ends. Classifications run one at
 * a time, in turn order, each supporter turn exactly once.
 *
 * It only emits events; the engine records them with the conversation's own.
 *
 * Wiring (in the engine):
 *   const meter = createMeter({ clients: { judge }, cadence, emit: (e) => this.emit(e) });
 *   after each turn-finished:   meter.afterTurn(this.turns);
 *   at the end, either          await meter.idle()   (keep the last estimates; bounded by the judge's timeouts)
 *   or                          meter.stop()         (abort in-flight calls, drop their results)
 *   and only then close the session log.
 */

export interface MeterOptions {
  clients: { judge: ChatClient };
  /** 0 = judge off; 1 = every turn; N = every N turns. Does not affect the classifier. */
  cadence: number;
  /** Classify every supporter turn's perceived strategy. Default true. */
  perceive?: boolean;
  /** Receives 'meter', 'perceived', 'usage' (role 'judge') and 'notice' events. */
  emit: (event: EngineEvent) => void;
  seed?: number;
}

export interface Meter {
  /**
   * Call synchronously after each turn-finished with all finished turns so far;
   * returns at once. `final: true` (e.g. when the conversation ends) judges any
   * speaker with unjudged turns whatever the cadence.
   */
  afterTurn(turns: readonly Turn[], options?: { final?: boolean }): void;
  /** Resolves when no judge or classifier call is running or queued. */
  idle(): Promise<void>;
  /** Aborts in-flight calls; nothing is emitted after this. */
  stop(): void;
}

const SPEAKERS: readonly Speaker[] = ['seeker', 'supporter'];

export function createMeter(options: MeterOptions): Meter {
  const judge = options.clients.judge;
  const cadence = Math.max(0, Math.floor(options.cadence));
  const perceive = options.perceive ?? true;
  const abort = new AbortController();
  const active = new Set<Promise<void>>();
  /** Per speaker: the last own turn index a judge run has been asked for, the run in flight, the coalesced next turns. */
  const slots = Object.fromEntries(
    SPEAKERS.map((s) => [s, { requestedThrough: -1, running: false, pending: undefined as readonly Turn[] | undefined }]),
  ) as Record<Speaker, { requestedThrough: number; running: boolean; pending: readonly Turn[] | undefined }>;
  const classified = new Set<number>();
  let classifyChain: Promise<void> = Promise.resolve();
  let stopped = false;
  const lastFailure = new Map<string, string>();

  const emit = (event: EngineEvent) => {
    if (!stopped) options.emit(event);
  };
  const usage = (u: Usage) => emit({ type: 'usage', role: 'judge', usage: u });
  /** One warning per distinct failure in a row: a judge server that is down should not flood the notices. */
  const warn = (kind: string, message: string) => {
    if (lastFailure.get(kind) === message) return;
    lastFailure.set(kind, message);
    emit({ type: 'notice', level: 'warn', message });
  };
  const succeeded = (kind: string) => lastFailure.delete(kind);
  const track = (work: Promise<void>) => {
    active.add(work);
    void work.finally(() => active.delete(work));
  };
  const quietly = (error: unknown) => stopped || error instanceof CancelledError;

  async function judgeRun(speaker: Speaker, turns: readonly Turn[]): Promise<void> {
    const slot = slots[speaker];
    slot.running = true;
    try {
      const outcome = await judgeSpeaker(judge, { turns, speaker, signal: abort.signal, seed: options.seed, onUsage: usage });
      if (outcome.ok) {
        succeeded(`judge-${speaker}`);
        emit({ type: 'meter', ...outcome.reading });
      } else if (outcome.attempts > 0) {
        warn(`judge-${speaker}`, `trait judge: ${speaker} estimate after turn ${turns.length} dropped — ${outcome.problem} (asked ${outcome.attempts}×)`);
      }
    } catch (error) {
      if (!quietly(error)) warn(`judge-${speaker}`, `trait judge unavailable for the ${speaker}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      slot.running = false;
      const next = slot.pending;
      slot.pending = undefined;
      if (next && !stopped) track(judgeRun(speaker, next));
    }
  }

  function scheduleJudge(speaker: Speaker, turns: readonly Turn[]): void {
    const slot = slots[speaker];
    if (slot.running) slot.pending = turns;
    else track(judgeRun(speaker, turns));
  }

  function scheduleClassification(turns: readonly Turn[], turn: Turn): void {
    classified.add(turn.index);
    const run = classifyChain.then(async () => {
      if (stopped) return;
      try {
        const result = await perceiveStrategy(judge, turns, turn.index, { signal: abort.signal, seed: options.seed });
        if (result.usage) usage(result.usage);
        if (result.note) emit({ type: 'notice', level: 'failed' in result ? 'warn' : 'info', message: `strategy classifier, turn ${turn.index + 1}: ${result.note}` });
        succeeded('classifier');
        const label = perceivedLabel(turn, result);
        emit({ type: 'perceived', ...label });
      } catch (error) {
        if (!quietly(error)) warn('classifier', `strategy classifier unavailable: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    classifyChain = run;
    track(run);
  }

  return {
    afterTurn(turns, opts = {}) {
      if (stopped || turns.length === 0) return;
      // The engine keeps appending to its array: work on a snapshot.
      const snapshot = turns.slice();
      const last = snapshot[snapshot.length - 1]!;
      if (perceive && last.speaker === 'supporter' && last.labelSource !== 'perceived' && !classified.has(last.index)) {
        scheduleClassification(snapshot, last);
      }
      const due = opts.final ? cadence > 0 : cadence > 0 && snapshot.length % cadence === 0;
      if (!due) return;
      for (const speaker of SPEAKERS) {
        // Re-judge a speaker only when they have said something new since their last run.
        const own = snapshot.filter((t) => t.speaker === speaker);
        const latest = own[own.length - 1]?.index ?? -1;
        if (latest <= slots[speaker].requestedThrough) continue;
        slots[speaker].requestedThrough = latest;
        scheduleJudge(speaker, snapshot);
      }
    },
    async idle() {
      while (active.size > 0) await Promise.allSettled([...active]);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const slot of Object.values(slots)) slot.pending = undefined;
      abort.abort();
    },
  };
}
