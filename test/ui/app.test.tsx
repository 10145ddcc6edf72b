import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { createAppDeps } from '../../src/ui/realDeps.js';
import type { AppDeps } from '../../src/ui/appDeps.js';
import { agentsHandler, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { press, renderSized, waitForFrame } from './helpers.js';

async function waitForValue<T>(check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

let server: FakeServer;
let root: string;

beforeEach(async () => {
  server = await startFakeOpenAI({ handler: agentsHandler(), chunkSize: 5 });
  root = tempDir('pt-app-');
});

afterEach(async () => {
  cleanup();
  await server.close();
});

function deps(baseURL: string, turnCap = 4): AppDeps {
  const made = createAppDeps({
    env: { PERSONA_TALKS_BASE_URL: baseURL, PERSONA_TALKS_MODEL: 'fake-model' },
    configDir: `${root}/config`,
    userPersonasDir: `${root}/personas`,
    sessionsDir: `${root}/sessions`,
    clientOptions: { retryBaseMs: 5, maxRetries: 0 },
    deltaFlushMs: 5,
  });
  if (!made.ok) throw new Error(made.message);
  made.deps.app.settings.update({ turnCap });
  return made.deps;
}

describe('App (real engine, loopback server)', () => {
  it('shows the simulator notice once, then picks two personas and watches a labelled conversation to its summary', async () => {
    const d = deps(server.url);
    const r = renderSized(<App deps={d} />, 100, 40);
    await waitForFrame(r, 'not therapy');
    await press(r, 'enter');
    expect(d.app.settings.get().seenSafetyNotice).toBe(true);
    await waitForFrame(r, 'pick a seeker and a supporter');
    await waitForFrame(r, (f) => !f.includes('Checking'));
    await press(r, 'enter');
    const f = await waitForFrame(r, 'Conversation ended', 15_000);
    expect(f).toMatch(/supporter \[[A-Za-z -]+\]/); // every supporter turn carries a label
    expect(f).toContain('the turn cap was reached');
    expect(f).toContain('4 turns (2 seeker, 2 supporter)');
    // The path may wrap inside the summary box: check the box names the sessions folder, read the file from it.
    expect(f.replace(/[\s│]+/g, '')).toContain(`Savedto${root}/sessions/`.replace(/\s+/g, ''));
    const files = readdirSync(`${root}/sessions`).filter((n) => n.endsWith('.jsonl'));
    expect(files).toHaveLength(1);
    const log = readFileSync(`${root}/sessions/${files[0]}`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(log.filter((rec) => rec.type === 'turn')).toHaveLength(4);
    await press(r, 'enter');
    await waitForFrame(r, 'pick a seeker and a supporter');

    // A second app on the same settings does not show the notice again.
    cleanup();
    const again = renderSized(<App deps={deps(server.url)} />, 100, 40);
    const home = await waitForFrame(again, 'pick a seeker and a supporter');
    expect(home).not.toContain('not therapy');
  });

  it('explains how to connect a server when none answers, and still lets the user browse personas', async () => {
    const d = deps('http://127.0.0.1:9/v1');
    d.app.settings.update({ seenSafetyNotice: true });
    const r = renderSized(<App deps={d} />, 80, 24);
    await waitForFrame(r, 'No model server reachable', 10_000);
    await press(r, 'p');
    await waitForFrame(r, 'pick a seeker and a supporter');
  });

  it('a server check that fails while the notice is up leaves the keys with the notice: Enter dismisses it onto the no-server screen', async () => {
    const d = deps('http://127.0.0.1:9/v1');
    let checked = false;
    const check = d.app.checkServer.bind(d.app);
    d.app.checkServer = async () => {
      const result = await check();
      checked = true;
      return result;
    };
    const r = renderSized(<App deps={d} />, 100, 30);
    await waitForFrame(r, 'not therapy');
    await waitForValue(() => (checked ? true : undefined), 10_000);
    // Time for the app to act on the failed check: it moves its route to the no-server screen, behind the notice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await press(r, 'enter');
    const screen = await waitForFrame(r, 'No model server reachable');
    expect(screen).toContain('Run a model inside the app');
    expect(d.app.settings.get().seenSafetyNotice).toBe(true);
  });

  it('Ctrl+C stops the running conversation and exits the app', async () => {
    // A slow server keeps the first turn streaming while we press Ctrl+C.
    server.respond(() => ({ kind: 'text', content: JSON.stringify({ message: 'one two three four five six', end_conversation: false }), chunkSize: 2, delayMs: 30 }));
    const d = deps(server.url, 10);
    d.app.settings.update({ seenSafetyNotice: true });
    const r = renderSized(<App deps={d} />, 100, 40);
    await waitForFrame(r, (f) => f.includes('pick a seeker') && !f.includes('Checking'));
    await press(r, 'enter');
    await waitForFrame(r, '● running');
    await press(r, 'ctrlC');
    // The conversation was stopped (its log ends with reason "stopped"), not left running behind an unmounted app.
    const ended = await waitForValue(() => {
      const files = readdirSync(`${root}/sessions`).filter((n) => n.endsWith('.jsonl'));
      const lines = files.length ? readFileSync(`${root}/sessions/${files[0]}`, 'utf8').trim().split('\n') : [];
      const last = lines.length ? (JSON.parse(lines.at(-1)!) as { type: string; reason?: string }) : undefined;
      return last?.type === 'ended' ? last : undefined;
    });
    expect(ended.reason).toBe('stopped');
    // And the app unmounted: Ink has let go of stdin.
    expect(r.stdin.listenerCount('readable') + r.stdin.listenerCount('data')).toBe(0);
  });
});
