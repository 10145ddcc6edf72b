import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConversation } from '../../src/core/engine/conversation.js';
import type { EngineEvent } from '../../src/core/engine/events.js';
import type { Conversation, ConversationOptions } from '../../src/core/engine/types.js';
import { createChatClient, type ChatClientOptions } from '../../src/core/llm/client.js';
import type { Persona } from '../../src/core/personas/schema.js';
import { STRATEGIES } from '../../src/core/strategies.js';
import type { RecordedRequest, Reply } from './fake-openai-server.js';

/** Personas written for tests, with distinctive words to look for in requests. */
export const SEEKER: Persona = {
  id: 'test-seeker',
  role: 'seeker',
  name: 'Marguerite Quill',
  age_band: '25-34',
  gender: 'woman',
  occupation: 'night-shift baker',
  description: 'A baker who works nights and worries about everything.',
  hexaco: { H: 3.5, E: 4.6, X: 1.6, A: 3.2, C: 3, O: 2.5 },
  csi: { expressiveness: 2, preciseness: 3, verbal_aggressiveness: 1.5, questioningness: 2.5, emotionality: 4.5, impression_manipulativeness: 1.5 },
  emotion_type: 'anxiety',
  problem_type: 'sleep problems',
  situation: 'Since switching to the zeppelin-bakery night shift she sleeps four hours a day.',
  initial_intensity: 4,
};

export const SUPPORTER: Persona = {
  id: 'test-supporter',
  role: 'supporter',
  name: 'Bartholomew Finch',
  description: 'A retired lighthouse keeper who listens patiently.',
  hexaco: { H: 4, E: 2.5, X: 2, A: 4.5, C: 4, O: 3.5 },
  csi: { expressiveness: 2.5, preciseness: 4, verbal_aggressiveness: 1, questioningness: 3.5, emotionality: 2.5, impression_manipulativeness: 1 },
};

export function isSupporterRequest(r: RecordedRequest): boolean {
  return r.body.response_format?.json_schema?.name === 'supporter_turn';
}

export function isSeekerRequest(r: RecordedRequest): boolean {
  return r.body.response_format?.json_schema?.name === 'seeker_turn';
}

/** A handler that answers each agent in its own JSON, cycling through the strategies. */
export function agentsHandler(options: { closeAt?: number } = {}) {
  return (r: RecordedRequest): Reply => {
    const turns = (r.body.messages ?? []).filter((m) => m.role !== 'system').length;
    if (isSupporterRequest(r)) {
      const strategy = STRATEGIES[turns % STRATEGIES.length];
      return { kind: 'text', content: JSON.stringify({ strategy, response: `Supporter reply ${turns} using ${strategy}.` }), usage: { prompt_tokens: 50, completion_tokens: 12 } };
    }
    const end = options.closeAt !== undefined && turns >= options.closeAt;
    return { kind: 'text', content: JSON.stringify({ message: end ? 'Thank you, goodbye.' : `Seeker message ${turns}.`, end_conversation: end }), usage: { prompt_tokens: 40, completion_tokens: 8 } };
  };
}

export function tempDir(prefix = 'pt-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeConversation(url: string, overrides: Partial<ConversationOptions> = {}, clientOptions: ChatClientOptions = {}): Conversation {
  const client = (model: string) => createChatClient({ baseURL: url, model, apiKey: 'sk-test-SECRET-1234567890' }, { retryBaseMs: 10, ...clientOptions });
  return startConversation({
    seeker: SEEKER,
    supporter: SUPPORTER,
    condition: 'aware',
    engine: 'agents',
    mode: 'watch',
    turnCap: 6,
    seed: 7,
    clients: { seeker: client('seeker-model'), supporter: client('supporter-model') },
    sessionsDir: null,
    ...overrides,
  });
}

/** Drains a conversation's events; `onEvent` may call controls. */
export async function collect(conv: Conversation, onEvent?: (e: EngineEvent, all: EngineEvent[]) => void): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const e of conv.events()) {
    events.push(e);
    onEvent?.(e, events);
  }
  return events;
}

export function finishedTurns(events: EngineEvent[]) {
  return events.flatMap((e) => (e.type === 'turn-finished' ? [e.turn] : []));
}
