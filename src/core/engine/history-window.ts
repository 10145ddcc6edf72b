import type { ConversationSummary, Speaker, Turn } from '../domain.js';
import { CancelledError } from '../llm/errors.js';
import { readStructuredReply } from '../llm/output/index.js';
import type { ChatClient } from '../llm/types.js';
import { SUMMARY_OUTPUT_SCHEMA, SUMMARY_TEMPERATURE, summaryMessages, summaryText } from '../prompts/summary.js';
import { cleanForDisplay } from '../sanitize.js';
import type { EngineEvent } from './events.js';
import { summaryDue, windowView, type WindowView } from './window-view.js';

/**
 * The agents' bounded memory of a conversation: the turns of the window word for
 * word, and a running summary of the turns before them, written by a model as the
 * window fills (see window-view.ts for the rule).
 *
 * When the summary runs: in the background, beside the conversation, like the
 * meter — asked for a couple of turns before the window would overflow, so it is
 * normally written while the agents talk and no turn waits for it. A turn waits
 * only when the window is full and the summary it needs is still being written;
 * if writing it failed, the turn goes ahead at once with the last `window` turns
 * (and the older summary), and the next finished turn asks again.
 */

export interface HistoryWindowOptions {
  window: number;
  /** The model that writes the summaries (an agent's: the summary is part of what the agents read). */
  client: ChatClient;
  /** Whose usage the summary calls count as. */
  role: Speaker;
  /**
   * Receives 'usage' and 'notice' events, and 'summary' when the agents first read a
   * new summary — between turns, where their memory changes (record it: a resume restores it).
   */
  emit: (event: EngineEvent) => void;
  seed?: number;
  /** The summary a resumed conversation had. */
  restored?: ConversationSummary;
}

/** Older summaries never fit again once two newer ones exist (window-view.ts keeps the oldest that fits). */
const KEEP_SUMMARIES = 2;

export class HistoryWindow {
  private summaries: ConversationSummary[];
  private job: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private stopped = false;
  private lastProblem: string | undefined;
  /** The newest summary the agents have read (and the log has). */
  private announced: number;

  constructor(private readonly o: HistoryWindowOptions) {
    this.summaries = o.restored ? [o.restored] : [];
    this.announced = o.restored?.throughTurn ?? -1;
  }

  /** The summaries a reader may use, oldest first (for the meter's judge; the newest may not be in use by the agents yet). */
  get known(): readonly ConversationSummary[] {
    return this.summaries;
  }

  /** After each finished turn: asks for the next summary when one is due and none is being written. */
  afterTurn(turns: readonly Turn[]): void {
    if (this.stopped || this.job) return;
    const due = summaryDue(turns.length, this.covered(turns), this.o.window);
    if (due) this.write(turns.slice(due.from, due.to));
  }

  /** What the agents read for the next turn; waits only for a summary that is needed now and still being written. */
  async view(turns: readonly Turn[]): Promise<WindowView> {
    let view = windowView(turns, this.o.window, this.summaries);
    if (this.incomplete(view) && this.job) {
      this.o.emit({ type: 'notice', level: 'info', message: 'the agents’ window is full: waiting for the summary of the earlier turns…' });
      await this.job;
      view = windowView(turns, this.o.window, this.summaries);
    }
    // Still behind (the summary failed): go ahead with what there is, and ask again beside the next turn.
    if (this.incomplete(view)) this.afterTurn(turns);
    const summary = view.earlier?.summary;
    if (summary && summary.throughTurn > this.announced && !this.stopped) {
      this.announced = summary.throughTurn;
      this.o.emit({ type: 'summary', ...summary });
    }
    return view;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private incomplete(view: WindowView): boolean {
    const earlier = view.earlier;
    return earlier !== undefined && earlier.shownFrom > (earlier.summary ? earlier.summary.throughTurn + 1 : 0);
  }

  /** How many turns (from the start) the newest summary covers. */
  private covered(turns: readonly Turn[]): number {
    const newest = this.summaries.at(-1);
    if (!newest) return 0;
    const at = turns.findIndex((t) => t.index > newest.throughTurn);
    return at < 0 ? turns.length : at;
  }

  private write(stretch: readonly Turn[]): void {
    const job = this.summarise(stretch).finally(() => {
      if (this.job === job) this.job = undefined;
    });
    this.job = job;
  }

  private async summarise(stretch: readonly Turn[]): Promise<void> {
    const previous = this.summaries.at(-1);
    const first = stretch[0]!;
    const last = stretch[stretch.length - 1]!;
    try {
      const result = await this.o.client.chat(
        {
          messages: summaryMessages(previous, stretch),
          jsonSchema: SUMMARY_OUTPUT_SCHEMA,
          temperature: SUMMARY_TEMPERATURE,
          ...(this.o.seed !== undefined ? { seed: this.o.seed + last.index } : {}),
        },
        { signal: this.abort.signal },
      );
      if (this.stopped) return;
      if (result.usage) this.o.emit({ type: 'usage', role: this.o.role, usage: result.usage });
      const text = summaryText(readStructuredReply(result.text, (v) => 'summary' in v));
      if (!text) throw new Error('the model wrote no summary');
      const summary: ConversationSummary = { throughTurn: last.index, text: cleanForDisplay(text) };
      this.summaries = [...this.summaries, summary].slice(-KEEP_SUMMARIES);
      this.lastProblem = undefined;
    } catch (error) {
      if (this.stopped || error instanceof CancelledError) return;
      const problem = error instanceof Error ? error.message : String(error);
      // One warning per distinct failure in a row, as with the judge: a server that is down should not flood the notices.
      if (problem === this.lastProblem) return;
      this.lastProblem = problem;
      this.o.emit({
        type: 'notice',
        level: 'warn',
        message: `could not summarise turns ${first.index + 1}–${last.index + 1} for the agents (${problem}); until it works they read only the latest ${this.o.window} turns`,
      });
    }
  }
}
