import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Application } from '../../src/app/application.js';
import type { EngineEvent } from '../../src/core/engine/events.js';
import type { Conversation } from '../../src/core/engine/types.js';
import { readSession, type LoadedSession } from '../../src/core/sessions/reader.js';
import { collect, finishedTurns, SEEKER, SUPPORTER, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { openTestApp } from '../support/open-app.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(async () => {
  await server.close();
});

const open = (sessionsDir: string, env: NodeJS.ProcessEnv = {}): Application => openTestApp(server.url, sessionsDir, env);

async function run(conversation: Conversation): Promise<{ events: EngineEvent[]; path: string }> {
  const events = await collect(conversation);
  const started = events.find((e) => e.type === 'session-started');
  if (started?.type !== 'session-started' || !started.path) throw new Error('no session file');
  return { events, path: started.path };
}

async function parentSession(dir: string): Promise<LoadedSession & { path: string }> {
  const started = await open(dir).startConversation({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', engine: 'agents', mode: 'watch', turnCap: 8, seed: 41 });
  if (!started.ok) throw new Error(started.message);
  const { path } = await run(started.conversation);
  return { ...readSession(path), path };
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
const turnLines = (path: string) => lines(path).filter((l) => (JSON.parse(l) as { type: string }).type === 'turn');

describe('forkConversation (real loopback server)', () => {
  it("keeps the parent's window: past it, the fork's agents read a summary, not every earlier turn", async () => {
    const dir = tempDir();
    const opened = await open(dir).startConversation({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', engine: 'agents', mode: 'watch', turnCap: 10, seed: 7, window: 2 });
    if (!opened.ok) throw new Error(opened.message);
    const parent = { ...readSession((await run(opened.conversation)).path) };
    expect(parent.header.window).toBe(2);
    const before = server.chatRequests().length;
    const started = await open(dir).forkConversation(parent, { at: 6, changes: [{ kind: 'condition', value: 'blind' }], library: [SEEKER, SUPPORTER], mode: 'watch' });
    if (!started.ok) throw new Error(started.message);
    const fork = readSession((await run(started.conversation)).path);
    expect(fork.header.window).toBe(2);
    const isAgent = (r: (typeof server.requests)[number]) => ['seeker_turn', 'supporter_turn'].includes(r.body.response_format?.json_schema?.name ?? '');
    const firstNew = server.chatRequests().slice(before).find(isAgent)!;
    // Turn 1 lies outside the window of two: it reaches the agent summarised, never word for word.
    expect(JSON.stringify(firstNew.body.messages)).not.toContain(JSON.stringify(parent.turns[0]!.text).slice(1, -1));
  });

  it("copies turns 1..k byte for byte, records parent, turn and changes, and continues with the parent's seed", async () => {
    const dir = tempDir();
    const parent = await parentSession(dir);
    expect(parent.turns.length).toBe(8);
    const before = server.chatRequests().length;
    const started = await open(dir).forkConversation(parent, {
      at: 4,
      changes: [{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 1.5 }],
      library: [SEEKER, SUPPORTER],
      mode: 'watch',
    });
    if (!started.ok) throw new Error(started.message);
    const { events, path } = await run(started.conversation);
    const fork = readSession(path);

    // The kept turns are the parent's lines, not new ones written from the same data.
    expect(turnLines(path).slice(0, 4)).toEqual(turnLines(parent.path).slice(0, 4));
    expect(fork.turns.slice(0, 4)).toEqual(parent.turns.slice(0, 4));
    expect(fork.turns.length).toBe(8);
    expect(fork.header.fork).toEqual({
      parent: { id: parent.header.id, path: parent.path },
      atTurn: 4,
      changes: [{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: SUPPORTER.hexaco!.A, to: 1.5 }],
    });
    expect(fork.header.seed).toBe(41);
    expect(fork.header.personas.supporter.hexaco?.A).toBe(1.5);
    expect(fork.header.personas.supporter.hexaco?.E).toBe(SUPPORTER.hexaco!.E);
    // Nothing was asked again for the kept turns: the first new agent request is for turn 5 (index 4) and carries its seed.
    const isAgent = (r: (typeof server.requests)[number]) => ['seeker_turn', 'supporter_turn'].includes(r.body.response_format?.json_schema?.name ?? '');
    const firstNew = server.chatRequests().slice(before).find(isAgent)!;
    expect(firstNew.body.seed).toBe(41 + 4);
    // ...and it is the parent's request for turn 5, word for word (the seeker's prompt does not hold the supporter's traits).
    const parentsTurn5 = server.chatRequests().slice(0, before).filter((r) => isAgent(r) && r.body.seed === 41 + 4).at(-1)!;
    expect(firstNew.body.messages).toEqual(parentsTurn5.body.messages);
    // The reader was shown the kept turns as finished turns (they did not stream).
    expect(finishedTurns(events).slice(0, 4).map((t) => t.text)).toEqual(parent.turns.slice(0, 4).map((t) => t.text));
    expect(events.filter((e) => e.type === 'turn-started').map((e) => (e as { index: number }).index)).toEqual([4, 5, 6, 7]);
  });

  it('a condition change is recorded from → to, and the fork runs to its own turn cap', async () => {
    const dir = tempDir();
    const parent = await parentSession(dir);
    const before = server.chatRequests().length;
    const started = await open(dir).forkConversation(parent, { at: 2, changes: [{ kind: 'condition', value: 'blind' }], library: [], mode: 'watch', turnCap: 4 });
    if (!started.ok) throw new Error(started.message);
    const { path } = await run(started.conversation);
    const fork = readSession(path);
    expect(fork.header.condition).toBe('blind');
    expect(fork.header.fork?.changes).toEqual([{ kind: 'condition', from: 'aware', to: 'blind' }]);
    expect(fork.turns.length).toBe(4);
    expect(server.chatRequests().length).toBeGreaterThan(before);
  });

  it('refuses what cannot be made, every problem at once, before asking any server', async () => {
    const dir = tempDir();
    const parent = await parentSession(dir);
    const before = server.requests.length;
    const refused = await open(dir).forkConversation(parent, {
      at: 12,
      changes: [
        { kind: 'persona', role: 'supporter', id: 'nobody-here' },
        { kind: 'trait', role: 'seeker', scale: 'hexaco', key: 'A', value: 9 },
        { kind: 'temperature', value: -1 },
      ],
      library: [SEEKER, SUPPORTER],
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toContain(`Cannot fork ${parent.header.id}`);
    expect(refused.message).toMatch(/12/);
    expect(refused.message).toMatch(/nobody-here/);
    expect(refused.message).toContain('seeker.hexaco.A must be from 1 to 5 (got 9)');
    expect(refused.message).toContain('temperature must be from 0 to 2 (got -1)');
    expect(refused.message.split('\n').filter((l) => l.startsWith('  - ')).length).toBe(4);
    expect(server.requests.length).toBe(before);
  });

  it('a closed port is refused with the server named and no session file left behind', async () => {
    const dir = tempDir();
    const parent = await parentSession(dir);
    const closed = await startFakeOpenAI();
    const url = closed.url;
    await closed.close();
    const started = await open(dir, { PERSONA_TALKS_BASE_URL: url }).forkConversation(parent, { at: 2, changes: [{ kind: 'condition', value: 'blind' }], library: [] });
    expect(started.ok).toBe(false);
    if (started.ok) return;
    expect(started.message).toContain('No fork was started.');
    expect(started.message).toContain(new URL(url).host);
    expect(readSession(parent.path).turns).toEqual(parent.turns);
    expect(readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f))).toEqual([parent.path]);
  });
});
