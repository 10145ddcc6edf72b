import { afterEach, describe, expect, it } from 'vitest';
import { readSession } from '../../../src/core/sessions/reader.js';
import { measureSession, PipelineError, scoreDescription, validRatings } from '../../../src/core/traits/pipeline.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { collect, makeConversation, agentsHandler, SEEKER, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { judgeClient, schemaName } from './judge-fixtures.js';
import { askedIds, CARD, EXPECTED_CSI, EXPECTED_HEXACO, fixtureInventories, pipelineHandler, RATINGS } from './pipeline-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A real session file: a conversation run against the fake server. */
async function recordedSession(url: string): Promise<string> {
  const conv = makeConversation(url, { turnCap: 4, sessionsDir: tempDir('pt-measure-') });
  await collect(conv);
  return conv.sessionPath!;
}

describe("the paper's pipeline, post hoc", () => {
  it('scores reverse keys and dimension means as worked out by hand, and records the measurement', async () => {
    server = await startFakeOpenAI({ handler: agentsHandler() });
    const path = await recordedSession(server.url);
    server.respond(pipelineHandler());
    const session = readSession(path);
    const result = await measureSession(judgeClient(server.url), session, 'seeker', { inventories: fixtureInventories(), batchSize: 5 });

    expect(result.hexaco).toEqual(EXPECTED_HEXACO);
    expect(result.csi).toEqual(EXPECTED_CSI);
    expect(result.answers).toEqual(RATINGS);
    expect(result.missing).toEqual([]);
    expect(result.card).toEqual(CARD);
    expect(result.afterTurn).toBe(3);
    expect(result.inventories).toEqual({ hexaco: 'test hexaco v1', csi: 'test csi v2' });
    expect(result.model).toEqual({ baseURL: server.url, model: 'judge-model' });

    const pipelineRequests = server.chatRequests().filter((r) => schemaName(r) !== 'seeker_turn' && schemaName(r) !== 'supporter_turn');
    // Card, behaviours, then 12 + 12 items in batches of at most 5: 3 + 3 rating calls.
    expect(pipelineRequests.map(schemaName)).toEqual(['persona_card', 'behaviour_descriptions', ...Array(6).fill('inventory_ratings')]);
    expect(pipelineRequests.slice(2).map((r) => askedIds(r).length)).toEqual([5, 5, 2, 5, 5, 2]);
    // No step is anchored on the persona: neither its name, description nor traits reach the model.
    for (const r of pipelineRequests) {
      expect(r.rawBody).not.toContain(SEEKER.name);
      expect(r.rawBody).not.toContain('worries about everything');
    }
    // The rater reads the card and the behavioural sentences.
    const rater = pipelineRequests[2]!.body.messages!.find((m) => m.role === 'user')!.content;
    expect(rater).toContain('age 25-34, woman, baker. Works nights at a bakery');
    expect(rater).toContain('Behaviour sentence for E.');

    const log = SessionRecorder.continue(path);
    log.record({ type: 'measurement', ...result });
    log.close();
    const reread = readSession(path);
    const recorded = reread.records.filter((r) => r.type === 'measurement');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ speaker: 'seeker', hexaco: EXPECTED_HEXACO, csi: EXPECTED_CSI, prompts: { measurement: '1' } });
    expect(reread.ended?.reason).toBe('turn-cap'); // a record after 'ended' leaves the session ended
    expect(reread.turns).toHaveLength(4);
  });

  it('asks again for unrated or invalid items, and leaves out of the mean what is still invalid', async () => {
    server = await startFakeOpenAI();
    const asked: string[][] = [];
    server.respond(
      pipelineHandler({
        rate: (ids, call) => {
          asked.push(ids);
          const answer: Record<string, unknown> = Object.fromEntries(ids.map((id) => [id, RATINGS[id]]));
          if (call === 1) {
            answer.C2 = 7; // out of range
            delete answer.O2; // missing
            answer.A1 = 3.5; // not a whole number
          }
          if (call === 2) {
            answer.O2 = '4'; // still not a number
            answer.A1 = 3;
          }
          return answer;
        },
      }),
    );
    const inventories = fixtureInventories();
    const result = await scoreDescription(judgeClient(server.url), 'A careful night-shift baker who worries.', { inventories });
    // One call for all 12 HEXACO items, a retry for exactly the three bad ones, then the CSI items.
    expect(asked.map((ids) => ids.length)).toEqual([12, 3, 12]);
    expect(asked[1]).toEqual(['A1', 'C2', 'O2']);
    expect(result.missing).toEqual(['O2']);
    // O from O1 alone (5); A and C as before once re-rated.
    expect(result.hexaco).toEqual({ ...EXPECTED_HEXACO, O: 5 });
    expect(result.csi).toEqual(EXPECTED_CSI);
  });

  it('retries a malformed persona card once, then fails with a clear error rather than inventing one', async () => {
    server = await startFakeOpenAI();
    let cards = 0;
    server.respond((r) => {
      if (schemaName(r) === 'persona_card') {
        cards++;
        return { kind: 'text', content: cards === 1 ? '{"age_band": "25-34"}' : 'no idea' };
      }
      return pipelineHandler()(r);
    });
    const session = { turns: [{ index: 0, speaker: 'seeker' as const, text: 'hi', by: 'ai' as const, startedAt: '', finishedAt: '' }] };
    const failure = measureSession(judgeClient(server.url), session, 'seeker', { inventories: fixtureInventories() });
    await expect(failure).rejects.toBeInstanceOf(PipelineError);
    await expect(failure).rejects.toThrow(/persona card: .*twice in a row \(the reply was not JSON/);
    // The retry told the model what was wrong.
    const retry = server.chatRequests()[1]!.body.messages!.at(-1)!.content;
    expect(retry).toMatch(/description is missing or empty/);
    await expect(measureSession(judgeClient(server.url), session, 'supporter', { inventories: fixtureInventories() })).rejects.toThrow(/no turns/);
  });

  it('refuses to score a description when a whole dimension got no valid rating', async () => {
    server = await startFakeOpenAI();
    server.respond(pipelineHandler({ rate: (ids) => Object.fromEntries(ids.map((id) => [id, id.startsWith('E') && id.length === 2 ? 9 : RATINGS[id]])) }));
    await expect(scoreDescription(judgeClient(server.url), 'someone', { inventories: fixtureInventories() })).rejects.toThrow(/no statement validly for: E/);
  });

  it('validRatings keeps only whole numbers 1–5 for the ids asked', () => {
    const items = fixtureInventories().hexaco.items.slice(0, 4);
    expect(validRatings('{"H1": 1, "H2": 5.5, "E1": "3", "E2": 5, "ZZ": 4}', items)).toEqual({ H1: 1, E2: 5 });
    expect(validRatings('nope', items)).toEqual({});
  });
});

describe('scoreDescription', () => {
  it('skips the persona card and scores from the description', async () => {
    server = await startFakeOpenAI();
    server.respond(pipelineHandler());
    const result = await scoreDescription(judgeClient(server.url), '  A retired lighthouse keeper who listens patiently.  ', { inventories: fixtureInventories() });
    expect(result.hexaco).toEqual(EXPECTED_HEXACO);
    expect(result.csi).toEqual(EXPECTED_CSI);
    const names = server.chatRequests().map(schemaName);
    expect(names).not.toContain('persona_card');
    expect(server.chatRequests()[0]!.body.messages![1]!.content).toContain('A retired lighthouse keeper who listens patiently.');
  });
});
