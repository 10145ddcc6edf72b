import type { ChatClient, ChatMessage, JsonSchemaFormat, Usage } from '../llm/types.js';
import {
  cutRoleBreak,
  detectRefusal,
  findJsonObject,
  languageMismatch,
  languageName,
  ReasoningSplitter,
  RefusalScreen,
  RoleBreakGuard,
  speakerLabels,
  type RefusalFinding,
} from '../llm/output/index.js';
import { cleanForDisplay } from '../sanitize.js';
import { findStrategyIn, type Strategy } from '../strategies.js';
import type { EngineEvent, LabelSource, Refusal, Speaker } from './events.js';
import { withReminder } from '../prompts/reminder.js';
import { resolveSupporterLabel } from './supporter-label.js';
import { TurnDisplay, thinkingReporter } from './turn-display.js';
import { TurnStreamParser } from './turn-stream-parser.js';

/**
 * A chat turn is one to three sentences; this cap only stops a model that runs on
 * (a loop, a lecture) from streaming for minutes. A reply cut here still ends up
 * labelled: the parser salvages the text it has.
 */
export const AGENT_MAX_TOKENS = 600;

/** How much of a refused reply a record keeps. */
const REFUSAL_TEXT_MAX = 500;

export interface AiTurnInput {
  index: number;
  speaker: Speaker;
  client: ChatClient;
  messages: ChatMessage[];
  jsonSchema: JsonSchemaFormat;
  temperature?: number;
  seed?: number;
  signal: AbortSignal;
  /** Supporter only: the strategy the user steered this turn to. */
  steer?: Strategy;
  /** The personas' names: lines labelled with the other one are role breaks; the reminder uses this side's. */
  names?: { seeker?: string; supporter?: string };
  emit: (event: EngineEvent) => void;
  onRetry: (message: string, delayMs: number) => void;
  /** Each reply that declined the persona: the first is asked again, after a second RefusalError is thrown. */
  onRefusal?: (refusal: Refusal) => void;
}

export interface AiTurnResult {
  text: string;
  strategy?: Strategy;
  labelSource?: LabelSource;
  closes: boolean;
  usage?: Usage;
  latencyMs: number;
  notes: string[];
  /** Reasoning the model sent before its words (tags or a separate field), neutralised. */
  reasoning?: string;
}

export class EmptyReplyError extends Error {
  constructor(speaker: Speaker) {
    super(`the ${speaker} model sent an empty reply`);
    this.name = 'EmptyReplyError';
  }
}

/**
 * The reply had words, but none a person would have typed in a chat (debris of broken
 * JSON, punctuation): it is thrown away and the turn is asked again, as after a cut stream.
 */
export class UnusableReplyError extends Error {
  constructor(speaker: Speaker, reason: string) {
    super(`the ${speaker} model's reply was unusable (${reason})`);
    this.name = 'UnusableReplyError';
  }
}

/**
 * When a reply is unusable. A reply that was the JSON asked for is used as it is. One that
 * was not (prose, a fragment, JSON never closed) is unusable when what could be read out
 * of it is still not a chat message. That is:
 * - it has fewer than two letters (in any script), or
 * - it still holds JSON structure: a curly brace, or a `"name":` pair, or
 * - fewer than half of its non-space characters are letters.
 * Anything else (plain prose instead of JSON, a reply cut short) is kept, with a note.
 */
export function unusableReason(text: string): string | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 2) return 'no words in it';
  if (/[{}]|"[^"\n]{1,40}"\s*:/.test(text)) return 'pieces of broken JSON';
  const visible = text.replace(/\s+/g, '').length;
  if (letters < visible / 2) return 'more symbols than letters';
  return undefined;
}

/** The model declined its persona twice in a row: the turn stops; resuming asks again. */
export class RefusalError extends Error {
  constructor(
    readonly speaker: Speaker,
    readonly model: string,
    readonly finding: RefusalFinding,
  ) {
    super(`the ${speaker} model refused to play this persona (asked twice; its last reply ${finding.reason}). Resume to ask again, or try another ${speaker} model.`);
    this.name = 'RefusalError';
  }
}

const END_MARKER = /\[\s*end\s*\]\s*$/i;

