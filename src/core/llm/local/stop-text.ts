/**
 * Text that ends generation when the model writes it (a chat template's
 * end-of-turn marker written out as plain text, the JSON grammar's run of blank
 * lines). Text that might be the start of such a marker is held back until it
 * is clear, so a marker never reaches the screen; with `trimTrailingWhitespace`
 * trailing whitespace is held too and dropped at the end.
 */
export class StopText {
  private held = '';

  constructor(
    private readonly triggers: readonly string[],
    private readonly trimTrailingWhitespace = false,
  ) {}

  /** Adds generated text: what may be shown now, and whether a stop marker completed. */
  push(text: string): { emit: string; stopped: boolean } {
    const buffer = this.held + text;
    let stopAt = -1;
    for (const trigger of this.triggers) {
      const at = buffer.indexOf(trigger);
      if (at >= 0 && (stopAt < 0 || at < stopAt)) stopAt = at;
    }
    if (stopAt >= 0) {
      this.held = '';
      const before = buffer.slice(0, stopAt);
      return { emit: this.trimTrailingWhitespace ? before.trimEnd() : before, stopped: true };
    }
    let holdFrom = buffer.length - this.partialTriggerLength(buffer);
    if (this.trimTrailingWhitespace) holdFrom = Math.min(holdFrom, buffer.trimEnd().length);
    this.held = buffer.slice(holdFrom);
    return { emit: buffer.slice(0, holdFrom), stopped: false };
  }

  /** What was still held when generation ended another way. */
  finish(): string {
    const rest = this.held;
    this.held = '';
    return this.trimTrailingWhitespace ? rest.trimEnd() : rest;
  }

  /** Length of the longest end of `text` that is the beginning of a trigger. */
  private partialTriggerLength(text: string): number {
    let longest = 0;
    for (const trigger of this.triggers) {
      for (let n = Math.min(trigger.length - 1, text.length); n > longest; n--) {
        if (text.endsWith(trigger.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
