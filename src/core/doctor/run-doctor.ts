/**
 * `doctor`: checks one server and model before a study or a talk. The CLI
 * command prints the report; the TUI can call runDoctor() with the resolved
 * endpoint and render each check as it arrives (onCheck). Never throws for
 * anything the server does: every failure is a check with a message.
 */
import { createChatClient, type ChatClientOptions } from '../llm/client.js';
import { LlmError } from '../llm/errors.js';
import { describeEndpoint } from '../llm/redact.js';
import { createSdk } from '../llm/sdk.js';
import { translateError } from '../llm/translate-error.js';
import type { ChatClient, Endpoint } from '../llm/types.js';
import { cleanForDisplay } from '../sanitize.js';
import { contextFromModelEntry, probeContextLength, type ContextLength } from './context-length.js';
import { probeJsonSchema, probePersona, probeStreaming, type PersonaProbe, type ReasoningSeen } from './probes.js';
import type { DoctorCheck, DoctorMeasurements, DoctorReport, QuirkFound } from './types.js';
import { recommendationsFor, verdictOf } from './verdict.js';

export interface DoctorOptions {
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
  /** Each check as soon as it is known (for a live view). */
  onCheck?: (check: DoctorCheck) => void;
  /** Overrides for the probe clients (tests shorten timeouts). */
  clientOptions?: ChatClientOptions;
  /**
   * The model inside the app rather than a server: the probes go to its client, there is
   * no server to reach or ask for a context length, and `loaded` says what was loaded.
   */
  local?: { client: ChatClient; contextLength: number; loaded: string } | { problem: string };
}

/** Below this many tokens a 20-turn conversation with persona prompts does not fit. */
export const MIN_CONTEXT = 4096;
/** Slower than this, a conversation with the judge on crawls. */
export const SLOW_TOKENS_PER_SECOND = 8;

