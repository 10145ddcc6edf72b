import { afterEach, describe, expect, it } from 'vitest';
import { finishPendingAndRecord, pendingOf } from '../../src/app/measurement.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { lockSession, SessionLockedError } from '../../src/core/sessions/session-lock.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { tempDir, writeSession } from '../core/sessions/fixtures.js';
import { judgeClient, schemaName } from '../core/traits/judge-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks.'],
  ['supporter', 'That is a lot to carry alone.', 'Reflection of Feelings'],
] as const;

describe('finishing the strategy labels the live meter left pending', () => {
  it('an unknown label is recorded as failed (never "Others"), and the next measure asks for that turn again', async () => {
    server = await startFakeOpenAI();
    const answers = [
      // Both turns in one call: turn 2 is labelled, turn 4's label is none of the eight.
      JSON.stringify({ labels: { '2': { reason: 'r', strategy: 'Question' }, '4': { reason: 'r', strategy: 'Kindness' } } }),
      // The next measure asks for turn 4 alone.
      JSON.stringify({ reason: 'r', strategy: 'Reflection of Feelings' }),
    ];
    server.respond((r) => ({ kind: 'text', content: schemaName(r)?.startsWith('perceived_') ? answers.shift()! : '{}' }));
    const path = writeSession(tempDir(), { header: { perceive: true }, turns: TALK });
    expect(pendingOf(readSession(path)).labels).toEqual([1, 3]);

    const first = await finishPendingAndRecord(judgeClient(server.url), readSession(path), ['supporter']);
    expect(first.perceived).toEqual([
      { index: 1, strategy: 'Question', declared: 'Question', agrees: true, via: 'classifier' },
      { index: 3, declared: 'Reflection of Feelings', agrees: false, failed: true, note: expect.stringContaining('"Kindness" is not one of the eight'), via: 'classifier' },
    ]);
    const afterFirst = readSession(path);
    expect(afterFirst.problems).toEqual([]);
    expect(afterFirst.records.filter((r) => r.type === 'perceived').map((r) => ('strategy' in r ? r.strategy : undefined))).toEqual(['Question', undefined]);
    // A failed label is still owed: measure asks for it again.
    expect(pendingOf(afterFirst).labels).toEqual([3]);

    const second = await finishPendingAndRecord(judgeClient(server.url), afterFirst, ['supporter']);
    expect(second.perceived).toEqual([{ index: 3, strategy: 'Reflection of Feelings', declared: 'Reflection of Feelings', agrees: true, via: 'classifier' }]);
    expect(server.chatRequests().map(schemaName)).toEqual(['perceived_strategies', 'perceived_strategy']);
    expect(pendingOf(readSession(path)).labels).toEqual([]);
  });

  it('refuses a log another process is writing before the classifier is asked anything', async () => {
    server = await startFakeOpenAI();
    const path = writeSession(tempDir(), { header: { perceive: true }, turns: TALK });
    const release = lockSession(path);
    try {
      await expect(finishPendingAndRecord(judgeClient(server.url), readSession(path), ['supporter'])).rejects.toBeInstanceOf(SessionLockedError);
    } finally {
      release();
    }
    expect(server.chatRequests()).toEqual([]);
    expect(pendingOf(readSession(path)).labels).toEqual([1, 3]);
  });
});
