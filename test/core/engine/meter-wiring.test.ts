import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatClient } from '../../../src/core/llm/client.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { judgeAnswer } from '../traits/judge-fixtures.js';
import { agentsHandler, collect, finishedTurns, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

const schemaName = (r: RecordedRequest) => r.body.response_format?.json_schema?.name;
const judgeClient = () => createChatClient({ baseURL: server.url, model: 'judge-model' }, { retryBaseMs: 10 });

/** Agents answer at once; the judge (trait estimates) answers only after `judgeDelayMs`. */
function handler(judgeDelayMs: number) {
  const agents = agentsHandler();
  return (r: RecordedRequest): Reply => {
    const name = schemaName(r);
    if (name === 'trait_estimate') return { kind: 'delay', ms: judgeDelayMs, then: { kind: 'text', content: judgeAnswer({ score: 4, confidence: 0.7 }) } };
    if (name === 'perceived_strategy') return { kind: 'text', content: JSON.stringify({ strategy: 'Reflection of Feelings' }) };
    return agents(r);
  };
}

describe('the live meter inside a conversation', () => {
  it('the next turn is requested before a slow judge has answered', async () => {
    server.requests.length = 0;
    server.respond(handler(400));
    const dir = tempDir();
    const { startConversation } = await import('../../../src/core/engine/conversation.js');
    const { SEEKER, SUPPORTER } = await import('../../support/engine-fixtures.js');
    const agent = (model: string) => createChatClient({ baseURL: server.url, model }, { retryBaseMs: 10 });
    const live = startConversation({
      seeker: SEEKER,
      supporter: SUPPORTER,
      condition: 'aware',
      engine: 'agents',
      mode: 'watch',
      turnCap: 4,
      clients: { seeker: agent('s'), supporter: agent('p'), judge: judgeClient() },
      sessionsDir: dir,
      judgeCadence: 1,
    });
    const events = await collect(live);
    const chat = server.chatRequests();
    const firstJudge = chat.findIndex((r) => schemaName(r) === 'trait_estimate');
    const agentsAfterJudge = chat.slice(firstJudge + 1).filter((r) => schemaName(r) === 'seeker_turn' || schemaName(r) === 'supporter_turn');
    // the judge for turn 1 was asked first, yet all later agent turns went out while it was still thinking
    expect(firstJudge).toBeGreaterThanOrEqual(0);
    expect(agentsAfterJudge.length).toBe(3);
    const turnsDoneAt = events.findIndex((e) => e.type === 'turn-finished' && e.turn.index === 3);
    const firstMeter = events.findIndex((e) => e.type === 'meter');
    expect(turnsDoneAt).toBeLessThan(firstMeter);
    // the final estimates still arrive and are recorded
    const meters = events.filter((e) => e.type === 'meter');
    expect(meters.map((m) => (m.type === 'meter' ? m.speaker : '')).sort()).toContain('supporter');
    for (const m of meters) if (m.type === 'meter') expect(m.hexaco.E).toEqual({ score: 4, confidence: 0.7 });
    expect(events.some((e) => e.type === 'notice' && /dropped/.test(e.message))).toBe(false);
    const saved = readSession(live.sessionPath!);
    expect(Object.keys(saved.header.prompts ?? {}).sort()).toEqual(['classifier', 'judge', 'reminder', 'seeker', 'supporter']);
    expect(saved.records.some((r) => r.type === 'meter')).toBe(true);
    expect(saved.records.filter((r) => r.type === 'perceived').length).toBe(2);
    // final estimates may arrive after 'ended' (the UI has already shown the summary)
    expect(events.filter((e) => e.type === 'ended').length).toBe(1);
  });

  it('the meter\'s warnings are recorded in the session log with the conversation\'s own', async () => {
    server.requests.length = 0;
    const agents = agentsHandler();
    server.respond((r) => (schemaName(r) === 'trait_estimate' ? { kind: 'text', content: 'no scores today' } : agents(r)));
    const { startConversation } = await import('../../../src/core/engine/conversation.js');
    const { SEEKER, SUPPORTER } = await import('../../support/engine-fixtures.js');
    const agent = (model: string) => createChatClient({ baseURL: server.url, model }, { retryBaseMs: 10 });
    const conv = startConversation({
      seeker: SEEKER,
      supporter: SUPPORTER,
      condition: 'aware',
      engine: 'agents',
      mode: 'watch',
      turnCap: 2,
      clients: { seeker: agent('s'), supporter: agent('p'), judge: judgeClient() },
      sessionsDir: tempDir(),
      judgeCadence: 1,
      perceive: false,
    });
    const events = await collect(conv);
    const shown = events.flatMap((e) => (e.type === 'notice' && e.level === 'warn' && /trait judge/.test(e.message) ? [e.message] : []));
    expect(shown.length).toBeGreaterThan(0);
    const kept = readSession(conv.sessionPath!).records.flatMap((r) => (r.type === 'notice' ? [r.message] : []));
    expect(kept).toEqual(expect.arrayContaining(shown));
  });

  it('a human supporter who skips picking gets the perceived strategy', async () => {
    server.requests.length = 0;
    server.respond(handler(0));
    const { startConversation } = await import('../../../src/core/engine/conversation.js');
    const { SEEKER, SUPPORTER } = await import('../../support/engine-fixtures.js');
    const agent = (model: string) => createChatClient({ baseURL: server.url, model }, { retryBaseMs: 10 });
    const conv = startConversation({
      seeker: SEEKER,
      supporter: SUPPORTER,
      condition: 'aware',
      engine: 'agents',
      mode: 'join-supporter',
      turnCap: 2,
      clients: { seeker: agent('s'), supporter: agent('p'), judge: judgeClient() },
      sessionsDir: null,
      judgeCadence: 0,
    });
    const events = await collect(conv, (e) => {
      if (e.type === 'awaiting-human') conv.submitHuman('That sounds really hard to carry alone.');
    });
    expect(finishedTurns(events)[1]).toMatchObject({ by: 'human', strategy: 'Reflection of Feelings', labelSource: 'perceived' });
    const classify = server.chatRequests().filter((r) => schemaName(r) === 'perceived_strategy');
    expect(classify.length).toBeGreaterThanOrEqual(1);
    expect(server.chatRequests().some((r) => schemaName(r) === 'trait_estimate')).toBe(false); // cadence 0: judge off
  });
});