export async function runDoctor(endpoint: Endpoint, options: DoctorOptions = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const quirks = new Set<QuirkFound>();
  const measurements: DoctorMeasurements = {};
  const add = (check: DoctorCheck) => {
    const clean = { ...check, summary: cleanForDisplay(check.summary) };
    checks.push(clean);
    options.onCheck?.(clean);
  };
  const clientOptions: ChatClientOptions = { maxRetries: 1, idleTimeoutMs: 60_000, ...options.clientOptions, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const finish = (): DoctorReport => {
    const list = [...quirks];
    return {
      endpoint: { baseURL: describeEndpoint(endpoint.baseURL), model: endpoint.model },
      checks,
      quirks: list,
      measurements,
      verdict: verdictOf(checks),
      recommendations: recommendationsFor(list, measurements.contextLength),
    };
  };

  // 1. Reachable, and the model listed (the local model: loaded).
  let listed: Listed = { ok: true, entries: [] };
  if (options.local && 'problem' in options.local) {
    add({ id: 'reachable', title: 'Model loaded', status: 'fail', summary: options.local.problem });
    return finish();
  }
  const local = options.local;
  if (local) add({ id: 'reachable', title: 'Model loaded', status: 'pass', summary: local.loaded });
  else {
    listed = await listModels(endpoint, options);
    if (!listed.ok) {
      add({ id: 'reachable', title: 'Server reachable', status: 'fail', summary: listed.message });
      return finish();
    }
    add({ id: 'reachable', title: 'Server reachable', status: 'pass', summary: `${describeEndpoint(endpoint.baseURL)} answered` });
    const ids = listed.entries.map((e) => e.id);
    if (ids.length === 0) add({ id: 'model-listed', title: 'Model listed', status: 'info', summary: 'the server keeps no model list; the probes below show whether the model answers' });
    else if (ids.includes(endpoint.model)) add({ id: 'model-listed', title: 'Model listed', status: 'pass', summary: `"${endpoint.model}" is listed` });
    else {
      const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '');
      add({ id: 'model-listed', title: 'Model listed', status: 'warn', summary: `"${endpoint.model}" is not listed (listed: ${shown}); some servers answer any name` });
    }
  }
  const entries = listed.ok ? listed.entries : [];
  const newClient = () => local?.client ?? createChatClient(endpoint, clientOptions);

  // 2. Streaming, speed and reasoning, from one plain question.
  const client = newClient();
  const stream = await probeStreaming(client, options.signal);
  const reasoning: ReasoningSeen[] = [];
  if (!stream.ok) {
    add({ id: 'streaming', title: 'Streaming', status: 'fail', summary: stream.message });
    return finish();
  }
  const s = stream.value;
  reasoning.push(s.reasoning);
  if (s.text === '' && !s.reasoning.tags && !s.reasoning.field) {
    quirks.add('empty-reply');
    add({ id: 'streaming', title: 'Streaming', status: 'fail', summary: 'the model sent an empty reply' });
  } else if (s.text === '') {
    add({ id: 'streaming', title: 'Streaming', status: 'warn', summary: 'the reply was all reasoning and no answer (a block left open, or the token cap hit mid-thought)' });
  } else if (s.contentDeltas > 1) {
    add({ id: 'streaming', title: 'Streaming', status: 'pass', summary: `the reply streamed in ${s.contentDeltas} pieces` });
  } else {
    add({ id: 'streaming', title: 'Streaming', status: 'warn', summary: 'the reply came in one piece: words appear all at once' });
  }
  measurements.tokensPerSecond = Math.round((s.completionTokens / (s.generationMs / 1000)) * 10) / 10;
  measurements.tokensEstimated = s.tokensEstimated;
  if (s.firstByteMs !== undefined) measurements.timeToFirstTokenMs = s.firstByteMs;

  // 3. Structured output.
  const json = await probeJsonSchema(newClient(), options.signal);
  if (!json.ok) add({ id: 'json-schema', title: 'Structured output (json_schema)', status: 'fail', summary: json.message });
  else {
    reasoning.push(json.value.reasoning);
    measurements.jsonSchema = json.value.outcome;
    const excerpt = json.value.excerpt ? ` ("${json.value.excerpt}")` : '';
    const rows = {
      honoured: { status: 'pass', summary: 'honoured: the reply was the JSON object asked for' },
      wrapped: { status: 'warn', summary: `loosely honoured: the JSON came inside prose or a fence${excerpt}; persona-talks finds it there` },
      ignored: { status: 'warn', summary: `ignored: free text came back${excerpt}; persona-talks reads text and labels from it` },
      rejected: { status: 'warn', summary: 'rejected: the server refuses response_format (HTTP 400); persona-talks leaves it out and reads free text' },
      'no-answer': { status: 'skip', summary: 'no answer came back to judge it by' },
    } as const;
    const outcome = json.value.outcome;
    const row = rows[outcome];
    if (outcome === 'wrapped' || outcome === 'ignored' || outcome === 'rejected') quirks.add(`json-schema-${outcome}`);
    add({ id: 'json-schema', title: 'Structured output (json_schema)', ...row });
  }

  // 4. One real turn of each persona.
  const seeker = await probePersona(newClient(), 'seeker', options.signal);
  add(personaCheck(seeker, quirks));
  const supporter = await probePersona(newClient(), 'supporter', options.signal);
  add(personaCheck(supporter, quirks));

  // 5. Reasoning, across every probe.
  const tags = reasoning.some((r) => r.tags) || seeker.thinking || supporter.thinking;
  const field = reasoning.some((r) => r.field);
  const inContent = reasoning.some((r) => r.tags);
  if (inContent) quirks.add('reasoning-in-content');
  if (field) quirks.add('reasoning-field');
  if (inContent) {
    const orphan = reasoning.some((r) => r.orphanClose) ? ' (closed with no opener: the chat template opens it)' : '';
    add({ id: 'reasoning', title: 'Reasoning blocks', status: 'warn', summary: `reasoning inside the reply${orphan}: split off, never shown or saved as dialogue; turns wait for it` });
  } else if (field) {
    add({ id: 'reasoning', title: 'Reasoning blocks', status: 'info', summary: 'reasoning sent in a separate field: kept out of the dialogue; "thinking…" shows while it runs' });
  } else {
    add({ id: 'reasoning', title: 'Reasoning blocks', status: tags ? 'info' : 'pass', summary: tags ? 'the model reasoned before some replies' : 'none seen' });
  }

  // 6. Speed.
  const tps = measurements.tokensPerSecond;
  const ttft = measurements.timeToFirstTokenMs;
  const speed = `${tps} tokens/s${measurements.tokensEstimated ? ' (estimated: the server sent no usage)' : ''}` + (ttft !== undefined ? `, first token after ${(ttft / 1000).toFixed(2)} s` : '');
  if (tps < SLOW_TOKENS_PER_SECOND) {
    quirks.add('slow');
    add({ id: 'speed', title: 'Speed', status: 'warn', summary: `${speed}: slow for a live conversation with the judge on` });
  } else add({ id: 'speed', title: 'Speed', status: 'info', summary: speed });

  // 7. Context length, where the server reports it.
  const context: ContextLength | undefined = local
    ? { tokens: local.contextLength, source: 'the context the app gave the model' }
    : (contextFromModelEntry(entries.find((e) => e.id === endpoint.model) ?? entries[0]) ??
      (await probeContextLength(endpoint, { ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.signal ? { signal: options.signal } : {}) })));
  if (!context) add({ id: 'context', title: 'Context length', status: 'skip', summary: 'not reported by this server' });
  else {
    measurements.contextLength = context.tokens;
    measurements.contextSource = context.source;
    const small = context.tokens < MIN_CONTEXT;
    if (small) quirks.add('small-context');
    add({ id: 'context', title: 'Context length', status: small ? 'warn' : 'info', summary: `${context.tokens} tokens (${context.source})${small ? ': too small for a long conversation' : ''}` });
  }
  return finish();
}

