import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Application } from '../../src/app/application.js';
import type { Comparison, ComparisonEvent } from '../../src/app/compare.js';
import { loadComparison, replayComparisonOf } from '../../src/app/replay.js';
import type { ComparisonSide } from '../../src/core/domain.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../src/core/strategies.js';
import { collect, SEEKER, SUPPORTER, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../support/fake-openai-server.js';
import { openTestApp } from '../support/open-app.js';

/**
 * Answers from the request alone: the conversation so far and the seed (and the
 * model, when `byModel`), never from the system prompt or from earlier requests.
 * So two sides that send the same request get the same reply.
 */
function deterministic(options: { byModel?: boolean; delayMs?: number } = {}) {
  const reply = answer(options);
  return (r: RecordedRequest): Reply => (options.delayMs ? { kind: 'delay', ms: options.delayMs, then: reply(r) } : reply(r));
}

function answer(options: { byModel?: boolean }) {
  return (r: RecordedRequest): Reply => {
    const name = r.body.response_format?.json_schema?.name;
    const messages = (r.body.messages ?? []).filter((m) => m.role !== 'system');
    const digest = createHash('sha256')
      .update(JSON.stringify([messages, r.body.seed ?? null, options.byModel ? r.body.model : null]))
      .digest('hex')
      .slice(0, 8);
    if (name === 'supporter_turn') {
      const strategy = STRATEGIES[parseInt(digest, 16) % STRATEGIES.length];
      return { kind: 'text', content: JSON.stringify({ strategy, response: `Reply ${digest} with ${messages.length} before it.` }) };
    }
    return { kind: 'text', content: JSON.stringify({ message: `Seeker ${digest}.`, end_conversation: false }) };
  };
}

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: deterministic() });
});
afterAll(async () => {
  await server.close();
});

const open = (sessionsDir: string, env: NodeJS.ProcessEnv = {}): Application => openTestApp(server.url, sessionsDir, env);

async function drain(comparison: Comparison): Promise<ComparisonEvent[]> {
  const events: ComparisonEvent[] = [];
  for await (const e of comparison.events()) events.push(e);
  return events;
}

function sidePaths(events: ComparisonEvent[]): Record<ComparisonSide, string> {
  const paths: Partial<Record<ComparisonSide, string>> = {};
  for (const e of events) if (e.type === 'side' && e.event.type === 'session-started' && e.event.path) paths[e.side] = e.event.path;
  if (!paths.A || !paths.B) throw new Error('a side has no session file');
  return paths as Record<ComparisonSide, string>;
}

const isAgent = (r: RecordedRequest) => ['seeker_turn', 'supporter_turn'].includes(r.body.response_format?.json_schema?.name ?? '');
const turnLines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"type":"turn"'));

const NEW = { from: 'new', seeker: SEEKER, turnCap: 6, seed: 900, judgeCadence: 0, classifier: false } as const;

