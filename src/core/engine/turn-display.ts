import { cleanForDisplay } from '../sanitize.js';
import type { Strategy } from '../strategies.js';
import type { EngineEvent, LabelSource, Speaker } from './events.js';

/**
 * What one AI turn has put on screen so far, and the only way words reach it.
 * Every delta is neutralised; a turn's shown text can be voided (turn-reset)
 * and, at the end, is reconciled with the text that is saved, so the screen
 * never keeps words the session does not.
 */
export class TurnDisplay {
  private shown = '';
  private label: { strategy: Strategy; labelSource: LabelSource } | undefined;

  constructor(
    private readonly index: number,
    private readonly speaker: Speaker,
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  get announced(): boolean {
    return this.label !== undefined;
  }

  strategy(strategy: Strategy, labelSource: LabelSource): void {
    this.label = { strategy, labelSource };
    this.emit({ type: 'strategy', index: this.index, strategy, labelSource });
  }

  text(text: string): void {
    if (text === '') return;
    // Leading whitespace of a reply is noise in a transcript.
    const clean = cleanForDisplay(this.shown === '' ? text.trimStart() : text);
    if (clean === '') return;
    this.shown += clean;
    this.emit({ type: 'text-delta', index: this.index, speaker: this.speaker, text: clean });
  }

  /** Voids what was shown (and the label), if anything was. */
  reset(reason: string): void {
    if (this.shown === '' && !this.label) return;
    this.shown = '';
    this.label = undefined;
    this.emit({ type: 'turn-reset', index: this.index, speaker: this.speaker, reason });
  }

  /** Makes the screen end on `final`: the missing tail, or the whole text again when it differs. */
  settle(final: string): void {
    if (final.startsWith(this.shown)) return this.text(final.slice(this.shown.length));
    // Only a removed tail (an end marker, trailing space): the screen already reads right.
    if (this.shown.startsWith(final)) return;
    const label = this.label;
    this.reset('the reply was cleaned up after it streamed');
    if (label) this.strategy(label.strategy, label.labelSource);
    this.text(final);
  }
}

/** 'thinking' events for a turn: at the start of reasoning, about once a second, and when it stops. */
export function thinkingReporter(index: number, speaker: Speaker, emit: (event: EngineEvent) => void) {
  let since: number | undefined;
  let lastSecond = 0;
  return (thinking: boolean): void => {
    const now = Date.now();
    if (thinking) {
      if (since === undefined) {
        since = now;
        lastSecond = 0;
        emit({ type: 'thinking', index, speaker, elapsedMs: 0 });
        return;
      }
      const second = Math.floor((now - since) / 1000);
      if (second > lastSecond) {
        lastSecond = second;
        emit({ type: 'thinking', index, speaker, elapsedMs: now - since });
      }
    } else if (since !== undefined) {
      emit({ type: 'thinking', index, speaker, elapsedMs: now - since, done: true });
      since = undefined;
    }
  };
}
