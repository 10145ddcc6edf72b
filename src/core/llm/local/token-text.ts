import type { LlamaModelLike, Token } from './runtime-api.js';

/**
 * Generated tokens to text, a piece at a time. A character can span several
 * tokens (UTF-8 bytes of a byte-level vocabulary): while the text of the
 * pending tokens ends in an incomplete character they are held, up to the four
 * bytes a character can take. Earlier tokens are passed as context because
 * some tokenizers decide a piece's leading space from what came before.
 */
export class TokenText {
  private readonly context: Token[] = [];
  private pending: Token[] = [];

  constructor(private readonly model: LlamaModelLike) {}

  push(token: Token): string {
    this.pending.push(token);
    const text = this.model.detokenize(this.pending, false, this.context);
    if (text.endsWith('\uFFFD') && this.pending.length < 4) return '';
    this.commit();
    return text;
  }

  finish(): string {
    if (this.pending.length === 0) return '';
    const text = this.model.detokenize(this.pending, false, this.context);
    this.commit();
    return text;
  }

  private commit(): void {
    this.context.push(...this.pending);
    if (this.context.length > 16) this.context.splice(0, this.context.length - 16);
    this.pending = [];
  }
}
