import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_VERSIONS } from '../../../src/core/prompts/versions.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { agentsHandler, collect, finishedTurns, isSeekerRequest, isSupporterRequest, makeConversation, SEEKER, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

function fresh(handler = agentsHandler()) {
  server.requests.length = 0;
  server.respond(handler);
}

describe('two-agent conversation', () => {
  it('runs to the turn cap, alternating speakers, every supporter turn labelled, session written', async () => {
    fresh();
    const dir = tempDir();
    const conv = makeConversation(server.url, { turnCap: 6, sessionsDir: dir });
    const events = await collect(conv);
    const turns = finishedTurns(events);
    expect(turns.map((t) => t.speaker)).toEqual(['seeker', 'supporter', 'seeker', 'supporter', 'seeker', 'supporter']);
    for (const t of turns.filter((t) => t.speaker === 'supporter')) {
      expect(STRATEGIES).toContain(t.strategy);
      expect(t.labelSource).toBe('declared');
    }
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'turn-cap', turns: 6 });

    const saved = readSession(conv.sessionPath!);
    expect(saved.turns).toEqual(turns);
    expect(saved.ended?.reason).toBe('turn-cap');
    expect(saved.header.personas.seeker.id).toBe(SEEKER.id);
    expect(saved.header.models.supporter.model).toBe('supporter-model');
    // Which prompt versions made it: no judge client, so only the agents'.
    expect(saved.header.prompts).toEqual({ seeker: PROMPT_VERSIONS.seeker, supporter: PROMPT_VERSIONS.supporter, reminder: PROMPT_VERSIONS.reminder });
  });

  it('a finished turn is in the session log before anyone is shown it', async () => {
    fresh();
    const conv = makeConversation(server.url, { turnCap: 4, sessionsDir: tempDir() });
    const onDiskWhenShown: number[] = [];
    await collect(conv, (e) => {
      if (e.type === 'turn-finished') onDiskWhenShown.push(readSession(conv.sessionPath!).turns.filter((t) => t.index === e.turn.index).length);
    });
    expect(onDiskWhenShown).toEqual([1, 1, 1, 1]);
  });

  it('announces the supporter strategy before the first word of the turn', async () => {
    fresh();
    const events = await collect(makeConversation(server.url, { turnCap: 4 }));
    for (const index of [1, 3]) {
      const ofTurn = events.filter((e) => 'index' in e && e.index === index);
      const firstDelta = ofTurn.findIndex((e) => e.type === 'text-delta');
      const strategy = ofTurn.findIndex((e) => e.type === 'strategy');
      expect(strategy).toBeGreaterThanOrEqual(0);
      expect(strategy).toBeLessThan(firstDelta);
    }
  });

  it('keeps information separate: the seeker never sees the supporter persona', async () => {
    fresh();
    await collect(makeConversation(server.url, { turnCap: 6, condition: 'aware' }));
    const seekerBodies = server.chatRequests().filter(isSeekerRequest).map((r) => r.rawBody);
    expect(seekerBodies.length).toBe(3);
    for (const body of seekerBodies) {
      expect(body).toContain('Marguerite Quill');
      expect(body).not.toContain('Bartholomew');
      expect(body).not.toContain('lighthouse');
      expect(body).not.toContain('Providing Suggestions'); // the strategy list is the supporter's knowledge
    }
  });

  it('gives the supporter the seeker profile only when persona-aware', async () => {
    fresh();
    await collect(makeConversation(server.url, { turnCap: 2, condition: 'aware' }));
    const aware = server.chatRequests().filter(isSupporterRequest).map((r) => r.rawBody);
    fresh();
    await collect(makeConversation(server.url, { turnCap: 2, condition: 'blind' }));
    const blind = server.chatRequests().filter(isSupporterRequest).map((r) => r.rawBody);
    expect(aware.length).toBe(1);
    expect(blind.length).toBe(1);
    expect(aware[0]).toContain('zeppelin-bakery');
    expect(aware[0]).toContain('night-shift baker');
    expect(aware[0]).toContain('Bartholomew Finch');
    expect(blind[0]).not.toContain('zeppelin-bakery');
    expect(blind[0]).not.toContain('Marguerite');
    expect(blind[0]).not.toContain('night-shift baker');
    expect(blind[0]).toContain('Bartholomew Finch');
  });

  it('sends the seed and asks for structured output', async () => {
    fresh();
    await collect(makeConversation(server.url, { turnCap: 2, seed: 100 }));
    const [first, second] = server.chatRequests();
    expect(first!.body.seed).toBe(100);
    expect(second!.body.seed).toBe(101);
    expect(second!.body.response_format?.type).toBe('json_schema');
    expect(second!.body.stream).toBe(true);
    expect(second!.body.max_tokens).toBe(600); // a runaway reply cannot stream forever
  });

  it('ends when the seeker says goodbye, after the supporter answers', async () => {
    fresh(agentsHandler({ closeAt: 4 }));
    const events = await collect(makeConversation(server.url, { turnCap: 20 }));
    const turns = finishedTurns(events);
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'seeker-closed' });
    expect(turns.at(-2)?.closes).toBe(true);
    expect(turns.at(-1)?.speaker).toBe('supporter');
    expect(turns.length).toBe(6);
  });

  it('applies a steer to the next supporter turn only', async () => {
    fresh();
    const conv = makeConversation(server.url, { turnCap: 4 });
    conv.steer('Self-disclosure');
    const turns = finishedTurns(await collect(conv));
    expect(turns[1]).toMatchObject({ strategy: 'Self-disclosure', labelSource: 'steered' });
    expect(turns[3]!.labelSource).toBe('declared');
    const supporterPrompts = server.chatRequests().filter(isSupporterRequest).map((r) => r.body.messages![0]!.content);
    expect(supporterPrompts[0]).toContain('you must use the strategy "Self-disclosure"');
    expect(supporterPrompts[1]).not.toContain('you must use the strategy');
  });

  it('pauses, steps one turn at a time, and resumes', async () => {
    fresh();
    const conv = makeConversation(server.url, { turnCap: 4, startPaused: true });
    const seen: string[] = [];
    let stepped = 0;
    const events = await collect(conv, (e) => {
      seen.push(e.type);
      if (e.type === 'paused' && stepped === 0) {
        stepped++;
        conv.step();
      } else if (e.type === 'turn-finished' && stepped === 1) {
        // one turn came through the step; the next request must wait for us
        stepped++;
        setTimeout(() => {
          expect(server.chatRequests().length).toBe(1);
          conv.resume();
        }, 30);
      }
    });
    expect(finishedTurns(events).length).toBe(4);
    expect(seen).toContain('resumed');
  });

  it('stop cancels the streaming turn and keeps the finished ones', async () => {
    fresh();
    server.respond((r) =>
      isSupporterRequest(r) ? { kind: 'idle', content: JSON.stringify({ strategy: 'Question', response: 'Long answer that never ends' }), after: 4 } : agentsHandler()(r),
    );
    const dir = tempDir();
    const conv = makeConversation(server.url, { turnCap: 6, sessionsDir: dir });
    const events = await collect(conv, (e) => {
      if (e.type === 'text-delta' && e.speaker === 'supporter') conv.stop();
    });
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'stopped', turns: 1 });
    expect(readSession(conv.sessionPath!).turns.length).toBe(1);
  });

  it('never writes the API key into the session', async () => {
    fresh();
    const dir = tempDir();
    const conv = makeConversation(server.url, { turnCap: 2, sessionsDir: dir });
    await collect(conv);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(conv.sessionPath!, 'utf8')).not.toContain('SECRET');
  });
});