describe('compareConversations (deterministic loopback server)', () => {
  it('both sides get the same seed per turn index; with nothing in the replies tied to the change, they say the same words', async () => {
    server.respond(deterministic({ delayMs: 15 }));
    const dir = tempDir();
    const before = server.chatRequests().length;
    const started = await open(dir).compareConversations({
      ...NEW,
      A: { supporter: SUPPORTER, condition: 'aware', engine: 'agents', models: { supporter: 'model-a' } },
      B: { supporter: SUPPORTER, condition: 'aware', engine: 'agents', models: { supporter: 'model-b' } },
    });
    if (!started.ok) throw new Error(started.message);
    expect(started.changes).toEqual([{ kind: 'model', role: 'supporter', from: 'model-a', to: 'model-b' }]);
    const events = await drain(started.comparison);
    const paths = sidePaths(events);
    const a = readSession(paths.A);
    const b = readSession(paths.B);
    expect(a.turns.length).toBe(6);
    expect(b.turns.map((t) => [t.speaker, t.text, t.strategy])).toEqual(a.turns.map((t) => [t.speaker, t.text, t.strategy]));
    // The opening is shared: B's first turn is A's record, copied.
    expect(turnLines(paths.B)[0]).toBe(turnLines(paths.A)[0]);
    expect(b.header.fork).toMatchObject({ parent: { id: a.header.id }, atTurn: 1 });
    expect(a.header.comparison).toEqual({ id: expect.any(String), side: 'A' });
    expect(b.header.comparison).toEqual({ id: a.header.comparison!.id, side: 'B' });

    // The server is on loopback, so the two sides took turns with it: no two requests were in flight at once.
    const all = server.chatRequests().slice(before);
    for (let i = 1; i < all.length; i++) expect(all[i]!.receivedAt!).toBeGreaterThanOrEqual(all[i - 1]!.settledAt!);
    const requests = all.filter(isAgent);
    // Turn i is asked with seed + i on both sides: the opening once (B copies it), every later turn twice,
    // and the two requests for a turn are the same request but for the model that was changed.
    expect(requests.map((r) => r.body.seed).sort()).toEqual([900, 901, 901, 902, 902, 903, 903, 904, 904, 905, 905]);
    for (let index = 1; index < 6; index++) {
      const pair = requests.filter((r) => r.body.seed === 900 + index);
      const { model: m0, ...rest0 } = pair[0]!.body;
      const { model: m1, ...rest1 } = pair[1]!.body;
      expect(rest1).toEqual(rest0);
      expect(rest0.response_format?.json_schema?.name).toBe(index % 2 === 1 ? 'supporter_turn' : 'seeker_turn');
      if (index % 2 === 1) expect([m0, m1].sort()).toEqual(['model-a', 'model-b']);
      else expect(m0).toBe(m1);
    }
    const compared = events.find((e) => e.type === 'compared');
    if (compared?.type !== 'compared') throw new Error('no divergence');
    expect(compared.divergence.firstDifferentStrategy).toBeUndefined();
    expect(compared.divergence.firstDifferentText).toBeUndefined();
  });

  it('when the change does reach the replies, the comparison says where they diverged, and replays together', async () => {
    server.respond(deterministic({ byModel: true }));
    const dir = tempDir();
    const started = await open(dir).compareConversations({
      ...NEW,
      A: { supporter: SUPPORTER, condition: 'aware', engine: 'agents', models: { supporter: 'model-a' } },
      B: { supporter: SUPPORTER, condition: 'aware', engine: 'agents', models: { supporter: 'model-b' } },
    });
    if (!started.ok) throw new Error(started.message);
    const events = await drain(started.comparison);
    const paths = sidePaths(events);
    const a = readSession(paths.A);
    const b = readSession(paths.B);
    // Turn 1 is the seeker's shared opening; the first supporter turn (2) is where the models answer differently.
    expect(b.turns[0]).toEqual(a.turns[0]);
    expect(b.turns[1]!.text).not.toBe(a.turns[1]!.text);
    const linked = events.find((e) => e.type === 'linked');
    if (linked?.type !== 'linked' || !linked.path) throw new Error('no link written');
    expect(linked.link.sides.A.id).toBe(a.header.id);
    expect(linked.link.sharedTurns).toBe(1);
    const compared = events.find((e) => e.type === 'compared');
    if (compared?.type !== 'compared') throw new Error('no divergence');
    const firstDifferent = a.turns.find((t, i) => t.strategy !== undefined && t.strategy !== b.turns[i]!.strategy);
    expect(compared.divergence.firstDifferentText).toBe(1);
    expect(compared.divergence.firstDifferentStrategy?.index).toBe(firstDifferent?.index);

    // Replayed from the link: the same turns, side by side, and the same verdict.
    const replay = replayComparisonOf(loadComparison(linked.path), { speed: 'instant' });
    const replayed = await drain(replay);
    const textsOf = (side: ComparisonSide) => replayed.flatMap((e) => (e.type === 'side' && e.side === side && e.event.type === 'turn-finished' ? [e.event.turn.text] : []));
    expect(textsOf('A')).toEqual(a.turns.map((t) => t.text));
    expect(textsOf('B')).toEqual(b.turns.map((t) => t.text));
    const again = replayed.find((e) => e.type === 'compared');
    expect(again?.type === 'compared' && again.divergence).toEqual(compared.divergence);
  });

  it('compares a fork with its parent continuing: both keep turns 1..k byte for byte, B carries the change', async () => {
    server.respond(deterministic());
    const dir = tempDir();
    const app = open(dir);
    const parentRun = await app.startConversation({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', engine: 'agents', mode: 'watch', turnCap: 6, seed: 5, judgeCadence: 0, classifier: false });
    if (!parentRun.ok) throw new Error(parentRun.message);
    const parentEvents = await collect(parentRun.conversation);
    const parentStart = parentEvents.find((e) => e.type === 'session-started');
    if (parentStart?.type !== 'session-started' || !parentStart.path) throw new Error('no parent file');
    const parent = { ...readSession(parentStart.path), path: parentStart.path };

    const started = await app.compareConversations({ from: 'fork', source: parent, at: 3, changes: [{ kind: 'condition', value: 'blind' }], library: [SEEKER, SUPPORTER], turnCap: 6 });
    if (!started.ok) throw new Error(started.message);
    expect(started.changes).toEqual([{ kind: 'condition', from: 'aware', to: 'blind' }]);
    expect(started.comparison.sharedTurns).toBe(3);
    const paths = sidePaths(await drain(started.comparison));
    for (const side of ['A', 'B'] as const) {
      expect(turnLines(paths[side]).slice(0, 3)).toEqual(turnLines(parent.path).slice(0, 3));
      expect(readSession(paths[side]).turns.length).toBe(6);
    }
    expect(readSession(paths.A).header.condition).toBe('aware');
    expect(readSession(paths.B).header.condition).toBe('blind');
    expect(readSession(paths.B).header.fork).toMatchObject({ parent: { id: parent.header.id }, atTurn: 3, changes: [{ kind: 'condition', from: 'aware', to: 'blind' }] });
    // Side A is the parent continuing, so with a deterministic server it says what the parent said.
    expect(readSession(paths.A).turns.map((t) => t.text)).toEqual(parent.turns.map((t) => t.text));
  });

  it('paused, step() plays one turn of each side; stop() ends both and keeps what they said', async () => {
    server.respond(deterministic({ byModel: true }));
    const dir = tempDir();
    const started = await open(dir).compareConversations({
      ...NEW,
      startPaused: true,
      A: { supporter: SUPPORTER, condition: 'aware', engine: 'agents', models: { supporter: 'model-a' } },
      B: { supporter: SUPPORTER, condition: 'aware', engine: 'agents', models: { supporter: 'model-b' } },
    });
    if (!started.ok) throw new Error(started.message);
    const { comparison } = started;
    const events: ComparisonEvent[] = [];
    const done = (async () => {
      for await (const e of comparison.events()) events.push(e);
    })();
    const finished = () => events.flatMap((e) => (e.type === 'side' && e.event.type === 'turn-finished' ? [`${e.side}${e.event.turn.index}`] : []));
    const until = async (n: number) => {
      while (finished().length < n) await new Promise((r) => setTimeout(r, 5));
    };
    comparison.step();
    await until(2); // A's opening, and B's copy of it
    comparison.step();
    await until(4);
    await new Promise((r) => setTimeout(r, 100));
    // Two steps, two turns a side: nothing more was asked for while paused.
    expect([...finished()].sort()).toEqual(['A0', 'A1', 'B0', 'B1']);
    comparison.stop();
    await done;
    const ends = events.flatMap((e) => (e.type === 'side' && e.event.type === 'ended' ? [`${e.side} ${e.event.reason}`] : []));
    expect(ends.sort()).toEqual(['A stopped', 'B stopped']);
    const paths = sidePaths(events);
    expect(readSession(paths.A).turns.length).toBe(2);
    expect(readSession(paths.B).turns.length).toBe(2);
  });

  it('refuses two identical sides and a closed port, writing nothing', async () => {
    const dir = tempDir();
    const same = await open(dir).compareConversations({
      ...NEW,
      A: { supporter: SUPPORTER, condition: 'aware', engine: 'agents' },
      B: { supporter: SUPPORTER, condition: 'aware', engine: 'agents' },
    });
    expect(same).toMatchObject({ ok: false, message: expect.stringMatching(/would be the same/) });
    const closed = await startFakeOpenAI();
    const url = closed.url;
    await closed.close();
    const refused = await open(dir, { PERSONA_TALKS_BASE_URL: url }).compareConversations({
      ...NEW,
      A: { supporter: SUPPORTER, condition: 'aware', engine: 'agents' },
      B: { supporter: SUPPORTER, condition: 'blind', engine: 'agents' },
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.message).toContain('No comparison was started.');
    expect(readdirSync(dir)).toEqual([]);
  });
});
