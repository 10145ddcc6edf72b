import { cellOf, conditionOf, type PlannedConversation } from '../core/experiments/design.js';
import { appendStatus, conversationState, sessionPathFor, sessionsPath, type ConversationState } from '../core/experiments/folder.js';
import { startConversation } from '../core/engine/conversation.js';
import type { Conversation, ConversationOptions } from '../core/engine/types.js';
import type { EndReason, Speaker } from '../core/domain.js';
import { checkServer } from '../core/llm/check-server.js';
import type { ChatClientOptions } from '../core/llm/client.js';
import type { Endpoint } from '../core/llm/types.js';
import { describeEndpoint } from '../core/llm/redact.js';
import { LimiterRegistry } from '../core/llm/limiter.js';
import { appVersion } from '../core/package-info.js';
import { readSession } from '../core/sessions/reader.js';
import { SessionLockedError, SessionRecorder } from '../core/sessions/recorder.js';
import { createClients, type ClientSet } from './clients.js';
import type { ExperimentEvent, ExperimentSummary } from './experiment-events.js';
import { bundledQualityRater, rateAndRecord, type QualityRater } from './experiment-quality.js';
import type { ExperimentSetup } from './experiment-setup.js';
import { measureAndRecord, modelFailureMessage } from './measurement.js';
import { resumable, resumeOptions } from './resume.js';

export type { ExperimentEvent, ExperimentSummary } from './experiment-events.js';
export type { QualityRater } from './experiment-quality.js';

export interface RunExperimentInput {
  setup: ExperimentSetup;
  /** Beats the plan's concurrency. */
  concurrency?: number;
  /** Run the conversations that failed for good again (resuming them from their last turn). */
  retryFailed?: boolean;
  /** Ctrl+C: running conversations are stopped (saved as stopped), nothing new starts. */
  signal?: AbortSignal;
  onEvent: (event: ExperimentEvent) => void;
  clientOptions?: ChatClientOptions;
  /** The endpoints' shared limiters (default: made from the plan's rate limits). */
  limiters?: LimiterRegistry;
  /** The dialogue-quality rater (default: the one built in, when there is one). */
  rater?: QualityRater;
}

export type RunOutcome = { ok: true; summary: ExperimentSummary } | { ok: false; message: string };

interface Work {
  conversation: PlannedConversation;
  cell: string;
  state: ConversationState;
}

/**
 * Runs an experiment's conversations up to `concurrency` at a time: starts the
 * ones not begun, resumes the ones a kill or Ctrl+C interrupted, measures the
 * finished ones whose measurement is missing, and leaves finished ones alone.
 * A conversation that fails for good is recorded with its error and the rest go
 * on. Every conversation is an ordinary session file, written as it happens.
 */
export async function runExperiment(input: RunExperimentInput): Promise<RunOutcome> {
  const { setup, onEvent } = input;
  const { plan, dir } = setup;
  const started = Date.now();
  const rater = input.rater ?? bundledQualityRater;
  const needs = { measurement: plan.measurement, quality: plan.quality && rater !== undefined };
  const concurrency = Math.max(1, Math.min(256, input.concurrency ?? plan.concurrency));

  const work: Work[] = [];
  const cells = new Map<string, { total: number; done: number }>();
  let alreadyFinished = 0;
  let leftFailed = 0;
  const unreadable: string[] = [];
  for (const conversation of setup.conversations) {
    const cell = cellOf(conversation);
    const counts = cells.get(cell) ?? { total: 0, done: 0 };
    cells.set(cell, counts);
    counts.total++;
    const state = conversationState(sessionPathFor(dir, conversation.id), needs);
    if (state.state === 'finished') {
      counts.done++;
      alreadyFinished++;
    } else if (state.state === 'unreadable') {
      leftFailed++;
      unreadable.push(`${sessionPathFor(dir, conversation.id)} is not a readable session (${state.error}); it is left as it is. Move it aside to run that conversation again.`);
    } else if (state.state === 'failed' && !input.retryFailed) leftFailed++;
    else work.push({ conversation, cell, state });
  }

  const preflight = await checkEndpoints(setup, work, plan.measurement !== 'off' || plan.classifier || needs.quality);
  if (preflight) return { ok: false, message: preflight };

  const how = (w: Work) => (w.state.state === 'pending' ? 'start' : w.state.state === 'unmeasured' ? 'measure' : 'resume');
  onEvent({
    type: 'experiment-started',
    experimentId: setup.manifest.experimentId,
    dir,
    total: setup.conversations.length,
    concurrency,
    cells: [...cells].map(([cell, c]) => ({ cell, ...c })),
    already: { finished: alreadyFinished, failed: leftFailed },
    todo: { start: work.filter((w) => how(w) === 'start').length, resume: work.filter((w) => how(w) === 'resume').length, measure: work.filter((w) => how(w) === 'measure').length },
  });
  for (const message of unreadable) onEvent({ type: 'notice', message });
  if (plan.quality && !rater) onEvent({ type: 'notice', message: 'quality: true, but this build has no quality rater yet: conversations are not rated.' });

  const limiters = input.limiters ?? new LimiterRegistry(plan.rateLimits ?? {});
  const clientSets = new Map<string, ClientSet>();
  const clientsFor = (model: string) => {
    let set = clientSets.get(model);
    if (!set) {
      set = createClients(setup.models.get(model)!, input.clientOptions, { limiters });
      clientSets.set(model, set);
    }
    return set;
  };

  const running = new Set<Conversation>();
  const measuring = new AbortController();
  const stopAll = () => {
    for (const conversation of running) conversation.stop();
    measuring.abort();
  };
  if (input.signal?.aborted) stopAll();
  input.signal?.addEventListener('abort', stopAll, { once: true });

  const tally = { finished: 0, failed: 0, stopped: 0, turns: 0, tokens: 0 };
  let next = 0;
  const worker = async () => {
    while (!input.signal?.aborted && next < work.length) {
      const item = work[next++]!;
      const result = await runOne(item, { setup, clients: clientsFor(item.conversation.model), running, onEvent, rater: needs.quality ? rater : undefined, measuring: measuring.signal, tally });
      tally[result]++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, work.length)) }, worker));
  } finally {
    input.signal?.removeEventListener('abort', stopAll);
  }

  const finished = alreadyFinished + tally.finished;
  const failed = leftFailed + tally.failed;
  const remaining = setup.conversations.length - finished - failed;
  onEvent({ type: 'experiment-ended', finished, failed, stopped: tally.stopped, remaining, turns: tally.turns, tokens: tally.tokens, ms: Date.now() - started });
  return { ok: true, summary: { finished, failed, stopped: tally.stopped, remaining, total: setup.conversations.length } };
}

