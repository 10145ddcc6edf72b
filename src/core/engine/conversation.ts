import { LlmError } from '../llm/errors.js';
import { describeEndpoint } from '../llm/redact.js';
import type { ChatClient } from '../llm/types.js';
import { cleanForDisplay } from '../sanitize.js';
import { SESSION_FORMAT_VERSION, type SessionHeader, type SessionRecord } from '../sessions/format.js';
import { eventFor } from '../sessions/records.js';
import { newSessionId, SessionRecorder } from '../sessions/recorder.js';
import { coerceStrategy, type Strategy } from '../strategies.js';
import { RefusalError, runAiTurn, type AiTurnResult } from './ai-turn.js';
import { AsyncQueue } from './async-queue.js';
import { PauseGate, Stopped } from './pause-gate.js';
import type { EndReason, EngineEvent, Refusal, Speaker, Turn } from './events.js';
import { SEEKER_OUTPUT_SCHEMA, seekerMessages, SUPPORTER_OUTPUT_SCHEMA, supporterMessages } from '../prompts/agents.js';
import { promptVersions } from '../prompts/versions.js';
import { classifyStrategy } from './perceived.js';
import { HistoryWindow } from './history-window.js';
import { withEarlier } from '../prompts/summary.js';
import type { WindowView } from './window-view.js';
import { createMeter, type Meter } from '../traits/judge-meter.js';
import { scriptRefusal, scriptRequest, splitScript, type ScriptTurn } from './script.js';
import type { Conversation, ConversationOptions } from './types.js';

/** A seeker cannot say goodbye before this many turns: small models like to close at once. */
export const MIN_TURNS_BEFORE_CLOSE = 4;
export const MAX_HUMAN_MESSAGE = 4000;
/** Bounds of the wait for the meter's last calls after a conversation ran its course (ConversationOptions.finalWaitMs). */
export const FINAL_WAIT_MS = { min: 2_000, max: 60_000 } as const;


export function startConversation(options: ConversationOptions): Conversation {
  return new ConversationRunner(options);
}

/** Only where requests go and which model: never the key, URL credentials or query. */
function endpointRecord(client: ChatClient) {
  return { baseURL: describeEndpoint(client.endpoint.baseURL), model: client.endpoint.model };
}

class ConversationRunner implements Conversation {
  private readonly queue = new AsyncQueue<EngineEvent>();
  private readonly turns: Turn[] = [];
  private readonly header: SessionHeader;
  private recorder: SessionRecorder | undefined;
  private started = false;
  private readonly gate: PauseGate;
  private lastError: string | undefined;
  private steerNext: Strategy | undefined;
  private abort: AbortController | undefined;
  private human: ((input: { text: string; strategy?: Strategy }) => void) | undefined;
  private script: ScriptTurn[] | undefined;
  private meter: Meter | undefined;
  private history: HistoryWindow | undefined;
  /** The agents engine's window (0: none); a resumed conversation keeps the one it was recorded with. */
  private readonly window: number;

  constructor(private readonly o: ConversationOptions) {
    this.gate = new PauseGate(Boolean(o.startPaused));
    this.window = o.engine === 'agents' ? Math.max(0, Math.floor(o.window ?? 0)) : 0;
    if (o.resume) {
      this.header = o.resume.header;
      this.turns.push(...o.resume.turns);
    } else {
      if (o.copied) this.turns.push(...o.copied.turns);
      this.header = {
        type: 'header',
        v: SESSION_FORMAT_VERSION,
        app: 'persona-talks',
        appVersion: o.appVersion ?? '0.0.0',
        id: o.sessionId ?? newSessionId(o.seeker.id, o.supporter.id),
        createdAt: new Date().toISOString(),
        engine: o.engine,
        condition: o.condition,
        mode: o.mode,
        turnCap: o.turnCap,
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
        ...(o.clients.judge ? { judgeCadence: o.judgeCadence ?? 1, perceive: o.perceive ?? true } : {}),
        models: {
          seeker: endpointRecord(o.clients.seeker),
          supporter: endpointRecord(o.clients.supporter),
          ...(o.clients.judge ? { judge: endpointRecord(o.clients.judge) } : {}),
        },
        personas: { seeker: o.seeker, supporter: o.supporter },
        prompts: promptVersions({
          engine: o.engine,
          judge: Boolean(o.clients.judge) && (o.judgeCadence ?? 1) > 0,
          // The classifier also names a human supporter's strategy when they skip picking one.
          classifier: Boolean(o.clients.judge) && ((o.perceive ?? true) || o.mode === 'join-supporter'),
          summary: this.window > 0,
        }),
        ...(this.window > 0 ? { window: this.window } : {}),
        ...(o.origin?.fork ? { fork: o.origin.fork } : {}),
        ...(o.origin?.comparison ? { comparison: o.origin.comparison } : {}),
        ...(o.arm ? { arm: o.arm } : {}),
        ...(o.experiment ? { experiment: o.experiment } : {}),
      };
    }
  }

