/**
 * Reasoning blocks out of a model's reply, while it streams.
 *
 * Reasoning models reach us in three shapes: the server splits the reasoning off
 * into its own stream field (`reasoning_content`, `reasoning`: the client hands
 * it over separately), the reasoning stays in the content between tags
 * (`<think>…</think>`, `<thinking>`, `<reasoning>`: Qwen3 or DeepSeek-R1 through a
 * server without a reasoning parser), or the chat template already opened the
 * block in the prompt so the reply only *closes* it (`…</think>` with no opener).
 * A block still open when the reply ends (a token cap hit mid-thought) is all
 * reasoning. None of it is dialogue.
 *
 * The splitter holds back the tail of a chunk that could still grow into a tag,
 * so a tag split across chunks ("<thi" + "nk>") never leaks to the screen.
 */

const TAG_NAMES = ['think', 'thinking', 'reasoning'] as const;
const OPEN_TAG = /<(think|thinking|reasoning)(?:\s[^<>]*)?>/i;
const CLOSE_TAG = /<\/(think|thinking|reasoning)\s*>/i;
/** Longest tag we recognise, with room for a little whitespace or an attribute. */
const MAX_TAG_HOLD = 40;

export interface SplitChunk {
  /** Text that is not reasoning, in order. */
  visible: string;
  /** Reasoning text received in this chunk (from tags or a separate field). */
  reasoning: string;
  /**
   * A closing tag arrived with no opener: every visible character handed out
   * before this chunk was reasoning after all. Callers void what they showed.
   */
  retract: boolean;
}

export class ReasoningSplitter {
  private inBlock = false;
  private pending = '';
  private visibleSoFar = '';
  private reasoningSoFar = '';
  private fieldThinking = false;
  private fieldReasoning = false;
  private blocks = 0;
  private orphanClose = false;

  /** All visible (non-reasoning) text so far. */
  get visible(): string {
    return this.visibleSoFar;
  }

  /** All reasoning so far, from tags and from separate fields. */
  get reasoning(): string {
    return this.reasoningSoFar;
  }

  /** The model is reasoning right now: inside a tag block, or its last words came in a reasoning field. */
  get thinking(): boolean {
    return this.inBlock || this.fieldThinking;
  }

  /** Where the reasoning came from, for doctor and notes. */
  get source(): { tags: boolean; field: boolean; orphanClose: boolean } {
    return { tags: this.blocks > 0, field: this.fieldReasoning, orphanClose: this.orphanClose };
  }

  /** A delta of the reply's content. */
  push(chunk: string): SplitChunk {
    this.fieldThinking = false;
    const out: SplitChunk = { visible: '', reasoning: '', retract: false };
    let text = this.pending + chunk;
    this.pending = '';
    for (;;) {
      const tag = this.inBlock ? CLOSE_TAG.exec(text) : firstTag(text);
      if (!tag) break;
      const before = text.slice(0, tag.index);
      text = text.slice(tag.index + tag[0].length);
      if (this.inBlock) {
        out.reasoning += before;
        this.inBlock = false;
      } else if (tag[0].startsWith('</')) {
        // Closed but never opened: the template opened it. All visible text so far was reasoning.
        out.reasoning += this.visibleSoFar + out.visible + before;
        this.visibleSoFar = '';
        out.visible = '';
        out.retract = true;
        this.orphanClose = true;
        this.blocks++;
      } else {
        out.visible += before;
        this.inBlock = true;
        this.blocks++;
      }
    }
    // Keep back a tail that may be the start of a tag.
    const hold = partialTagStart(text);
    this.pending = text.slice(hold);
    text = text.slice(0, hold);
    if (this.inBlock) out.reasoning += text;
    else out.visible += text;
    this.visibleSoFar += out.visible;
    this.reasoningSoFar += out.reasoning;
    return out;
  }

  /** A delta the server sent in a separate reasoning field. */
  pushReasoning(delta: string): SplitChunk {
    if (delta !== '') {
      this.fieldThinking = true;
      this.fieldReasoning = true;
    }
    this.reasoningSoFar += delta;
    return { visible: '', reasoning: delta, retract: false };
  }

  /** End of the reply: a held tail is released; an unclosed block stays reasoning. */
  finish(): SplitChunk {
    this.fieldThinking = false;
    const rest = this.pending;
    this.pending = '';
    const out: SplitChunk = { visible: '', reasoning: '', retract: false };
    if (this.inBlock) out.reasoning = rest;
    else out.visible = rest;
    this.visibleSoFar += out.visible;
    this.reasoningSoFar += out.reasoning;
    return out;
  }
}

/** The earlier of the next opening or closing tag. */
function firstTag(text: string): RegExpExecArray | null {
  const open = OPEN_TAG.exec(text);
  const close = CLOSE_TAG.exec(text);
  if (!open) return close;
  if (!close) return open;
  return open.index <= close.index ? open : close;
}

/** Index from which `text` could still become a reasoning tag (text.length when it cannot). */
function partialTagStart(text: string): number {
  const lt = text.lastIndexOf('<');
  if (lt < 0 || text.length - lt > MAX_TAG_HOLD) return text.length;
  const tail = text.slice(lt + 1).toLowerCase();
  if (tail.includes('>')) return text.length;
  const name = tail.replace(/^\//, '');
  const word = /^[a-z]*/.exec(name)![0];
  // Still typing the name ("<thi"), or the whole name followed by attributes not yet closed ("<think id=1").
  const couldGrow = TAG_NAMES.some((t) => (name === word && t.startsWith(word)) || (word === t && /^\s/.test(name.slice(word.length))));
  return couldGrow ? lt : text.length;
}

/** A whole reply at once: its visible text and its reasoning (plus any sent in a separate field). */
export function splitReasoning(text: string, fieldReasoning = ''): { text: string; reasoning: string } {
  const splitter = new ReasoningSplitter();
  if (fieldReasoning) splitter.pushReasoning(fieldReasoning);
  splitter.push(text);
  splitter.finish();
  return { text: splitter.visible, reasoning: splitter.reasoning };
}