/** One look at every server this run will use, before anything starts: a server that does not answer stops the run here. */
async function checkEndpoints(setup: ExperimentSetup, work: Work[], judgeToo: boolean): Promise<string | undefined> {
  const endpoints = new Map<string, Endpoint>();
  for (const model of new Set(work.map((w) => w.conversation.model))) {
    const roles = setup.models.get(model)!;
    for (const endpoint of judgeToo ? [roles.seeker, roles.supporter, roles.judge] : [roles.seeker, roles.supporter]) {
      endpoints.set(`${endpoint.baseURL}\n${endpoint.apiKey ?? ''}`, endpoint);
    }
  }
  const checks = await Promise.all([...endpoints.values()].map(async (endpoint) => ({ endpoint, check: await checkServer(endpoint, { timeoutMs: 5_000 }) })));
  const failed = checks.find((c) => !c.check.ok);
  if (!failed || failed.check.ok) return undefined;
  return `${failed.check.message} (${describeEndpoint(failed.endpoint.baseURL)}) No conversation was started.`;
}

interface RunContext {
  setup: ExperimentSetup;
  clients: ClientSet;
  running: Set<Conversation>;
  onEvent: (event: ExperimentEvent) => void;
  rater: QualityRater | undefined;
  measuring: AbortSignal;
  tally: { turns: number; tokens: number };
}

type Result = 'finished' | 'failed' | 'stopped';

async function runOne(item: Work, ctx: RunContext): Promise<Result> {
  const { setup, onEvent } = ctx;
  const { conversation: planned, cell } = item;
  const { id } = planned;
  const path = sessionPathFor(setup.dir, id);
  const began = Date.now();
  let tokens = 0;
  const failed = (error: string): Result => {
    appendStatus(setup.dir, { id, event: 'failed', error });
    onEvent({ type: 'conversation-failed', id, cell, error });
    return 'failed';
  };

  let reason: EndReason;
  let turns: number;
  if (item.state.state === 'unmeasured') {
    onEvent({ type: 'conversation-started', id, cell, how: 'measure' });
    reason = item.state.session.ended?.reason ?? 'turn-cap';
    turns = item.state.session.turns.length;
  } else {
    const opened = open(item, ctx);
    if (!opened.ok) return failed(opened.message);
    const { conversation } = opened;
    onEvent({ type: 'conversation-started', id, cell, how: item.state.state === 'pending' ? 'start' : 'resume' });
    appendStatus(setup.dir, { id, event: item.state.state === 'pending' ? 'started' : 'resumed' });
    ctx.running.add(conversation);
    let failure: string | undefined;
    let ended: { reason: EndReason; turns: number } | undefined;
    try {
      for await (const event of conversation.events()) {
        if (event.type === 'usage') {
          const spent = event.usage.promptTokens + event.usage.completionTokens;
          tokens += spent;
          ctx.tally.tokens += spent;
        } else if (event.type === 'turn-finished') {
          ctx.tally.turns++;
          onEvent({ type: 'turn', id, cell, index: event.turn.index, tokens });
        } else if (event.type === 'error') {
          // Nobody is there to press resume: the conversation ends on it, and --retry-failed picks it up.
          failure = event.message;
          conversation.stop();
        } else if (event.type === 'ended') ended = event;
      }
    } catch (error) {
      failure = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      ctx.running.delete(conversation);
    }
    if (failure !== undefined) return failed(failure);
    if (!ended || ended.reason === 'stopped' || ended.reason === 'error') {
      appendStatus(setup.dir, { id, event: 'stopped' });
      onEvent({ type: 'conversation-stopped', id, cell, turns: ended?.turns ?? 0 });
      return 'stopped';
    }
    reason = ended.reason;
    turns = ended.turns;
  }

  // Measured after the conversation, as the plan asks; a measurement that fails leaves it to the next run.
  const measured = await measure(path, planned, ctx);
  if (measured === 'stopped') {
    onEvent({ type: 'conversation-stopped', id, cell, turns });
    return 'stopped';
  }
  if (measured !== undefined) return failed(measured);
  appendStatus(setup.dir, { id, event: item.state.state === 'unmeasured' ? 'measured' : 'finished' });
  onEvent({ type: 'conversation-finished', id, cell, turns, reason, tokens, ms: Date.now() - began });
  return 'finished';
}

