import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingOf } from '../../src/app/measurement.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { collect, SEEKER, SUPPORTER, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { openTestApp } from '../support/open-app.js';

// Every judge-side call takes longer than an agent turn: what the judge started for the last
// turn is still running when the conversation ends.
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler({ judgeCallMs: 2_500 }) });
});
afterAll(async () => {
  await server.close();
});

async function finished(finalWaitMs: number | undefined) {
  const started = await openTestApp(server.url, tempDir()).startConversation({
    seeker: SEEKER,
    supporter: SUPPORTER,
    condition: 'aware',
    engine: 'agents',
    mode: 'watch',
    turnCap: 4,
    seed: 3,
    ...(finalWaitMs !== undefined ? { finalWaitMs } : {}),
  });
  if (!started.ok) throw new Error(started.message);
  const events = await collect(started.conversation);
  const path = events.flatMap((e) => (e.type === 'session-started' && e.path ? [e.path] : []))[0]!;
  return readSession(path);
}

describe('how long a finished conversation waits for the judge', () => {
  it('a longer final wait gets the last readings that the default leaves pending', async () => {
    // The default waits about one agent turn (at least 2 s); each judge call here takes 2.5 s: the last ones are cut off.
    const short = await finished(undefined);
    const left = pendingOf(short);
    expect(left.labels.length + left.readings.length).toBeGreaterThan(0);
    // Long enough for those calls: nothing is left for `measure`.
    const long = await finished(30_000);
    expect(pendingOf(long)).toMatchObject({ labels: [], readings: [] });
    expect(long.records.some((r) => r.type === 'meter')).toBe(true);
  }, 60_000);
});