describe('human seats', () => {
  it('join as seeker: the human types, the AI supports', async () => {
    fresh();
    const conv = makeConversation(server.url, { turnCap: 4, mode: 'join-seeker' });
    const events = await collect(conv, (e) => {
      if (e.type === 'awaiting-human') conv.submitHuman(`human line ${e.index} \u001b[31mred\u001b[0m`);
    });
    const turns = finishedTurns(events);
    expect(turns.map((t) => t.by)).toEqual(['human', 'ai', 'human', 'ai']);
    expect(turns[0]!.text).toBe('human line 0 ␛[31mred␛[0m');
    expect(server.chatRequests().every(isSupporterRequest)).toBe(true);
  });

  it('join as supporter: the human picks a strategy for each turn', async () => {
    fresh();
    const conv = makeConversation(server.url, { turnCap: 4, mode: 'join-supporter' });
    const events = await collect(conv, (e) => {
      if (e.type === 'awaiting-human') conv.submitHuman('I hear you.', e.index === 1 ? 'Reflection of Feelings' : undefined);
    });
    const turns = finishedTurns(events);
    expect(turns[1]).toMatchObject({ by: 'human', strategy: 'Reflection of Feelings', labelSource: 'human' });
    expect(turns[3]).toMatchObject({ by: 'human', strategy: 'Others', labelSource: 'fallback' });
    expect(server.chatRequests().every(isSeekerRequest)).toBe(true);
  });
});
