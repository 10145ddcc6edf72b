import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { batchRequestLine, readBatchResult, type BatchRequestLine } from '../core/experiments/batch.js';
import { conditionOf } from '../core/experiments/design.js';
import { conversationState, sessionPathFor, sessionsPath } from '../core/experiments/folder.js';
import { startConversation } from '../core/engine/conversation.js';
import { scriptRequest } from '../core/engine/script.js';
import { buildBody } from '../core/llm/client.js';
import type { ChatClient, Endpoint, Usage } from '../core/llm/types.js';
import { appVersion } from '../core/package-info.js';
import type { ExperimentSetup } from './experiment-setup.js';

/**
 * The script engine at scale: its requests written for a batch API (the OpenAI
 * Batch API, vLLM's run_batch), and the answers turned back into sessions by
 * the script engine itself, so a batch-made session is the same as a live one.
 */

/** The request lines for every script-engine conversation of the experiment that has no session yet. */
export function* batchRequests(setup: ExperimentSetup): Generator<BatchRequestLine> {
  for (const c of setup.conversations) {
    if (c.engine !== 'script' || existsSync(sessionPathFor(setup.dir, c.id))) continue;
    const request = scriptRequest({
      seeker: setup.personas.get(c.seeker)!,
      supporter: setup.personas.get(c.supporter)!,
      condition: conditionOf(c.arm),
      turnCap: setup.plan.turnCap,
      seekerTraits: c.arm.seekerTraits,
      temperature: setup.plan.temperature,
      seed: c.seed,
    });
    const model = setup.models.get(c.model)!.supporter.model;
    yield batchRequestLine(c.id, buildBody(model, request) as unknown as Record<string, unknown>);
  }
}

export type ImportLineResult =
  | { line: number; id: string; imported: true; turns: number; ended: string }
  | { line: number; id?: string; imported: false; problem: string };

/**
 * Reads a results file line by line; each good answer becomes the session of its
 * conversation, written by the script engine from the answer's text (the same
 * splitting, cleaning, labels and refusal checks as a live call). A line with a
 * problem is reported and the rest go on.
 */
export async function importBatchResults(setup: ExperimentSetup, file: string, onLine: (result: ImportLineResult) => void): Promise<{ imported: number; problems: number }> {
  const byId = new Map(setup.conversations.map((c) => [c.id, c]));
  let imported = 0;
  let problems = 0;
  let n = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    const result = await importLine(setup, byId, text, n);
    if (result.imported) imported++;
    else problems++;
    onLine(result);
  }
  return { imported, problems };
}

async function importLine(setup: ExperimentSetup, byId: Map<string, ExperimentSetup['conversations'][number]>, text: string, line: number): Promise<ImportLineResult> {
  const answer = readBatchResult(text);
  if (!answer.ok) return { line, ...(answer.customId ? { id: answer.customId } : {}), imported: false, problem: answer.problem };
  const planned = byId.get(answer.customId);
  if (!planned) return { line, id: answer.customId, imported: false, problem: 'no conversation of this experiment has this id' };
  if (planned.engine !== 'script') return { line, id: planned.id, imported: false, problem: 'this conversation uses the agents engine, not the script engine' };
  if (conversationState(sessionPathFor(setup.dir, planned.id), { measurement: 'off', quality: false }).state !== 'pending') {
    return { line, id: planned.id, imported: false, problem: 'this conversation already has a session (left as it is)' };
  }
  const roles = setup.models.get(planned.model)!;
  const answered = cannedClient({ ...roles.supporter, model: answer.model ?? roles.supporter.model }, answer.content, answer.usage);
  const conversation = startConversation({
    seeker: setup.personas.get(planned.seeker)!,
    supporter: setup.personas.get(planned.supporter)!,
    condition: conditionOf(planned.arm),
    engine: 'script',
    mode: 'watch',
    turnCap: setup.plan.turnCap,
    seed: planned.seed,
    temperature: setup.plan.temperature,
    seekerTraits: planned.arm.seekerTraits,
    sessionId: planned.id,
    arm: planned.arm,
    experiment: { id: setup.manifest.experimentId, conversation: planned.id, rep: planned.rep, model: planned.model },
    clients: { seeker: answered, supporter: answered },
    sessionsDir: sessionsPath(setup.dir),
    appVersion: appVersion(),
    // The answer is what it is: asking the same text again would not change it.
    turnRetries: 0,
  });
  let failure: string | undefined;
  let ended: { reason: string; turns: number } | undefined;
  for await (const event of conversation.events()) {
    if (event.type === 'error') {
      failure = event.message;
      conversation.stop();
    } else if (event.type === 'ended') ended = event;
  }
  if (failure !== undefined) return { line, id: planned.id, imported: false, problem: `${failure} (its session records the error)` };
  return { line, id: planned.id, imported: true, turns: ended?.turns ?? 0, ended: ended?.reason ?? 'stopped' };
}

/** A client that answers every request with the batch's answer, streamed as one piece. */
function cannedClient(endpoint: Endpoint, text: string, usage: Usage | undefined): ChatClient {
  const { apiKey: _key, ...where } = endpoint;
  return {
    endpoint: where,
    chat(_request, hooks = {}) {
      hooks.onDelta?.(text);
      return Promise.resolve({ text, finishReason: 'stop', latencyMs: 0, ...(usage ? { usage } : {}) });
    },
  };
}