  get sessionPath(): string | undefined {
    return (this.recorder ?? this.o.resume?.recorder)?.path;
  }

  events(): AsyncGenerator<EngineEvent, void, undefined> {
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return this.queue.drain();
  }

  pause(): void {
    if (this.gate.pause()) this.emit({ type: 'paused' });
  }

  resume(): void {
    if (this.gate.resume()) this.emit({ type: 'resumed' });
  }

  step(): void {
    this.gate.step();
  }

  steer(strategy: Strategy | undefined): void {
    this.steerNext = strategy;
  }

  stop(): void {
    if (!this.gate.stop()) return;
    this.abort?.abort();
    this.history?.stop();
    this.human?.({ text: '' });
  }

  private get stopped(): boolean {
    return this.gate.stopped;
  }

  submitHuman(text: string, strategy?: Strategy): void {
    const resolve = this.human;
    if (!resolve) return;
    this.human = undefined;
    resolve({ text, strategy });
  }

  /** Every event goes to the log first (a finished turn is on disk before it is on screen), then to the reader. */
  private emit(event: EngineEvent): void {
    this.recorder?.record(event);
    this.queue.push(event);
  }

  /**
   * The meter's events arrive whenever the judge answers, beside the turns. A log
   * that fails to take one (a full disk) must not take the meter down with it:
   * the estimate is still shown.
   */
  private emitFromMeter(event: EngineEvent): void {
    try {
      this.recorder?.record(event);
    } catch {
      // shown, though not kept
    }
    this.queue.push(event);
  }

  private async run(): Promise<void> {
    let reason: EndReason = 'stopped';
    try {
      this.openLog();
      this.startHistory();
      this.startMeter();
      this.emit({ type: 'session-started', header: this.header, path: this.recorder?.path });
      if (this.o.copied) this.showCopied(this.o.copied.lines);
      // A resumed conversation shows the turns it continues from; they are in its log already.
      else for (const turn of this.turns) this.queue.push({ type: 'turn-finished', turn });
      if (this.gate.paused) this.emit({ type: 'paused' });
      reason = await this.loop();
    } catch (error) {
      if (error instanceof Stopped) reason = this.lastError ? 'error' : 'stopped';
      else {
        reason = 'error';
        const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
        this.emit({ type: 'error', message, recoverable: false });
      }
    }
    this.history?.stop();
    this.emit({ type: 'ended', reason, turns: this.turns.length });
    await this.finishMeter(reason);
    this.recorder?.close();
    this.queue.close();
  }

  /**
   * A fork's log takes its parent's records verbatim; the reader is shown the
   * turns and the meter readings and labels among them, in the parent's order.
   */
  private showCopied(lines: readonly string[]): void {
    this.recorder?.copy(lines);
    for (const line of lines) {
      const record = JSON.parse(line) as SessionRecord;
      if (record.type === 'turn' || record.type === 'meter' || record.type === 'perceived') this.queue.push(eventFor(record, this.header) as EngineEvent);
    }
  }

  private startMeter(): void {
    const judge = this.o.clients.judge;
    const cadence = this.o.judgeCadence ?? 1;
    const perceive = this.o.perceive ?? true;
    if (!judge || (cadence <= 0 && !perceive)) return;
    this.meter = createMeter({
      clients: { judge },
      cadence,
      perceive,
      emit: (e) => this.emitFromMeter(e),
      ...(this.o.seed !== undefined ? { seed: this.o.seed } : {}),
      window: this.window,
    });
  }

  /** The agents' window and running summary (agents engine with a window only). */
  private startHistory(): void {
    if (this.window <= 0) return;
    // The summary is part of what the agents read, so an agent's model writes it: the AI supporter's, or the seeker's when a person supports.
    const role: Speaker = this.o.mode === 'join-supporter' ? 'seeker' : 'supporter';
    this.history = new HistoryWindow({
      window: this.window,
      client: this.o.clients[role],
      role,
      emit: (e) => this.emitFromMeter(e),
      ...(this.o.seed !== undefined ? { seed: this.o.seed } : {}),
      ...(this.o.resume?.summary ? { restored: this.o.resume.summary } : {}),
    });
  }

