import { STRATEGIES } from '../../../src/core/strategies.js';
import { collect, isSupporterRequest, makeConversation, tempDir } from '../../support/engine-fixtures.js';
import type { FakeServer, RecordedRequest, Reply } from '../../support/fake-openai-server.js';

/** The quality rater's requests, told apart by the structured output they ask for. */
export function isQualityRequest(r: RecordedRequest): boolean {
  return r.body.response_format?.json_schema?.name === 'dialogue_quality';
}

/** A rater answer; `edit` changes it before it is written. */
export function qualityAnswer(scores: Partial<Record<'empathy' | 'relevance' | 'initial_intensity' | 'final_intensity', unknown>> = {}): string {
  return JSON.stringify({ observations: 'The supporter listened and asked good questions.', empathy: 4, relevance: 5, initial_intensity: 4, final_intensity: 2, ...scores });
}

/** Agents whose words never name their strategy (it is in the label only), so a label leaking into a prompt shows. */
export function plainAgents() {
  return (r: RecordedRequest): Reply => {
    const turns = (r.body.messages ?? []).filter((m) => m.role !== 'system').length;
    if (isSupporterRequest(r)) {
      return { kind: 'text', content: JSON.stringify({ strategy: STRATEGIES[turns % STRATEGIES.length], response: `Supporter reply ${turns}.` }), usage: { prompt_tokens: 50, completion_tokens: 12 } };
    }
    return { kind: 'text', content: JSON.stringify({ message: `Seeker message ${turns}.`, end_conversation: false }), usage: { prompt_tokens: 40, completion_tokens: 8 } };
  };
}

/** Answers the quality rater with `answers` in turn (the last one again when they run out); the agents as plainAgents. */
export function qualityHandler(answers: string[]) {
  const agents = plainAgents();
  let next = 0;
  return (r: RecordedRequest): Reply => {
    if (!isQualityRequest(r)) return agents(r);
    const content = answers[Math.min(next, answers.length - 1)]!;
    next += 1;
    return { kind: 'text', content, usage: { prompt_tokens: 300, completion_tokens: 40 } };
  };
}

/** A real four-turn conversation through the engine, saved by the recorder; returns its path. */
export async function savedConversation(server: FakeServer, dir = tempDir('pt-quality-')): Promise<string> {
  server.respond(plainAgents());
  const conv = makeConversation(server.url, { turnCap: 4, sessionsDir: dir });
  await collect(conv);
  return conv.sessionPath!;
}
