/**
 * Turns a streamed model reply into (label, text deltas) while it streams.
 *
 * We ask for structured output ({"strategy": …, "response": …}) but must cope with
 * servers that ignore json_schema and with models that answer in free text. The
 * parser decides from the first visible character: "{" (or a ```json fence) is
 * read as a flat JSON object whose string fields are decoded incrementally; any
 * other start is plain text, where a leading "Strategy: X" / "[X]" line is taken
 * as the label. Nothing here knows about strategies: callers pick the fields.
 */

export interface ParserOptions {
  /** The JSON field whose string value is the visible text ("response", "message"). */
  textField: string;
  /** Plain-text mode: treat a short first line like "Strategy: X" or "[X] …" as a label. */
  plainLabelPrefix?: boolean;
  /** Whether a bracketed "[X]" prefix is a label (so "[sigh] …" stays text). Default: any. */
  acceptLabel?: (label: string) => boolean;
}

export interface ParserOutput {
  /** Visible text to append. */
  text: string;
  /** Scalar fields completed in this chunk (JSON mode), or the plain-mode label under "label". */
  fields: Record<string, unknown>;
}

type Mode = 'undecided' | 'json' | 'plain';
type JsonState =
  | 'before-key'
  | 'in-key'
  | 'after-key'
  | 'before-value'
  | 'in-string'
  | 'in-literal'
  | 'in-nested'
  | 'after-value'
  | 'done';

const PLAIN_LABEL_HOLD = 80;
const BRACKET_LABEL_RE = /^\s*(?:\*\*)?\[\s*(?:strategy\s*[:=-]\s*)?([^\]\n]{2,40})\]/i;
const LINE_LABEL_RE = /^\s*(?:\*\*)?(?:strategy|label)\s*[:=-]\s*(?:\*\*)?\s*([^\n*]{2,40}?)\s*(?:\*\*)?\s*(?:\n|$)/i;
/** A prefix that might still grow into "Strategy: X". */
const LABEL_START_RE = /^\s*(?:\*\*)?(?:s|st|str|stra|strat|strate|strateg|strategy|l|la|lab|labe|label)(?:\s*[:=-][^\n]*)?$/i;

export class TurnStreamParser {
  private mode: Mode = 'undecided';
  private raw = '';
  private state: JsonState = 'before-key';
  private key = '';
  private value = '';
  private escape: string | null = null;
  private nestedDepth = 0;
  private nestedInString = false;
  private nestedEscape = false;
  private plainHeld = '';
  private plainDecided = false;
  private fenceSkipped = false;
  /** After a label, whitespace before the first word is not part of the text. */
  private trimLeading = false;
  private readonly fields: Record<string, unknown> = {};
  private textSoFar = '';

  constructor(private readonly options: ParserOptions) {}

  /** All raw text received so far (for logging/fallback parsing). */
  get rawText(): string {
    return this.raw;
  }

  get isJson(): boolean {
    return this.mode === 'json';
  }

  /** Visible text emitted so far. */
  get text(): string {
    return this.textSoFar;
  }

  /** Completed fields so far (JSON mode), plus "label" in plain mode. */
  get completedFields(): Readonly<Record<string, unknown>> {
    return this.fields;
  }

  push(chunk: string): ParserOutput {
    this.raw += chunk;
    const out: ParserOutput = { text: '', fields: {} };
    let input = chunk;
    if (this.mode === 'undecided') {
      const trimmed = this.raw.trimStart();
      if (trimmed === '') return out;
      if (trimmed.startsWith('```')) {
        // Wait for the fence line to complete, then decide from what follows it.
        const nl = trimmed.indexOf('\n');
        if (nl < 0) return out;
        const after = trimmed.slice(nl + 1);
        this.fenceSkipped = true;
        if (after.trimStart() === '') {
          return out;
        }
        input = after;
        this.mode = after.trimStart().startsWith('{') ? 'json' : 'plain';
      } else {
        this.mode = trimmed.startsWith('{') ? 'json' : 'plain';
        input = trimmed;
      }
      if (this.mode === 'json') input = input.trimStart().slice(1); // consume "{"
    }
    if (this.mode === 'json') this.pushJson(input, out);
    else this.pushPlain(input, out);
    this.textSoFar += out.text;
    return out;
  }