function personaCheck(probe: PersonaProbe, quirks: Set<QuirkFound>): DoctorCheck {
  const seeker = probe.speaker === 'seeker';
  const id = seeker ? 'seeker-probe' : 'supporter-probe';
  const title = seeker ? 'Role-play: a distressed seeker' : 'Role-play: a supporter';
  if (probe.error) return { id, title, status: 'fail', summary: probe.error };
  if (probe.refused) {
    quirks.add('refuses-persona');
    const reason = probe.refusals.at(-1)?.reason ?? 'declined';
    return { id, title, status: 'fail', summary: `refused to play the ${probe.speaker}, even after a reminder (its reply ${reason})` };
  }
  if (probe.empty) {
    quirks.add('empty-reply');
    return { id, title, status: 'fail', summary: 'empty replies, even when asked again' };
  }
  const warnings: string[] = [];
  if (probe.refusals.length > 0) {
    quirks.add('refused-once');
    warnings.push(`refused once (its reply ${probe.refusals[0]!.reason}), then played along after the reminder`);
  }
  for (const note of probe.notes) {
    if (/went on to write/.test(note)) quirks.add('role-break');
    else if (/seems to be in/.test(note)) quirks.add('other-language');
    else if (/not the JSON asked for/.test(note)) quirks.add('not-json');
    else if (/no strategy label|unknown strategy label/.test(note)) quirks.add('unlabelled-strategy');
    warnings.push(note);
  }
  const said = `"${(probe.text ?? '').replace(/\s+/g, ' ').slice(0, 70)}${(probe.text ?? '').length > 70 ? '…' : ''}"`;
  if (warnings.length > 0) return { id, title, status: 'warn', summary: `${warnings.join('; ')} — said ${said}` };
  return { id, title, status: 'pass', summary: `stayed in character: ${said}` };
}

type Listed = { ok: true; entries: { id: string; [key: string]: unknown }[] } | { ok: false; message: string };

/** GET /models with the entries as sent (vLLM adds max_model_len to them). */
async function listModels(endpoint: Endpoint, options: DoctorOptions): Promise<Listed> {
  const { sdk, where, secrets } = createSdk(endpoint, { timeoutMs: 10_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  try {
    const page = await sdk.models.list({ signal: options.signal });
    return { ok: true, entries: page.data as unknown as { id: string }[] };
  } catch (error) {
    const failure = error instanceof LlmError ? error : translateError(error, { where, model: endpoint.model, secrets, partialText: '' });
    if (failure.kind === 'bad-request' && (failure.status === 404 || failure.status === 405)) return { ok: true, entries: [] };
    return { ok: false, message: failure.message };
  }
}