/** A new conversation for a planned one, or the app's resume of its session. */
function open(item: Work, ctx: RunContext): { ok: true; conversation: Conversation } | { ok: false; message: string } {
  const { setup, clients } = ctx;
  const { plan } = setup;
  const planned = item.conversation;
  const measuringLive = plan.measurement === 'live';
  const judge = measuringLive || plan.classifier ? { judge: clients.judge } : {};
  const state = item.state;
  if (state.state === 'pending') {
    const options: ConversationOptions = {
      seeker: setup.personas.get(planned.seeker)!,
      supporter: setup.personas.get(planned.supporter)!,
      condition: conditionOf(planned.arm),
      engine: planned.engine,
      mode: 'watch',
      turnCap: plan.turnCap,
      seed: planned.seed,
      temperature: plan.temperature,
      judgeCadence: measuringLive ? 1 : 0,
      perceive: plan.classifier,
      seekerTraits: planned.arm.seekerTraits,
      sessionId: planned.id,
      arm: planned.arm,
      experiment: { id: setup.manifest.experimentId, conversation: planned.id, rep: planned.rep, model: planned.model },
      clients: { seeker: clients.seeker, supporter: clients.supporter, ...judge },
      sessionsDir: sessionsPath(setup.dir),
      appVersion: appVersion(),
      syncOnClose: true,
    };
    return { ok: true, conversation: startConversation(options) };
  }
  if (state.state !== 'interrupted' && state.state !== 'stopped' && state.state !== 'failed') return { ok: false, message: `cannot run a conversation that is ${state.state}` };
  const check = resumable(state.session);
  if (!check.ok) return check;
  let recorder: SessionRecorder;
  try {
    recorder = SessionRecorder.continue(state.session.path, { syncOnlyOnClose: true });
  } catch (error) {
    // Another process is writing this conversation (another run on the same folder): it is refused, not written twice.
    if (error instanceof SessionLockedError) return { ok: false, message: error.message };
    throw error;
  }
  return { ok: true, conversation: startConversation({ ...resumeOptions(state.session, recorder), clients: { seeker: clients.seeker, supporter: clients.supporter, ...judge }, sessionsDir: null }) };
}

/** The post-hoc measurement and the quality rating the plan asks for and the log lacks; a problem, 'stopped', or undefined when done. */
async function measure(path: string, planned: PlannedConversation, ctx: RunContext): Promise<string | 'stopped' | undefined> {
  const { plan } = ctx.setup;
  const state = conversationState(path, { measurement: plan.measurement, quality: ctx.rater !== undefined });
  if (state.state !== 'unmeasured') return undefined;
  try {
    for (const speaker of state.missing.speakers as Speaker[]) {
      if (ctx.measuring.aborted) return 'stopped';
      await measureAndRecord(ctx.clients.judge, readSession(path), speaker, undefined, { signal: ctx.measuring });
    }
    if (state.missing.quality && ctx.rater) {
      if (ctx.measuring.aborted) return 'stopped';
      const problem = await rateAndRecord(ctx.rater, ctx.clients.judge, readSession(path), { signal: ctx.measuring, seed: planned.seed });
      if (problem !== undefined) return `quality rating: ${problem}`;
    }
  } catch (error) {
    if (ctx.measuring.aborted) return 'stopped';
    const failure = modelFailureMessage(error);
    return `measurement: ${failure ?? (error instanceof Error ? error.message : String(error))}`;
  }
  return undefined;
}
