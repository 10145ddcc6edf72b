import { perceivedLabel, perceiveStrategies, type ReadLabel } from '../engine/perceived.js';
import { windowView } from '../engine/window-view.js';
import type { EngineEvent } from '../engine/events.js';
import type { ConversationSummary, Speaker, Turn } from '../domain.js';
import { CancelledError } from '../llm/errors.js';
import type { ChatClient, Usage } from '../llm/types.js';
import { CLASSIFIER_BATCH_MAX } from '../prompts/classifier.js';
import { JUDGE_DEFAULT_TURNS } from '../prompts/judge.js';
import { judgeSpeaker } from './judge.js';

/**
 * The live measurement hook the engine calls after every finished turn: the
 * trait judge for each speaker, and a perceived-strategy label for every
 * supporter turn. It never blocks the conversation — afterTurn() only starts
 * work and returns — and it never piles work up: at most one judge call is in
 * flight per speaker; turns that finish meanwhile are coalesced into one more
 * run on the latest turns when the current one ends.
 *
 * Labels ride on the supporter's readings: a supporter run also labels the
 * supporter turns still waiting for one, so with the judge on the meter makes one
 * call per turn. A label the judge leaves out, one no reading will come for (the
 * judge is off, or the conversation ended), goes to the classifier, which labels
 * waiting turns together, one call at a time. Each supporter turn is labelled once.
 *
 * The judge reads what the agents read (windowView): the latest turns of the
 * conversation's window and the running summary before them, so its prompt stops
 * growing too.
 *
 * It only emits events; the engine records them with the conversation's own.
 *
 * Wiring (in the engine):
 *   const meter = createMeter({ clients: { judge }, cadence, window, emit: (e) => this.emit(e) });
 *   after each turn-finished:   meter.afterTurn(this.turns, { summaries });
 *   at the end, either          await meter.idle()   (keep the last estimates; the engine caps this wait)
 *   or                          meter.stop()         (abort in-flight calls, drop their results)
 *   and only then close the session log. pending() says what was left undone.
 */

export interface MeterOptions {
  clients: { judge: ChatClient };
  /** 0 = judge off; 1 = every turn; N = every N turns. Labels come later, never fewer, with a larger N. */
  cadence: number;
  /** Label every supporter turn's perceived strategy. Default true. */
  perceive?: boolean;
  /** Receives 'meter', 'perceived', 'usage' (role 'judge') and 'notice' events. */
  emit: (event: EngineEvent) => void;
  seed?: number;
  /** The conversation's window (0 or absent: none, and the judge reads the latest JUDGE_DEFAULT_TURNS turns). */
  window?: number;
}

/** What the meter has not done yet: supporter turns without a label, and speakers whose latest turn no reading has covered. */
export interface MeterPending {
  labels: number[];
  readings: Speaker[];
}

export interface Meter {
  /**
   * Call synchronously after each turn-finished with all finished turns so far
   * and the conversation's summaries; returns at once. `final: true` (when the
   * conversation ends) judges any speaker with unjudged turns whatever the
   * cadence, and hands labels no reading will carry to the classifier.
   */
  afterTurn(turns: readonly Turn[], options?: { final?: boolean; summaries?: readonly ConversationSummary[] }): void;
  /** Resolves when no judge or classifier call is running or queued. */
  idle(): Promise<void>;
  pending(): MeterPending;
  /** Aborts in-flight calls; nothing is emitted after this. */
  stop(): void;
}

const SPEAKERS: readonly Speaker[] = ['seeker', 'supporter'];

/**
 * Where a supporter turn's label stands: waiting for a supporter reading to carry
 * it, waiting for the classifier (alone, after a batch answer left it out), asked,
 * done, or failed (the server did not answer; left for `measure`).
 */
type LabelState = 'judge' | 'classify' | 'classify-alone' | 'asked' | 'done' | 'failed';