  /** Call at the end of the stream: releases held text and returns any last output. */
  finish(): ParserOutput {
    const out: ParserOutput = { text: '', fields: {} };
    if (this.mode === 'undecided' && this.fenceSkipped) {
      this.mode = 'plain';
    }
    if (this.mode === 'plain' && !this.plainDecided) {
      this.decidePlainLabel(out, true);
    }
    if (this.mode === 'plain' && this.fenceSkipped) {
      // A fenced plain answer: drop a trailing fence from the visible text.
      out.text = out.text.replace(/\n?```\s*$/, '');
    }
    if (this.mode === 'json' && this.state === 'in-literal') {
      this.completeLiteral(out);
    }
    this.textSoFar += out.text;
    return out;
  }

  private pushPlain(input: string, out: ParserOutput): void {
    if (this.plainDecided || !this.options.plainLabelPrefix) {
      this.plainDecided = true;
      if (this.trimLeading) {
        input = input.trimStart();
        if (input !== '') this.trimLeading = false;
      }
      out.text += input;
      return;
    }
    this.plainHeld += input;
    this.decidePlainLabel(out, false);
  }

  private decidePlainLabel(out: ParserOutput, atEnd: boolean): void {
    const held = this.plainHeld;
    const accept = this.options.acceptLabel ?? (() => true);
    const bracket = BRACKET_LABEL_RE.exec(held);
    const line = LINE_LABEL_RE.exec(held);
    let label: string | undefined;
    let rest = held;
    if (bracket && accept(bracket[1]!.trim())) {
      label = bracket[1]!.trim();
      rest = held.slice(bracket[0].length);
    } else if (line && (atEnd || held.includes('\n'))) {
      label = line[1]!.trim();
      rest = held.slice(line[0].length);
    } else if (!atEnd && held.length < PLAIN_LABEL_HOLD && !bracket && (LABEL_START_RE.test(held) || /^\s*\[[^\]]*$/.test(held))) {
      return; // could still become a label: keep holding
    }
    if (label !== undefined) {
      this.fields.label = label;
      out.fields.label = label;
      rest = rest.replace(/^[\s*:-]+/, '');
      this.trimLeading = rest === '';
    }
    out.text += rest;
    this.plainHeld = '';
    this.plainDecided = true;
  }

  private pushJson(input: string, out: ParserOutput): void {
    for (let i = 0; i < input.length; i++) {
      const ch = input[i]!;
      switch (this.state) {
        case 'before-key':
          if (ch === '"') {
            this.state = 'in-key';
            this.key = '';
          } else if (ch === '}') this.state = 'done';
          break;
        case 'in-key':
          if (this.escape !== null) {
            this.key += ch;
            this.escape = null;
          } else if (ch === '\\') this.escape = '';
          else if (ch === '"') this.state = 'after-key';
          else this.key += ch;
          break;
        case 'after-key':
          if (ch === ':') this.state = 'before-value';
          break;
        case 'before-value':
          if (ch === '"') {
            this.state = 'in-string';
            this.value = '';
          } else if (ch === '{' || ch === '[') {
            this.state = 'in-nested';
            this.nestedDepth = 1;
            this.value = ch;
          } else if (!/\s/.test(ch)) {
            this.state = 'in-literal';
            this.value = ch;
          }
          break;
        case 'in-string':
          this.readStringChar(ch, out);
          break;
        case 'in-literal':
          if (ch === ',' || ch === '}' || /\s/.test(ch)) {
            this.completeLiteral(out);
            if (ch === ',') this.state = 'before-key';
            else if (ch === '}') this.state = 'done';
          } else this.value += ch;
          break;
        case 'in-nested':
          this.readNestedChar(ch, out);
          break;
        case 'after-value':
          if (ch === ',') this.state = 'before-key';
          else if (ch === '}') this.state = 'done';
          break;
        case 'done':
          return;
      }
    }
  }

  private readStringChar(ch: string, out: ParserOutput): void {
    let decoded = '';
    if (this.escape !== null) {
      if (this.escape === '' && ch !== 'u') {
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' };
        decoded = map[ch] ?? ch;
        this.escape = null;
      } else {
        this.escape += ch;
        if (this.escape.length === 5) {
          const code = parseInt(this.escape.slice(1), 16);
          decoded = Number.isNaN(code) ? '' : String.fromCharCode(code);
          this.escape = null;
        }
      }
    } else if (ch === '\\') {
      this.escape = '';
      return;
    } else if (ch === '"') {
      this.fields[this.key] = this.value;
      out.fields[this.key] = this.value;
      this.state = 'after-value';
      return;
    } else {
      decoded = ch;
    }
    this.value += decoded;
    if (this.key === this.options.textField) out.text += decoded;
  }

  private readNestedChar(ch: string, out: ParserOutput): void {
    this.value += ch;
    if (this.nestedInString) {
      if (this.nestedEscape) this.nestedEscape = false;
      else if (ch === '\\') this.nestedEscape = true;
      else if (ch === '"') this.nestedInString = false;
      return;
    }
    if (ch === '"') this.nestedInString = true;
    else if (ch === '{' || ch === '[') this.nestedDepth++;
    else if (ch === '}' || ch === ']') {
      this.nestedDepth--;
      if (this.nestedDepth === 0) {
        try {
          const parsed: unknown = JSON.parse(this.value);
          this.fields[this.key] = parsed;
          out.fields[this.key] = parsed;
        } catch {
          // a malformed nested value is ignored: only flat fields matter to turns
        }
        this.state = 'after-value';
      }
    }
  }

  private completeLiteral(out: ParserOutput): void {
    const rawValue = this.value.trim();
    let parsed: unknown = rawValue;
    if (rawValue === 'true') parsed = true;
    else if (rawValue === 'false') parsed = false;
    else if (rawValue === 'null') parsed = null;
    else if (rawValue !== '' && !Number.isNaN(Number(rawValue))) parsed = Number(rawValue);
    this.fields[this.key] = parsed;
    out.fields[this.key] = parsed;
    this.state = 'after-value';
  }
}
