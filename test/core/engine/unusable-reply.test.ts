import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusableReason } from '../../../src/core/engine/ai-turn.js';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { agentsHandler, collect, finishedTurns, isSeekerRequest, makeConversation, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type Reply } from '../../support/fake-openai-server.js';

/**
 * A reply that is neither the JSON asked for nor a plausible chat message is thrown away
 * and asked again, like a cut stream; a reply that was salvaged (a field dug out of broken
 * JSON, JSON never closed) is kept, and the session says so.
 */

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

/** The first seeker request gets `reply`; everything else is answered normally. */
function onFirstSeekerTurn(reply: Reply) {
  server.requests.length = 0;
  const normal = agentsHandler();
  let pending: Reply | undefined = reply;
  server.respond((r) => {
    if (isSeekerRequest(r) && pending) {
      const once = pending;
      pending = undefined;
      return once;
    }
    return normal(r);
  });
}

const notices = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'notice' ? [e.message] : []));

describe('the rule for an unusable reply', () => {
  it.each([
    ['{"mess', 'pieces of broken JSON'],
    ['{"', 'no words in it'],
    ['{"message": "hi", "end_conv', 'pieces of broken JSON'],
    ['"message": 3, "end_conversation":', 'pieces of broken JSON'],
    ['}}]]], ,,"', 'no words in it'],
    ['?? !! -- 12 34 56 ok', 'more symbols than letters'],
  ])('%j is unusable: %s', (text, reason) => {
    expect(unusableReason(text)).toBe(reason);
  });

  it.each(['I have not slept in days.', 'ok', 'Ça va, merci.', 'Мне плохо.', 'I scored 3/10 on the test [again].'])('%j is a chat message', (text) => {
    expect(unusableReason(text)).toBeUndefined();
  });
});

describe('an unusable reply in a conversation', () => {
  it('broken JSON fragments are thrown away and the turn is asked again; they never become dialogue', async () => {
    onFirstSeekerTurn({ kind: 'text', content: '{"message": , "end_conversation": fal' });
    const dir = tempDir('pt-unusable-');
    const events = await collect(makeConversation(server.url, { turnCap: 4, sessionsDir: dir }));
    const turns = finishedTurns(events);
    expect(turns).toHaveLength(4);
    expect(turns[0]!.text).toMatch(/^Seeker message \d+\.$/);
    for (const t of turns) expect(t.text).not.toMatch(/end_conversation|[{}]/);
    expect(events.some((e) => e.type === 'turn-reset' && e.index === 0)).toBe(true);
    expect(notices(events).some((m) => /seeker reply thrown away \(the seeker model's reply was unusable \(pieces of broken JSON\)\); asking again \(1 of 2\)/.test(m))).toBe(true);
    const session = readSession(readSessionPath(events));
    expect(session.records.some((r) => r.type === 'notice' && /unusable/.test(r.message))).toBe(true);
  });

  it('prose instead of JSON (a server without structured output) is a message: kept, not asked again', async () => {
    onFirstSeekerTurn({ kind: 'text', content: 'I have not slept properly in weeks.' });
    const events = await collect(makeConversation(server.url, { turnCap: 4, sessionsDir: tempDir('pt-unusable-') }));
    expect(finishedTurns(events)[0]!.text).toBe('I have not slept properly in weeks.');
    expect(events.some((e) => e.type === 'turn-reset')).toBe(false);
  });

  it('a JSON-ish reply whose field had to be dug out is kept, with a note in the session', async () => {
    onFirstSeekerTurn({ kind: 'text', content: '{message: "I have not slept properly in weeks.", end_conversation: false}' });
    const events = await collect(makeConversation(server.url, { turnCap: 4, sessionsDir: tempDir('pt-unusable-') }));
    expect(finishedTurns(events)[0]!.text).toBe('I have not slept properly in weeks.');
    const session = readSession(readSessionPath(events));
    expect(session.records.some((r) => r.type === 'notice' && /seeker reply was not the JSON asked for; its text was kept/.test(r.message))).toBe(true);
  });

  it('JSON that never closed is kept, with a note in the session', async () => {
    onFirstSeekerTurn({ kind: 'text', content: '{"message": "I have not slept properly in weeks.", "end_conver' });
    const events = await collect(makeConversation(server.url, { turnCap: 4, sessionsDir: tempDir('pt-unusable-') }));
    expect(finishedTurns(events)[0]!.text).toBe('I have not slept properly in weeks.');
    const session = readSession(readSessionPath(events));
    expect(session.records.some((r) => r.type === 'notice' && /JSON was never completed/.test(r.message))).toBe(true);
  });
});

function readSessionPath(events: EngineEvent[]): string {
  const started = events.find((e) => e.type === 'session-started');
  if (!started || started.type !== 'session-started') throw new Error('no session-started event');
  if (!started.path) throw new Error('the conversation wrote no session file');
  return started.path;
}
