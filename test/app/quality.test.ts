import { afterEach, describe, expect, it } from 'vitest';
import { rateAndRecordQuality } from '../../src/app/quality.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { lockSession, SessionLockedError } from '../../src/core/sessions/session-lock.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { qualityAnswer, qualityHandler, savedConversation } from '../core/quality/quality-fixtures.js';
import { judgeClient } from '../core/traits/judge-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('rateAndRecordQuality', () => {
  it('appends the rating to the session log, after its end', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    server.respond(qualityHandler([qualityAnswer({ empathy: 2 })]));
    const outcome = await rateAndRecordQuality(judgeClient(server.url), readSession(path));
    expect(outcome.ok).toBe(true);
    const after = readSession(path);
    expect(after.records.map((r) => r.type).slice(-2)).toEqual(['ended', 'quality']);
    expect(after.records.at(-1)).toMatchObject({ type: 'quality', empathy: 2, relevance: 5, initialIntensity: 4, finalIntensity: 2, prompt: 'quality@1', model: { model: 'judge-model' } });
  });

  it('records a dropped rating as a warning, never as numbers', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    server.respond(qualityHandler(['Pretty good overall.']));
    const outcome = await rateAndRecordQuality(judgeClient(server.url), readSession(path));
    expect(outcome.ok).toBe(false);
    const after = readSession(path);
    expect(after.records.some((r) => r.type === 'quality')).toBe(false);
    expect(after.records.at(-1)).toMatchObject({ type: 'notice', level: 'warn', message: 'quality rating dropped — the reply was not JSON ("Pretty good overall.") (asked 2×)' });
  });

  it('refuses a log another process is writing before the judge is asked, and writes nothing', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    const before = readSession(path).records.length;
    server.requests.length = 0;
    server.respond(qualityHandler([qualityAnswer()]));
    const release = lockSession(path);
    try {
      await expect(rateAndRecordQuality(judgeClient(server.url), readSession(path))).rejects.toBeInstanceOf(SessionLockedError);
    } finally {
      release();
    }
    expect(server.chatRequests()).toEqual([]);
    expect(readSession(path).records.length).toBe(before);
  });

  it('writes nothing when the server fails', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    const before = readSession(path).records.length;
    server.respond(() => ({ kind: 'status', status: 400 }));
    await expect(rateAndRecordQuality(judgeClient(server.url), readSession(path))).rejects.toThrow();
    expect(readSession(path).records).toHaveLength(before);
  });
});