export function createMeter(options: MeterOptions): Meter {
  const judge = options.clients.judge;
  const cadence = Math.max(0, Math.floor(options.cadence));
  const perceive = options.perceive ?? true;
  const judgeWindow = options.window && options.window > 0 ? options.window : JUDGE_DEFAULT_TURNS;
  const abort = new AbortController();
  const active = new Set<Promise<void>>();
  /** Per speaker: the last own turn index a judge run has been asked for, the run in flight, the coalesced next turns. */
  const slots = Object.fromEntries(
    SPEAKERS.map((s) => [s, { requestedThrough: -1, running: false, pending: undefined as readonly Turn[] | undefined }]),
  ) as Record<Speaker, { requestedThrough: number; running: boolean; pending: readonly Turn[] | undefined }>;
  /** Per speaker: the last turn index an emitted reading had read. */
  const readThrough: Record<Speaker, number> = { seeker: -1, supporter: -1 };
  const labels = new Map<number, LabelState>();
  let latest: readonly Turn[] = [];
  let summaries: readonly ConversationSummary[] = [];
  let classifying = false;
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
  const waiting = (state: LabelState) => [...labels].filter(([, s]) => s === state).map(([index]) => index).sort((a, b) => a - b);

  /** Emits the labels `given` for the turns `asked`; the rest wait for `otherwise`. */
  function settle(turns: readonly Turn[], asked: readonly number[], given: Map<number, ReadLabel>, via: 'judge' | 'classifier', otherwise: LabelState): void {
    for (const index of asked) {
      const read = given.get(index);
      const turn = turns.find((t) => t.index === index);
      if (!read || !turn || stopped) {
        labels.set(index, otherwise);
        continue;
      }
      // A failed label is recorded as failed (no strategy guessed); `measure` asks again for it.
      labels.set(index, 'done');
      if (read.note) emit({ type: 'notice', level: 'failed' in read ? 'warn' : 'info', message: `strategy label, turn ${index + 1}: ${read.note}` });
      emit({ type: 'perceived', ...perceivedLabel(turn, read, via) });
    }
  }

  async function judgeRun(speaker: Speaker, turns: readonly Turn[]): Promise<void> {
    const slot = slots[speaker];
    slot.running = true;
    const view = windowView(turns, judgeWindow, summaries);
    const shown = new Set(view.turns.map((t) => t.index));
    const carry = speaker === 'supporter' ? waiting('judge').filter((index) => shown.has(index)) : [];
    for (const index of carry) labels.set(index, 'asked');
    // A turn older than what the judge reads now (the judge fell far behind) is the classifier's.
    if (speaker === 'supporter') for (const index of waiting('judge')) if (index < (view.turns[0]?.index ?? 0)) labels.set(index, 'classify');
    let given = new Map<number, ReadLabel>();
    try {
      const outcome = await judgeSpeaker(judge, {
        turns: view.turns,
        speaker,
        signal: abort.signal,
        seed: options.seed,
        onUsage: usage,
        maxTurns: judgeWindow,
        context: { ...(view.earlier ? { earlier: view.earlier } : {}), label: carry },
      });
      given = outcome.labels ?? given;
      if (outcome.ok) {
        succeeded(`judge-${speaker}`);
        readThrough[speaker] = Math.max(readThrough[speaker], outcome.reading.afterTurn);
        emit({ type: 'meter', ...outcome.reading });
      } else if (outcome.attempts > 0) {
        warn(`judge-${speaker}`, `trait judge: ${speaker} estimate after turn ${turns.length} dropped — ${outcome.problem} (asked ${outcome.attempts}×)`);
      }
    } catch (error) {
      if (!quietly(error)) warn(`judge-${speaker}`, `trait judge unavailable for the ${speaker}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      // A label the reading did not give will not come from the next one either: the classifier asks.
      settle(turns, carry, given, 'judge', 'classify');
      slot.running = false;
      const next = slot.pending;
      slot.pending = undefined;
      if (next && !stopped) track(judgeRun(speaker, next));
      classifyWaiting();
    }
  }

  function scheduleJudge(speaker: Speaker, turns: readonly Turn[]): void {
    const slot = slots[speaker];
    if (slot.running) slot.pending = turns;
    else track(judgeRun(speaker, turns));
  }

  /** One classifier call at a time, for the turns waiting for it: together, or alone after a batch left one out. */
  function classifyWaiting(): void {
    if (classifying || stopped) return;
    const alone = waiting('classify-alone');
    const batch = alone.length > 0 ? alone.slice(0, 1) : waiting('classify').slice(0, CLASSIFIER_BATCH_MAX);
    if (batch.length === 0) return;
    classifying = true;
    for (const index of batch) labels.set(index, 'asked');
    const turns = latest;
    track(
      (async () => {
        let given = new Map<number, ReadLabel>();
        let failed = false;
        try {
          const result = await perceiveStrategies(judge, turns, batch, { signal: abort.signal, seed: options.seed });
          if (result.usage) usage(result.usage);
          succeeded('classifier');
          given = result.labels;
        } catch (error) {
          failed = true;
          if (!quietly(error)) warn('classifier', `strategy classifier unavailable: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          // A server that failed is not asked again for these now (they stay pending for `measure`);
          // a turn a batch answer left out is asked once more on its own, which always yields an answer (a label or failed).
          settle(turns, batch, given, 'classifier', failed ? 'failed' : 'classify-alone');
          classifying = false;
          classifyWaiting();
        }
      })(),
    );
  }

  return {
    afterTurn(turns, opts = {}) {
      if (stopped || turns.length === 0) return;
      // The engine keeps appending to its arrays: work on snapshots.
      const snapshot = turns.slice();
      latest = snapshot;
      if (opts.summaries) summaries = opts.summaries.slice();
      const last = snapshot[snapshot.length - 1]!;
      if (perceive && last.speaker === 'supporter' && last.labelSource !== 'perceived' && !labels.has(last.index)) {
        labels.set(last.index, cadence > 0 ? 'judge' : 'classify');
      }
      const due = opts.final ? cadence > 0 : cadence > 0 && snapshot.length % cadence === 0;
      if (due) {
        for (const speaker of SPEAKERS) {
          // Re-judge a speaker only when they have said something new since their last run.
          const own = snapshot.filter((t) => t.speaker === speaker);
          const latestOwn = own[own.length - 1]?.index ?? -1;
          if (latestOwn <= slots[speaker].requestedThrough) continue;
          slots[speaker].requestedThrough = latestOwn;
          scheduleJudge(speaker, snapshot);
        }
      }
      // At the end, labels no supporter reading is going to carry go to the classifier.
      const carrier = slots.supporter;
      if (opts.final && !carrier.running && !carrier.pending) for (const index of waiting('judge')) labels.set(index, 'classify');
      classifyWaiting();
    },
    async idle() {
      while (active.size > 0) await Promise.allSettled([...active]);
    },
    pending() {
      const readings = cadence > 0 ? SPEAKERS.filter((s) => (latest.filter((t) => t.speaker === s).at(-1)?.index ?? -1) > readThrough[s]) : [];
      return { labels: [...labels].filter(([, s]) => s !== 'done').map(([index]) => index).sort((a, b) => a - b), readings };
    },
    stop() {
      if (stopped) return;
      stopped = true;
      for (const slot of Object.values(slots)) slot.pending = undefined;
      abort.abort();
    },
  };
}
