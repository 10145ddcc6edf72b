import type { ChatClient, ChatMessage, JsonSchemaFormat, Usage } from '../llm/types.js';
import { cleanForDisplay } from '../sanitize.js';
import { findStrategyIn, type Strategy } from '../strategies.js';
import type { EngineEvent, LabelSource, Speaker } from './events.js';
import { resolveSupporterLabel } from './supporter-label.js';
import { TurnStreamParser } from './turn-stream-parser.js';

/**
 * A chat turn is one to three sentences; this cap only stops a model that runs on
 * (a loop, a lecture) from streaming for minutes. A reply cut here still ends up
 * labelled: the parser salvages the text it has.
 */
export const AGENT_MAX_TOKENS = 600;

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
  emit: (event: EngineEvent) => void;
  onRetry: (message: string) => void;
}

export interface AiTurnResult {
  text: string;
  strategy?: Strategy;
  labelSource?: LabelSource;
  closes: boolean;
  usage?: Usage;
  latencyMs: number;
  notes: string[];
}

export class EmptyReplyError extends Error {
  constructor(speaker: Speaker) {
    super(`the ${speaker} model sent an empty reply`);
    this.name = 'EmptyReplyError';
  }
}

const END_MARKER = /\[\s*end\s*\]\s*$/i;

/**
 * One streamed AI turn. For the supporter, text is held back until the label is
 * known, so a front end always shows the strategy before the first word.
 */
export async function runAiTurn(input: AiTurnInput): Promise<AiTurnResult> {
  const isSupporter = input.speaker === 'supporter';
  const parser = new TurnStreamParser({
    textField: isSupporter ? 'response' : 'message',
    plainLabelPrefix: isSupporter,
    acceptLabel: (label) => findStrategyIn(label) !== undefined,
  });
  const notes: string[] = [];
  let label: ReturnType<typeof resolveSupporterLabel> | undefined;
  let held = '';
  let emitted = '';

  const emitText = (text: string) => {
    if (text === '') return;
    // Leading whitespace of a reply is noise in a transcript.
    const clean = cleanForDisplay(emitted === '' ? text.trimStart() : text);
    if (clean === '') return;
    emitted += clean;
    input.emit({ type: 'text-delta', index: input.index, speaker: input.speaker, text: clean });
  };
  const announce = (declared: unknown) => {
    if (label) return;
    label = resolveSupporterLabel(declared, input.steer, parser.isJson);
    if (label.note) notes.push(label.note);
    input.emit({ type: 'strategy', index: input.index, strategy: label.strategy, labelSource: label.labelSource });
    emitText(held);
    held = '';
  };
  const onOutput = (out: { text: string; fields: Record<string, unknown> }) => {
    if (!isSupporter) return emitText(out.text);
    const declared = out.fields.strategy ?? out.fields.label;
    if (!label && declared !== undefined) announce(declared);
    if (label) emitText(out.text);
    else held += out.text;
  };

  if (isSupporter && input.steer) announce(undefined);

  const result = await input.client.chat(
    { messages: input.messages, jsonSchema: input.jsonSchema, temperature: input.temperature, seed: input.seed, maxTokens: AGENT_MAX_TOKENS },
    {
      signal: input.signal,
      onDelta: (delta) => onOutput(parser.push(delta)),
      onRetry: (info) =>
        input.onRetry(`${input.speaker} model: ${info.reason}; retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt} of ${info.maxAttempts})`),
    },
  );
  onOutput(parser.finish());

  let text = parser.text;
  if (text.trim() === '' && parser.rawText.trim() !== '') {
    text = salvageText(parser.rawText, isSupporter ? 'response' : 'message');
    if (text !== '') {
      notes.push(`${input.speaker} reply was not the JSON asked for; its text was kept as sent`);
      if (isSupporter && !label) held += text;
      else emitText(text);
    }
  }
  if (isSupporter) announce(parser.completedFields.strategy ?? parser.completedFields.label ?? findLabelInRaw(parser.rawText));

  let closes = false;
  if (!isSupporter) {
    closes = parser.completedFields.end_conversation === true || END_MARKER.test(text);
  }
  const finalText = cleanForDisplay(text.replace(END_MARKER, '')).trim();
  if (finalText === '') throw new EmptyReplyError(input.speaker);
  return {
    text: finalText,
    strategy: label?.strategy,
    labelSource: label?.labelSource,
    closes,
    usage: result.usage,
    latencyMs: result.latencyMs,
    notes,
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