/**
 * One AI turn: streamed, cleaned (core/llm/output), and asked once more with a
 * reminder when the reply declines the persona. For the supporter, text is held
 * back until the label is known, so a front end always shows the strategy first.
 */
export async function runAiTurn(input: AiTurnInput): Promise<AiTurnResult> {
  const display = new TurnDisplay(input.index, input.speaker, input.emit);
  const first = await attemptTurn(input, input.messages, display);
  if (!('refused' in first)) return first;
  report(input, first, 1, 'asked-again');
  display.reset(`the ${input.speaker} model stepped out of its persona; asking once more`);
  const name = input.names?.[input.speaker];
  const second = await attemptTurn(input, withReminder(input.messages, input.speaker, name), display);
  if (!('refused' in second)) return second;
  report(input, second, 2, 'turn-paused');
  display.reset(`the ${input.speaker} model refused again`);
  throw new RefusalError(input.speaker, input.client.endpoint.model, second.refused);
}

type Refused = { refused: RefusalFinding; text: string };

function report(input: AiTurnInput, attempt: Refused, number: number, outcome: Refusal['outcome']): void {
  input.onRefusal?.({
    index: input.index,
    role: input.speaker,
    model: input.client.endpoint.model,
    text: cleanForDisplay(attempt.text).slice(0, REFUSAL_TEXT_MAX),
    kind: attempt.refused.kind,
    reason: attempt.refused.reason,
    attempt: number,
    outcome,
  });
}

