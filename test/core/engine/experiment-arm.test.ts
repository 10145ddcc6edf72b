import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../../src/core/sessions/reader.js';
import { agentsHandler, collect, isSeekerRequest, makeConversation, SEEKER, tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: agentsHandler() });
});
afterAll(() => server.close());

const ARM = { name: 'without-persona', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false };

describe('an experiment arm in the engine', () => {
  it('a seeker without its traits is prompted from its situation alone, and the header records the arm and the experiment', async () => {
    const dir = tempDir();
    const before = server.chatRequests().length;
    const conversation = makeConversation(server.url, {
      turnCap: 4,
      sessionsDir: dir,
      condition: 'blind',
      seekerTraits: false,
      sessionId: 'without-persona__test-seeker__no-persona__agents__default__r1',
      arm: ARM,
      experiment: { id: 'exp-1', conversation: 'without-persona__test-seeker__no-persona__agents__default__r1', rep: 1, model: 'default' },
    });
    await collect(conversation);
    const seekerPrompts = server.chatRequests().slice(before).filter(isSeekerRequest).map((r) => r.body.messages![0]!.content);
    expect(seekerPrompts.length).toBe(2);
    for (const prompt of seekerPrompts) {
      expect(prompt).toContain(SEEKER.situation);
      expect(prompt).not.toContain('HEXACO');
      expect(prompt).not.toContain('Communication style');
      expect(prompt).not.toContain(SEEKER.description); // the description carries personality
    }
    const saved = readSession(`${dir}/without-persona__test-seeker__no-persona__agents__default__r1.jsonl`);
    expect(saved.header.arm).toEqual(ARM);
    expect(saved.header.experiment).toMatchObject({ id: 'exp-1', rep: 1, model: 'default' });
    expect(saved.header.prompts?.seeker).toBe('2');
  });

  it('by default the seeker carries its traits', async () => {
    const before = server.chatRequests().length;
    await collect(makeConversation(server.url, { turnCap: 2 }));
    const prompt = server.chatRequests().slice(before).find(isSeekerRequest)!.body.messages![0]!.content;
    expect(prompt).toContain('Personality (HEXACO');
    expect(prompt).toContain(SEEKER.description);
  });
});
