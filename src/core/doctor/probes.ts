/**
 * The chat probes doctor sends (their words are in prompts/doctor.ts): a plain
 * streamed question (streaming, speed, reasoning), a structured-output question
 * that does not mention JSON, and one real first turn of each persona, through
 * the same agent-turn code a conversation uses.
 */
import { EmptyReplyError, RefusalError, runAiTurn } from '../engine/ai-turn.js';
import type { Refusal, Speaker } from '../domain.js';
import { LlmError } from '../llm/errors.js';
import { findJsonObject, hasKeys, ReasoningSplitter } from '../llm/output/index.js';
import type { ChatClient } from '../llm/types.js';
import { SEEKER_OUTPUT_SCHEMA, seekerMessages, SUPPORTER_OUTPUT_SCHEMA, supporterMessages } from '../prompts/agents.js';
import { JSON_PROBE_SCHEMA, jsonProbeMessages, PROBE_OPENING, PROBE_SEEKER, PROBE_SUPPORTER, streamingProbeMessages } from '../prompts/doctor.js';

export interface ReasoningSeen {
  tags: boolean;
  field: boolean;
  orphanClose: boolean;
}

export type Probe<T> = { ok: true; value: T } | { ok: false; message: string };

function failure(error: unknown): { ok: false; message: string } {
  return { ok: false, message: error instanceof Error ? error.message : String(error) };
}

export interface StreamProbe {
  text: string;
  contentDeltas: number;
  firstByteMs?: number;
  generationMs: number;
  completionTokens: number;
  tokensEstimated: boolean;
  reasoning: ReasoningSeen;
}

export async function probeStreaming(client: ChatClient, signal?: AbortSignal): Promise<Probe<StreamProbe>> {
  const splitter = new ReasoningSplitter();
  let contentDeltas = 0;
  let firstByteAt: number | undefined;
  const started = Date.now();
  const mark = () => (firstByteAt ??= Date.now());
  try {
    const result = await client.chat(
      { messages: streamingProbeMessages(), temperature: 0, maxTokens: 400 },
      {
        signal,
        onDelta: (d) => {
          mark();
          contentDeltas++;
          splitter.push(d);
        },
        onReasoning: (d) => {
          mark();
          splitter.pushReasoning(d);
        },
      },
    );
    splitter.finish();
    const firstByteMs = firstByteAt === undefined ? undefined : firstByteAt - started;
    const generationMs = Math.max(1, result.latencyMs - (firstByteMs ?? 0));
    const estimated = Math.max(1, Math.round((splitter.visible.length + splitter.reasoning.length) / 4));
    return {
      ok: true,
      value: {
        text: splitter.visible.trim(),
        contentDeltas,
        firstByteMs,
        generationMs,
        completionTokens: result.usage?.completionTokens ?? estimated,
        tokensEstimated: result.usage === undefined,
        reasoning: splitter.source,
      },
    };
  } catch (error) {
    return failure(error);
  }
}

export interface JsonProbe {
  /** 'no-answer': nothing but reasoning or an empty reply came back, so there is nothing to judge by. */
  outcome: 'honoured' | 'wrapped' | 'ignored' | 'rejected' | 'no-answer';
  excerpt: string;
  reasoning: ReasoningSeen;
}

/** Needs a client of its own: the client remembers a rejected response_format. */
export async function probeJsonSchema(client: ChatClient, signal?: AbortSignal): Promise<Probe<JsonProbe>> {
  let rejected = false;
  try {
    const result = await client.chat(
      { messages: jsonProbeMessages(), jsonSchema: JSON_PROBE_SCHEMA, temperature: 0, maxTokens: 400 },
      { signal, onRetry: (info) => (rejected ||= /response_format/.test(info.reason)) },
    );
    const splitter = new ReasoningSplitter();
    if (result.reasoning) splitter.pushReasoning(result.reasoning);
    splitter.push(result.text);
    splitter.finish();
    const visible = splitter.visible.trim();
    const excerpt = visible.replace(/\s+/g, ' ').slice(0, 80);
    const reasoning = splitter.source;
    if (rejected) return { ok: true, value: { outcome: 'rejected', excerpt, reasoning } };
    if (visible === '') return { ok: true, value: { outcome: 'no-answer', excerpt, reasoning } };
    const bare = findJsonObject(visible, hasKeys('animal', 'legs'));
    const outcome = bare && visible.startsWith('{') && visible.endsWith('}') ? 'honoured' : bare ? 'wrapped' : 'ignored';
    return { ok: true, value: { outcome, excerpt, reasoning } };
  } catch (error) {
    return failure(error);
  }
}

export interface PersonaProbe {
  speaker: Speaker;
  text?: string;
  refusals: Refusal[];
  /** Refused twice: the turn would pause. */
  refused: boolean;
  empty: boolean;
  notes: string[];
  labelSource?: string;
  thinking: boolean;
  error?: string;
}

export async function probePersona(client: ChatClient, speaker: Speaker, signal?: AbortSignal): Promise<PersonaProbe> {
  const refusals: Refusal[] = [];
  let thinking = false;
  const probe: PersonaProbe = { speaker, refusals, refused: false, empty: false, notes: [], thinking: false };
  const isSeeker = speaker === 'seeker';
  try {
    const result = await runAiTurn({
      index: isSeeker ? 0 : 1,
      speaker,
      client,
      messages: isSeeker
        ? seekerMessages(PROBE_SEEKER, [])
        : supporterMessages({ seeker: PROBE_SEEKER, supporter: PROBE_SUPPORTER, condition: 'aware' }, [PROBE_OPENING]),
      jsonSchema: isSeeker ? SEEKER_OUTPUT_SCHEMA : SUPPORTER_OUTPUT_SCHEMA,
      temperature: 0.7,
      signal: signal ?? new AbortController().signal,
      names: { seeker: PROBE_SEEKER.name, supporter: PROBE_SUPPORTER.name },
      emit: (e) => (thinking ||= e.type === 'thinking'),
      onRetry: () => undefined,
      onRefusal: (r) => refusals.push(r),
    });
    return { ...probe, text: result.text, notes: result.notes, thinking, ...(result.labelSource ? { labelSource: result.labelSource } : {}) };
  } catch (error) {
    if (error instanceof RefusalError) return { ...probe, refused: true, thinking };
    if (error instanceof EmptyReplyError) return { ...probe, empty: true, thinking };
    if (error instanceof LlmError || error instanceof Error) return { ...probe, thinking, error: error.message };
    return { ...probe, thinking, error: String(error) };
  }
}
