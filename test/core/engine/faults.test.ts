import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { agentsHandler, collect, finishedTurns, isSupporterRequest, makeConversation, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type Reply } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

const SUPPORTER_JSON = JSON.stringify({ strategy: 'Affirmation and Reassurance', response: 'You are doing better than you think, truly.' });

/** The first supporter request gets `fault`; everything else is answered normally. */
function faultOnFirstSupporterTurn(...faults: Reply[]) {
  server.requests.length = 0;
  const normal = agentsHandler();
  const pending = [...faults];
  server.respond((r) => (isSupporterRequest(r) && pending.length > 0 ? pending.shift()! : normal(r)));
}

function expectCompleteAndLabelled(events: EngineEvent[], turns = 4) {
  const finished = finishedTurns(events);
  expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'turn-cap', turns });
  expect(finished.length).toBe(turns);
  for (const t of finished.filter((t) => t.speaker === 'supporter')) expect(STRATEGIES).toContain(t.strategy);
  return finished;
}

const notices = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));

describe('faults during a conversation', () => {
  it('429 with Retry-After: waits, says so, then completes', async () => {
    faultOnFirstSupporterTurn({ kind: 'status', status: 429, retryAfterMs: 50 });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    expectCompleteAndLabelled(events);
    expect(notices(events).some((m) => /supporter model: .*retrying in 0\.1 s/i.test(m))).toBe(true);
  });

  it('500 then success: retried by the client', async () => {
    faultOnFirstSupporterTurn({ kind: 'status', status: 500 });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    expectCompleteAndLabelled(events);
    expect(server.chatRequests().filter(isSupporterRequest).length).toBe(3);
  });

  it('connection reset before headers: retried', async () => {
    faultOnFirstSupporterTurn({ kind: 'reset' });
    expectCompleteAndLabelled(await collect(makeConversation(server.url, { turnCap: 4 })));
  });

  it('stream cut mid-turn: the partial turn is reset and the turn starts over', async () => {
    faultOnFirstSupporterTurn({ kind: 'cut', content: SUPPORTER_JSON, after: 5 });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    const finished = expectCompleteAndLabelled(events);
    const reset = events.findIndex((e) => e.type === 'turn-reset' && e.index === 1);
    expect(reset).toBeGreaterThan(0);
    // words had streamed before the cut; the finished turn is the retried one, whole
    expect(events.slice(0, reset).some((e) => e.type === 'text-delta' && e.index === 1)).toBe(true);
    expect(finished[1]!.text).toMatch(/^Supporter reply/);
  });

  it('a brief connection reset is described as a reset that is retried, never as a server to start', async () => {
    faultOnFirstSupporterTurn({ kind: 'reset' });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    expectCompleteAndLabelled(events);
    const said = notices(events).filter((m) => m.startsWith('supporter model:'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/closed the connection before replying/);
    expect(said[0]).toMatch(/retrying in/);
    expect(said[0]).not.toMatch(/start the server/i);
  });

  it('a cut stream: every message says the unfinished reply is discarded and the turn starts again, none that it was kept', async () => {
    faultOnFirstSupporterTurn({ kind: 'cut', content: SUPPORTER_JSON, after: 5 }, { kind: 'cut', content: SUPPORTER_JSON, after: 5 }, { kind: 'cut', content: SUPPORTER_JSON, after: 5 });
    const conversation = makeConversation(server.url, { turnCap: 4 });
    const events = await collect(conversation, (e) => {
      if (e.type === 'error') conversation.stop();
    });
    const words = events.flatMap((e) => (e.type === 'notice' || e.type === 'error' ? [e.message] : e.type === 'turn-reset' ? [e.reason] : []));
    expect(words.join('\n')).not.toMatch(/was kept|try the turn again/);
    expect(notices(events).filter((m) => /the unfinished reply is discarded.*starting the turn again \(\d of 2\)/.test(m))).toHaveLength(2);
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ type: 'error', message: expect.stringMatching(/dropped mid-reply .*the unfinished reply is discarded/) });
  });

  it('idle stream: the watchdog aborts it and the turn starts over', async () => {
    faultOnFirstSupporterTurn({ kind: 'idle', content: SUPPORTER_JSON, after: 3 });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }, { idleTimeoutMs: 150 }));
    expectCompleteAndLabelled(events);
    expect(notices(events).some((m) => /interrupted/.test(m))).toBe(true);
  });

  it('invalid JSON from a server that ignores json_schema: text kept, label read from it', async () => {
    faultOnFirstSupporterTurn({ kind: 'text', content: 'Strategy: Providing Suggestions\nMaybe write the worries down before bed.' });
    const finished = expectCompleteAndLabelled(await collect(makeConversation(server.url, { turnCap: 4 })));
    expect(finished[1]).toMatchObject({ strategy: 'Providing Suggestions', labelSource: 'parsed', text: 'Maybe write the worries down before bed.' });
  });

  it('broken JSON: the reply text is salvaged and labelled', async () => {
    faultOnFirstSupporterTurn({ kind: 'text', content: '{"strategy": "Question", "response": "What keeps you up at night?' });
    const finished = expectCompleteAndLabelled(await collect(makeConversation(server.url, { turnCap: 4 })));
    expect(finished[1]).toMatchObject({ strategy: 'Question', text: 'What keeps you up at night?' });
  });

  it('a reply cut off at max_tokens keeps its label and the words it has', async () => {
    faultOnFirstSupporterTurn({ kind: 'text', content: '{"strategy": "Information", "response": "Many people find that sleep comes back slow', finishReason: 'length' });
    const finished = expectCompleteAndLabelled(await collect(makeConversation(server.url, { turnCap: 4 })));
    expect(finished[1]).toMatchObject({ strategy: 'Information', labelSource: 'declared', text: 'Many people find that sleep comes back slow' });
  });

  it('an unknown strategy label becomes "Others" with a note', async () => {
    faultOnFirstSupporterTurn({ kind: 'text', content: JSON.stringify({ strategy: 'Deep Empathy', response: 'That must be so hard.' }) });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    const finished = expectCompleteAndLabelled(events);
    expect(finished[1]).toMatchObject({ strategy: 'Others', labelSource: 'fallback' });
    expect(notices(events).some((m) => m.includes('"Deep Empathy"'))).toBe(true);
  });

  it('an alias label is canonicalised', async () => {
    faultOnFirstSupporterTurn({ kind: 'text', content: JSON.stringify({ strategy: 'Reflection of feelings', response: 'You sound scared.' }) });
    const finished = expectCompleteAndLabelled(await collect(makeConversation(server.url, { turnCap: 4 })));
    expect(finished[1]!.strategy).toBe('Reflection of Feelings');
  });

  it('escape sequences from the model arrive inert', async () => {
    faultOnFirstSupporterTurn({ kind: 'text', content: JSON.stringify({ strategy: 'Question', response: 'Hi \u001b]52;c;ZXZpbA==\u0007 there \u001b[2J' }) });
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    const finished = expectCompleteAndLabelled(events);
    const hasControl = (text: string) => text.includes('\u001b') || text.includes('\u0007');
    expect(hasControl(finished[1]!.text)).toBe(false);
    expect(finished[1]!.text).toContain('␛');
    for (const e of events) if (e.type === 'text-delta') expect(hasControl(e.text)).toBe(false);
  });

  it('a failure that outlasts the retries pauses with a message; resume carries on, nothing lost', async () => {
    const dir = tempDir();
    faultOnFirstSupporterTurn(...Array.from({ length: 3 }, (): Reply => ({ kind: 'status', status: 503 })));
    const conv = makeConversation(server.url, { turnCap: 4, sessionsDir: dir }, { maxRetries: 2 });
    let errors = 0;
    const events = await collect(conv, (e) => {
      if (e.type === 'error') {
        errors++;
        expect(readSession(conv.sessionPath!).turns.length).toBe(1);
        setTimeout(() => conv.resume(), 10);
      }
    });
    expect(errors).toBe(1);
    expectCompleteAndLabelled(events);
    expect(readSession(conv.sessionPath!).turns.length).toBe(4);
  });

  it('a stop while paused on an error ends the conversation as an error, finished turns kept', async () => {
    const dir = tempDir();
    server.requests.length = 0;
    const normal = agentsHandler();
    server.respond((r) => (isSupporterRequest(r) ? { kind: 'status', status: 401, body: { error: { message: 'bad key' } } } : normal(r)));
    const conv = makeConversation(server.url, { turnCap: 4, sessionsDir: dir });
    const events = await collect(conv, (e) => {
      if (e.type === 'error') {
        expect(e.message).not.toContain('SECRET');
        conv.stop();
      }
    });
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'error', turns: 1 });
    const saved = readSession(conv.sessionPath!);
    expect(saved.turns.length).toBe(1);
    expect(saved.ended?.reason).toBe('error');
  });
});