  /**
   * A conversation that ran its course gets its last estimates (the UI already
   * shows 'ended'; meter events may follow it) — for as long as one more turn
   * would have taken, no longer: the end of a conversation is not held hostage by
   * a slow judge. What is not done then is left pending, said in a notice (kept
   * in the log), and `persona-talks measure` finishes it. A stopped one drops it all.
   */
  private async finishMeter(reason: EndReason): Promise<void> {
    const meter = this.meter;
    if (!meter) return;
    if (reason === 'turn-cap' || reason === 'seeker-closed') {
      meter.afterTurn(this.turns, { final: true, ...(this.history ? { summaries: this.history.known } : {}) });
      let timer: NodeJS.Timeout | undefined;
      const capped = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.finalWaitMs())));
      await Promise.race([meter.idle(), capped]);
      clearTimeout(timer);
      const left = meter.pending();
      if (left.labels.length > 0 || left.readings.length > 0) this.notice('warn', pendingNotice(left, this.header.id));
    }
    meter.stop();
  }

  private finalWaitMs(): number {
    if (this.o.finalWaitMs !== undefined) return this.o.finalWaitMs;
    const ai = this.turns.filter((t) => t.by === 'ai');
    const mean = ai.reduce((sum, t) => sum + (Date.parse(t.finishedAt) - Date.parse(t.startedAt) || 0), 0) / Math.max(1, ai.length);
    return Math.min(FINAL_WAIT_MS.max, Math.max(FINAL_WAIT_MS.min, mean));
  }

  private openLog(): void {
    if (this.o.resume) this.recorder = this.o.resume.recorder;
    else if (this.o.sessionsDir) this.recorder = SessionRecorder.create(this.o.sessionsDir, this.header.id, { syncOnlyOnClose: this.o.syncOnClose ?? false });
  }

  private seekerClosed(): boolean {
    return this.turns.some((t) => t.speaker === 'seeker' && t.closes);
  }

  private async loop(): Promise<EndReason> {
    for (;;) {
      if (this.turns.length >= this.o.turnCap) return 'turn-cap';
      const last = this.turns[this.turns.length - 1];
      // After the seeker says goodbye the supporter gets one last word, then it ends.
      if (this.seekerClosed() && last?.speaker === 'supporter') return 'seeker-closed';
      if (this.o.engine === 'script' && this.script && this.script.length === 0) return 'seeker-closed';
      await this.gate.wait();
      const speaker: Speaker = this.o.engine === 'script' ? 'seeker' : last?.speaker === 'seeker' ? 'supporter' : 'seeker';
      const turn = this.o.engine === 'script' ? await this.nextScriptTurn() : await this.nextTurn(speaker);
      this.turns.push(turn);
      this.emit({ type: 'turn-finished', turn });
      // Both start their calls and return at once: the next turn does not wait for them.
      this.history?.afterTurn(this.turns);
      this.meter?.afterTurn(this.turns, this.history ? { summaries: this.history.known } : {});
    }
  }

  private isHuman(speaker: Speaker): boolean {
    return (speaker === 'seeker' && this.o.mode === 'join-seeker') || (speaker === 'supporter' && this.o.mode === 'join-supporter');
  }

  private async nextTurn(speaker: Speaker): Promise<Turn> {
    const index = this.turns.length;
    const startedAt = new Date();
    if (this.isHuman(speaker)) return this.humanTurn(index, speaker, startedAt);
    // What the agent reads: the window and the summary before it (waits only for a summary that is due and late).
    const view: WindowView = this.history ? await this.history.view(this.turns) : { turns: this.turns };
    if (this.stopped) throw new Stopped();
    this.emit({ type: 'turn-started', index, speaker, by: 'ai' });
    const result = await this.withRetries(index, speaker, (signal) => this.aiTurn(index, speaker, signal, view));
    for (const note of result.notes) this.notice('warn', note);
    if (result.usage) this.emit({ type: 'usage', role: speaker, usage: result.usage });
    const closes = speaker === 'seeker' && result.closes && index >= MIN_TURNS_BEFORE_CLOSE - 1;
    return {
      index,
      speaker,
      text: result.text,
      ...(speaker === 'supporter' ? { strategy: result.strategy ?? 'Others', labelSource: result.labelSource ?? 'fallback' } : {}),
      by: 'ai',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      latencyMs: result.latencyMs,
      ...(result.usage ? { usage: result.usage } : {}),
      ...(closes ? { closes: true } : {}),
      ...(this.o.keepReasoning && result.reasoning ? { reasoning: result.reasoning } : {}),
    };
  }

  private aiTurn(index: number, speaker: Speaker, signal: AbortSignal, view: WindowView): Promise<AiTurnResult> {
    const { seeker, supporter, condition } = this.o;
    const steer = speaker === 'supporter' ? this.steerNext : undefined;
    const own = speaker === 'seeker' ? seekerMessages(seeker, view.turns, { traits: this.o.seekerTraits ?? true }) : supporterMessages({ seeker, supporter, condition, steer }, view.turns);
    return runAiTurn({
      index,
      speaker,
      client: speaker === 'seeker' ? this.o.clients.seeker : this.o.clients.supporter,
      messages: view.earlier ? withEarlier(own, speaker, view.turns, view.earlier) : own,
      jsonSchema: speaker === 'seeker' ? SEEKER_OUTPUT_SCHEMA : SUPPORTER_OUTPUT_SCHEMA,
      temperature: this.o.temperature,
      seed: this.o.seed === undefined ? undefined : this.o.seed + index,
      signal,
      steer,
      names: { seeker: seeker.name, ...(supporter.baseline ? {} : { supporter: supporter.name }) },
      emit: (e) => this.emit(e),
      onRetry: (message, delayMs) => this.notice('warn', message, delayMs),
      onRefusal: (refusal) => this.refusal(refusal),
    }).then((r) => {
      if (speaker === 'supporter') this.steerNext = undefined; // a steer applies to one turn
      return r;
    });
  }

  private async humanTurn(index: number, speaker: Speaker, startedAt: Date): Promise<Turn> {
    this.emit({ type: 'turn-started', index, speaker, by: 'human' });
    this.emit({ type: 'awaiting-human', index, speaker });
    const input = await new Promise<{ text: string; strategy?: Strategy }>((resolve) => (this.human = resolve));
    if (this.stopped) throw new Stopped();
    const text = cleanForDisplay(input.text).trim().slice(0, MAX_HUMAN_MESSAGE);
    if (text === '') return this.humanTurn(index, speaker, startedAt);
    const turn: Turn = {
      index,
      speaker,
      text,
      by: 'human',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
    };
    if (speaker === 'supporter') {
      if (input.strategy) {
        turn.strategy = coerceStrategy(input.strategy);
        turn.labelSource = 'human';
      } else {
        // The human skipped picking: the independent classifier names the strategy they used.
        const label = await this.perceivedLabelFor(turn);
        turn.strategy = label.strategy;
        turn.labelSource = label.labelSource;
      }
      this.emit({ type: 'strategy', index, strategy: turn.strategy, labelSource: turn.labelSource });
    }
    this.emit({ type: 'text-delta', index, speaker, text });
    return turn;
  }

  private async perceivedLabelFor(turn: Turn): Promise<{ strategy: Strategy; labelSource: 'perceived' | 'fallback' }> {
    const judge = this.o.clients.judge;
    if (!judge) return { strategy: 'Others', labelSource: 'fallback' };
    this.abort = new AbortController();
    try {
      const strategy = await classifyStrategy(judge, [...this.turns, turn], turn.index, this.abort.signal);
      if (strategy) return { strategy, labelSource: 'perceived' };
      this.notice('warn', 'could not classify your strategy (the classifier named none); recorded as "Others"');
      return { strategy: 'Others', labelSource: 'fallback' };
    } catch (error) {
      if (this.stopped) throw new Stopped();
      this.notice('warn', `could not classify your strategy (${error instanceof Error ? error.message : String(error)}); recorded as "Others"`);
      return { strategy: 'Others', labelSource: 'fallback' };
    } finally {
      this.abort = undefined;
    }
  }

  /**
   * Runs one AI turn, starting it over after a cut or idle stream (the partial text
   * is void: `turn-reset`). When retries are spent or the failure will not go away
   * by itself, the conversation pauses with the message; resume() tries again.
   */
  private async withRetries<T>(index: number, speaker: Speaker, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const maxTurnRetries = this.o.turnRetries ?? 2;
    let failures = 0;
    for (;;) {
      if (this.stopped) throw new Stopped();
      this.abort = new AbortController();
      try {
        const value = await attempt(this.abort.signal);
        if (this.stopped) throw new Stopped();
        this.lastError = undefined;
        return value;
      } catch (error) {
        if (this.stopped || error instanceof Stopped) throw new Stopped();
        const kind =
          error instanceof LlmError ? error.kind
          : error instanceof RefusalError ? 'refusal'
          : error instanceof Error && error.name === 'EmptyReplyError' ? 'empty'
          : error instanceof Error && error.name === 'UnusableReplyError' ? 'unusable'
          : 'unknown';
        const message = error instanceof Error ? error.message : String(error);
        this.emit({ type: 'turn-reset', index, speaker, reason: message });
        // An unusable reply is asked again like a cut stream: the next answer is usually fine.
        const transient = kind === 'stream-cut' || kind === 'stream-idle' || kind === 'empty' || kind === 'unusable';
        if (transient && failures < maxTurnRetries) {
          failures++;
          this.notice(
            'warn',
            kind === 'unusable'
              ? `${speaker} reply thrown away (${message}); asking again (${failures} of ${maxTurnRetries})`
              : `${speaker} turn interrupted (${message}); starting the turn again (${failures} of ${maxTurnRetries})`,
            0,
          );
          continue;
        }
        failures = 0;
        this.lastError = message;
        this.emit({ type: 'error', message: `${speaker} turn failed: ${message}`, recoverable: kind !== 'unknown' });
        if (this.gate.pause()) this.emit({ type: 'paused' });
        await this.gate.wait();
        this.lastError = undefined;
      } finally {
        this.abort = undefined;
      }
    }
  }

  private async nextScriptTurn(): Promise<Turn> {
    if (!this.script) {
      const index = this.turns.length;
      this.emit({ type: 'notice', level: 'info', message: 'writing the whole dialogue in one call (script engine)…' });
      const raw = await this.withRetries(index, 'supporter', async (signal) => {
        let chars = 0;
        let reported = 0;
        const result = await this.o.clients.supporter.chat(
          scriptRequest(this.o),
          {
            signal,
            onDelta: (d) => {
              chars += d.length;
              if (chars - reported >= 400) {
                reported = chars;
                this.notice('info', `script: ${chars} characters written…`);
              }
            },
            onRetry: (info) => this.notice('warn', `script model: ${info.reason}; retrying in ${(info.delayMs / 1000).toFixed(1)} s`, info.delayMs),
          },
        );
        if (result.usage) this.emit({ type: 'usage', role: 'supporter', usage: result.usage });
        const turns = splitScript(result.text);
        const refused = turns.length === 0 ? scriptRefusal(result.text) : undefined;
        if (refused) {
          const model = this.o.clients.supporter.endpoint.model;
          this.refusal({ index, role: 'supporter', model, text: refused.text, kind: refused.kind, reason: refused.reason, attempt: 1, outcome: 'turn-paused' });
          throw new RefusalError('supporter', model, refused);
        }
        if (turns.length === 0) throw Object.assign(new Error('the script model wrote no dialogue we could split into turns'), { name: 'EmptyReplyError' });
        return turns;
      });
      // A resumed script session continues after the turns it already has.
      this.script = raw.slice(this.turns.length);
      if (this.script.length === 0) throw new Stopped();
    }
    const next = this.script.shift()!;
    const index = this.turns.length;
    const startedAt = new Date().toISOString();
    this.emit({ type: 'turn-started', index, speaker: next.speaker, by: 'ai' });
    if (next.strategy) this.emit({ type: 'strategy', index, strategy: next.strategy, labelSource: next.labelSource ?? 'declared' });
    if (next.note) this.notice('warn', next.note);
    this.emit({ type: 'text-delta', index, speaker: next.speaker, text: next.text });
    return {
      index,
      speaker: next.speaker,
      text: next.text,
      ...(next.speaker === 'supporter' ? { strategy: next.strategy ?? 'Others', labelSource: next.labelSource ?? 'fallback' } : {}),
      by: 'ai',
      startedAt,
      finishedAt: new Date().toISOString(),
      ...(this.script.length === 0 && next.speaker === 'seeker' ? { closes: true } : {}),
    };
  }

  /** A refused reply is an event (and so a record), never a turn. */
  private refusal(refusal: Refusal): void {
    this.emit({ type: 'refusal', ...refusal });
  }

  private notice(level: 'info' | 'warn', message: string, retryInMs?: number): void {
    this.emit({ type: 'notice', level, message, ...(retryInMs !== undefined ? { retryInMs } : {}) });
  }
}

/** The notice a conversation ends with when the meter had not finished: what is pending, and what finishes it. */
function pendingNotice(left: { labels: number[]; readings: Speaker[] }, id: string): string {
  const parts: string[] = [];
  if (left.labels.length > 0) parts.push(`the strategy label${left.labels.length > 1 ? 's' : ''} of turn${left.labels.length > 1 ? 's' : ''} ${left.labels.map((i) => i + 1).join(', ')}`);
  if (left.readings.length > 0) parts.push(`the last trait reading of the ${left.readings.join(' and the ')}`);
  return `the judge had not finished when the conversation ended: ${parts.join(' and ')} ${parts.length > 1 || left.labels.length > 1 ? 'are' : 'is'} pending; \`persona-talks measure ${id}\` finishes them`;
}
