import { cleanup } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSession } from '../../../../src/core/sessions/reader.js';
import { App } from '../../../../src/ui/app.js';
import { createAppDeps } from '../../../../src/ui/realDeps.js';
import { agentsHandler } from '../../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../../support/fake-openai-server.js';
import { tempDir, writeSession } from '../../../core/sessions/fixtures.js';
import { press, renderSized, waitForFrame } from '../../helpers.js';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeOpenAI({ handler: agentsHandler(), chunkSize: 5 });
});
afterEach(async () => {
  cleanup();
  await server.close();
});

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks now.'],
] as const;

describe('App: the session browser', () => {
  it('b opens the browser from home; a replay plays offline and returns there; resume continues an unfinished session to its cap', async () => {
    const root = tempDir('pt-app-sessions-');
    const sessions = `${root}/sessions`;
    const models = { seeker: { baseURL: server.url, model: 'fake-model' }, supporter: { baseURL: server.url, model: 'fake-model' } };
    writeSession(sessions, { header: { id: 'sess-done', createdAt: '2025-03-02T10:00:00.000Z' }, turns: TALK });
    const cut = writeSession(sessions, { header: { id: 'sess-cut', createdAt: '2025-03-01T10:00:00.000Z', turnCap: 6, models }, turns: TALK, ended: false });
    const made = createAppDeps({
      env: {},
      configDir: `${root}/config`,
      userPersonasDir: `${root}/personas`,
      sessionsDir: sessions,
      clientOptions: { retryBaseMs: 5, maxRetries: 0 },
      deltaFlushMs: 5,
    });
    if (!made.ok) throw new Error(made.message);
    made.deps.app.settings.update({ seenSafetyNotice: true, baseURL: server.url });
    const r = renderSized(<App deps={made.deps} />, 100, 40);
    await waitForFrame(r, 'b sessions');
    await press(r, 'b');
    await waitForFrame(r, 'Sessions — 2 of 2');

    await press(r, 'enter');
    await waitForFrame(r, 'r replay');
    await press(r, 'r');
    await press(r, '0');
    let f = await waitForFrame(r, 'Conversation ended');
    expect(f).toContain('REPLAY instant');
    expect(f).toContain('How long have you known?');
    await press(r, 'enter');
    await waitForFrame(r, 'Sessions — 2 of 2');

    await press(r, 'down');
    await press(r, 'enter');
    await waitForFrame(r, 'unfinished — u resumes it');
    await press(r, 'u');
    f = await waitForFrame(r, 'Conversation ended', 15_000);
    expect(f).toContain('6 turns (3 seeker, 3 supporter)');
    expect(f).not.toContain('REPLAY');
    const saved = readSession(cut);
    expect(saved.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(saved.turns.slice(0, 3).map((t) => t.text)).toEqual(TALK.map(([, text]) => text));
    expect(saved.turns[3]!.text).toMatch(/^Supporter reply \d+ using /);
    expect(saved.records.filter((rec) => rec.type === 'resumed')).toHaveLength(1);
    expect(saved.ended).toMatchObject({ reason: 'turn-cap', turns: 6 });
    await press(r, 'enter');
    f = await waitForFrame(r, 'Sessions — 2 of 2');
    // Back on the resumed session, now finished with all six turns.
    expect(f).toMatch(/› +03-01 10:00 ■ +6 /);
  });
});