async function attemptTurn(input: AiTurnInput, messages: ChatMessage[], display: TurnDisplay): Promise<AiTurnResult | Refused> {
  const isSupporter = input.speaker === 'supporter';
  const textField = isSupporter ? 'response' : 'message';
  const newParser = () =>
    new TurnStreamParser({ textField, plainLabelPrefix: isSupporter, acceptLabel: (label) => findStrategyIn(label) !== undefined });
  const labels = speakerLabels(input.speaker, input.names);
  const splitter = new ReasoningSplitter();
  const thinking = thinkingReporter(input.index, input.speaker, input.emit);
  let parser = newParser();
  let screen = new RefusalScreen(input.speaker);
  let guard = new RoleBreakGuard(labels);
  const notes: string[] = [];
  let label: ReturnType<typeof resolveSupporterLabel> | undefined;
  let held = '';
  /** The label came from a JSON field (streamed, or an object found inside prose): declared, not parsed. */
  let jsonLabel = false;

  const announce = (declared: unknown) => {
    if (label) return;
    label = resolveSupporterLabel(declared, input.steer, jsonLabel || parser.isJson);
    display.strategy(label.strategy, label.labelSource);
    display.text(held);
    held = '';
  };
  const show = (text: string) => {
    const passed = guard.push(screen.push(text));
    if (isSupporter && !label) held += passed;
    else display.text(passed);
  };
  const onOutput = (out: { text: string; fields: Record<string, unknown> }) => {
    // A reply that does not open with JSON is held to its end: prose may turn out to wrap the JSON asked for.
    if (!parser.isJson) return;
    const declared = out.fields.strategy ?? out.fields.label;
    if (isSupporter && !label && declared !== undefined) announce(declared);
    show(out.text);
  };
  const onContent = (delta: string) => {
    const out = splitter.push(delta);
    thinking(splitter.thinking);
    if (out.retract) {
      // The template had opened a reasoning block: what we read so far was reasoning.
      parser = newParser();
      screen = new RefusalScreen(input.speaker);
      guard = new RoleBreakGuard(labels);
      label = undefined;
      held = '';
      display.reset('that was the model reasoning, not its reply');
    }
    if (out.visible) onOutput(parser.push(out.visible));
  };

  if (isSupporter && input.steer) announce(undefined);

  const result = await input.client.chat(
    { messages, jsonSchema: input.jsonSchema, temperature: input.temperature, seed: input.seed, maxTokens: AGENT_MAX_TOKENS },
    {
      signal: input.signal,
      onDelta: onContent,
      onReasoning: (delta) => {
        splitter.pushReasoning(delta);
        thinking(true);
      },
      onRetry: (info) =>
        input.onRetry(`${input.speaker} model: ${info.reason}; retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} of ${info.maxAttempts})`, info.delayMs),
    },
  );
  const last = splitter.finish();
  thinking(false);
  if (last.visible) onOutput(parser.push(last.visible));
  onOutput(parser.finish());

  // The words: the streamed JSON field; else the first object of our shape inside prose or a fence;
  // else the plain text; else whatever can be salvaged from JSON-ish text.
  const visibleRaw = splitter.visible;
  let text = parser.text;
  let fields: Readonly<Record<string, unknown>> = parser.completedFields;
  const embedded = parser.isJson && text.trim() !== '' ? undefined : findJsonObject(visibleRaw, (v) => typeof v[textField] === 'string');
  /** The reply was the JSON asked for (whole, or found whole in prose): its text is the model's message, whatever it says. */
  const asked = embedded !== undefined || (parser.isJson && findJsonObject(visibleRaw, (v) => typeof v[textField] === 'string') !== undefined);
  if (embedded) {
    text = embedded[textField] as string;
    fields = embedded;
    jsonLabel = true;
  } else if (text.trim() === '' && visibleRaw.trim() !== '') {
    text = salvageText(visibleRaw, textField);
    if (text !== '') notes.push(`${input.speaker} reply was not the JSON asked for; its text was kept as sent`);
  } else if (parser.isJson && text.trim() !== '' && !asked) {
    // The JSON opened and its text streamed, but the object never closed (a reply cut at the token cap).
    notes.push(`${input.speaker} reply's JSON was never completed; the text it had was kept`);
  }

  const cut = cutRoleBreak(text, labels);
  if (cut.cutAt !== undefined) {
    const other = isSupporter ? 'seeker' : 'supporter';
    notes.push(`${input.speaker} reply went on to write the ${other}'s lines; it was cut before "${cleanForDisplay(cut.cutAt).slice(0, 60)}"`);
    text = cut.text;
  }

  const closes = !isSupporter && (fields.end_conversation === true || END_MARKER.test(text));
  const finalText = cleanForDisplay(text.replace(END_MARKER, '')).trim();
  const refused = detectRefusal(finalText, input.speaker);
  if (refused) return { refused, text: finalText };
  if (finalText === '') {
    display.reset(`the ${input.speaker} model sent no words`);
    throw new EmptyReplyError(input.speaker);
  }
  const unusable = asked ? undefined : unusableReason(finalText);
  if (unusable) {
    display.reset(`the ${input.speaker} model's reply was unusable (${unusable})`);
    throw new UnusableReplyError(input.speaker, unusable);
  }

  // The conversation's language is its instructions' and personas' (the system prompt): the chat
  // history would drift along with a model that drifted.
  const foreign = languageMismatch(finalText, messages.find((m) => m.role === 'system')?.content ?? '');
  if (foreign) {
    notes.push(`${input.speaker} reply seems to be in ${languageName(foreign.reply)}, not ${languageName(foreign.reference)} like the conversation; kept as sent`);
  }

  if (isSupporter) {
    announce(fields.strategy ?? fields.label ?? findLabelInRaw(visibleRaw));
    if (label?.note) notes.push(label.note);
  }
  display.settle(finalText);
  const reasoning = cleanForDisplay(splitter.reasoning).trim();
  return {
    text: finalText,
    strategy: label?.strategy,
    labelSource: label?.labelSource,
    closes,
    usage: result.usage,
    latencyMs: result.latencyMs,
    notes,
    ...(reasoning ? { reasoning } : {}),
  };
}

/** Text out of a malformed JSON-ish reply: the named field if it can be found, else the raw text sans braces. */
export function salvageText(raw: string, field: string): string {
  const m = new RegExp(`"?${field}"?\\s*[:=]\\s*"((?:[^"\\\\]|\\\\.)*)`, 'i').exec(raw);
  if (m?.[1]) {
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      return m[1];
    }
  }
  return raw.replace(/^[\s`{]*(json)?/i, '').replace(/[\s`}]*$/, '').trim();
}

function findLabelInRaw(raw: string): string | undefined {
  const m = /"?strategy"?\s*[:=]\s*"?([A-Za-z &-]{2,40})/i.exec(raw);
  return m?.[1];
}
