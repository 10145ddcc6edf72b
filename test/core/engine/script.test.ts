import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitScript } from '../../../src/core/engine/script.js';
import { collect, finishedTurns, makeConversation } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

const dialog = {
  dialog: [
    { speaker: 'seeker', strategy: null, content: 'I cannot sleep since the new shifts.' },
    { speaker: 'supporter', strategy: 'Questions', content: 'How many hours do you get?' },
    { speaker: 'seeker', strategy: null, content: 'Four, maybe.' },
    { speaker: 'seeker', strategy: null, content: 'And I feel awful.' },
    { speaker: 'supporter', strategy: 'Reflection of feelings', content: 'That sounds draining.' },
    { speaker: 'supporter', strategy: 'Made Up', content: 'Have you tried blackout curtains?' },
  ],
};

describe('script engine', () => {
  it('writes the dialogue in one call and splits it into labelled turns', async () => {
    server.requests.length = 0;
    server.respond(() => ({ kind: 'text', content: JSON.stringify(dialog) }));
    const events = await collect(makeConversation(server.url, { engine: 'script', turnCap: 10 }));
    const turns = finishedTurns(events);
    expect(server.chatRequests().length).toBe(1);
    expect(server.chatRequests()[0]!.body.response_format?.json_schema?.name).toBe('esc_dialogue');
    expect(turns.map((t) => t.speaker)).toEqual(['seeker', 'supporter', 'seeker', 'seeker', 'supporter', 'supporter']);
    expect(turns.map((t) => t.strategy)).toEqual([undefined, 'Question', undefined, undefined, 'Reflection of Feelings', 'Others']);
    expect(events.at(-1)).toMatchObject({ type: 'ended', turns: 6 });
  });

  it('stops at the turn cap even when the script is longer', async () => {
    server.respond(() => ({ kind: 'text', content: JSON.stringify(dialog) }));
    const turns = finishedTurns(await collect(makeConversation(server.url, { engine: 'script', turnCap: 3 })));
    expect(turns.length).toBe(3);
  });

  it('puts the seeker traits in the prompt only when persona-aware', async () => {
    server.requests.length = 0;
    server.respond(() => ({ kind: 'text', content: JSON.stringify(dialog) }));
    await collect(makeConversation(server.url, { engine: 'script', condition: 'aware', turnCap: 2 }));
    await collect(makeConversation(server.url, { engine: 'script', condition: 'blind', turnCap: 2 }));
    const [aware, blind] = server.chatRequests().map((r) => r.rawBody);
    expect(aware).toContain('Marguerite Quill');
    expect(blind).not.toContain('Marguerite Quill');
    expect(blind).toContain('zeppelin-bakery'); // the situation is given in both conditions
  });
});

describe('splitScript', () => {
  it('reads a plain-text transcript from a server that ignores json_schema', () => {
    const turns = splitScript('Seeker: I failed my exam.\nSupporter (Question): What happened?\nmore detail here\nSupporter [Information]: Resits are common.');
    expect(turns).toEqual([
      { speaker: 'seeker', text: 'I failed my exam.' },
      { speaker: 'supporter', text: 'What happened?\nmore detail here', strategy: 'Question', labelSource: 'parsed', note: undefined },
      { speaker: 'supporter', text: 'Resits are common.', strategy: 'Information', labelSource: 'parsed', note: undefined },
    ]);
  });

  it('returns nothing for text with no dialogue', () => {
    expect(splitScript('I cannot help with that.')).toEqual([]);
  });
});
