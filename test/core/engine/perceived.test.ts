import { afterEach, describe, expect, it } from 'vitest';
import { agreement } from '../../../src/core/analysis/agreement.js';
import { classifyStrategy, readPerceivedAnswer } from '../../../src/core/engine/perceived.js';
import { classifierMessages } from '../../../src/core/prompts/classifier.js';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import type { Turn } from '../../../src/core/domain.js';
import { isStrategy, STRATEGIES } from '../../../src/core/strategies.js';
import { createMeter } from '../../../src/core/traits/judge-meter.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { judgeClient, schemaName, turn } from '../traits/judge-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (declared: Turn['strategy']): Turn[] => [
  turn(0, 'seeker', 'My landlord raised the rent again and I cannot sleep.'),
  turn(1, 'supporter', 'That sounds exhausting. How long has this been going on?', 'Question'),
  turn(2, 'seeker', 'Since March. I keep checking my bank account at night.'),
  turn(3, 'supporter', 'Many tenants in your city can ask the housing office to review an increase.', declared),
];

describe('the perceived-strategy classifier', () => {
  it('never sees the declared label: the request is the same whatever the turns declared', async () => {
    server = await startFakeOpenAI();
    server.respond(() => ({ kind: 'text', content: '{"reason": "gives a fact", "strategy": "Information"}' }));
    const client = judgeClient(server.url);
    expect(await classifyStrategy(client, chat('Information'), 3)).toBe('Information');
    expect(await classifyStrategy(client, chat('Self-disclosure'), 3)).toBe('Information');
    const [a, b] = server.chatRequests();
    expect(schemaName(a!)).toBe('perceived_strategy');
    expect(a!.rawBody).toBe(b!.rawBody);
    // The transcript part names no label at all (the system prompt lists all eight, by design).
    const user = a!.body.messages!.find((m) => m.role === 'user')!.content;
    for (const s of STRATEGIES) expect(user).not.toContain(s);
    expect(user).toContain('Supporter: Many tenants in your city');
    expect(user).toContain('Seeker: My landlord raised the rent');
  });

  it('reads only the recent context before the labelled turn, not what came after', () => {
    const turns = [...chat('Information'), turn(4, 'seeker', 'A LATER MESSAGE')];
    const user = classifierMessages(turns, 3)[1]!.content;
    expect(user).not.toContain('A LATER MESSAGE');
    expect(() => classifierMessages(turns, 9)).toThrow(RangeError);
  });

  it.each([
    ['{"reason": "names her feelings", "strategy": "Reflection of Feelings"}', 'Reflection of Feelings', false],
    ['{"reason": "x", "strategy": "reflection of feeling"}', 'Reflection of Feelings', false], // a known alias: accepted without a note
    ['{"reason": "x", "strategy": "gentle reflection"}', 'Reflection of Feelings', true], // an alias inside the label: read, with a note
    ['Questions', 'Question', true],
  ])('yields a canonical label when the answer names one: %s → %s', (text, expected, noted) => {
    const read = readPerceivedAnswer(text);
    expect(read).toMatchObject({ strategy: expected });
    expect('strategy' in read && isStrategy(read.strategy)).toBe(true);
    expect(Boolean(read.note)).toBe(noted);
  });

  it.each([
    // The field wins over words in the reason: an unknown label is no label, not "Question".
    ['{"reason": "asks a question", "strategy": "Empathy"}', /label "Empathy" is not one of the eight; no label recorded/],
    ['I cannot tell.', /did not answer with a label \("I cannot tell\."\)/],
    ['{"strategy": 7}', /label "7" is not one of the eight/],
    ['{"stra', /did not answer with a label/],
  ])('a garbage or unknown answer is a failed classification, never "Others": %s', (text, note) => {
    const read = readPerceivedAnswer(text);
    expect(read).toMatchObject({ failed: true });
    expect(read).not.toHaveProperty('strategy');
    expect(read.note).toMatch(note);
  });

  it('labels every supporter turn once through the meter, with agreement against the declared label', async () => {
    server = await startFakeOpenAI();
    const answers = ['Question', 'Providing Suggestions', 'Nonsense', 'Affirmation and Reassurance'];
    server.respond((r) => {
      expect(schemaName(r)).toBe('perceived_strategy');
      return { kind: 'text', content: JSON.stringify({ reason: 'r', strategy: answers.shift() }) };
    });
    const emitted: EngineEvent[] = [];
    const meter = createMeter({
      clients: { judge: judgeClient(server.url) },
      cadence: 0, // judge off: only the classifier runs
      emit: (e) => emitted.push(e),
    });
    const turns: Turn[] = [
      turn(0, 'seeker', 'hello'),
      turn(1, 'supporter', 'what happened?', 'Question'),
      turn(2, 'seeker', 'my exam'),
      turn(3, 'supporter', 'you could talk to your tutor', 'Information'),
      turn(4, 'seeker', 'maybe'),
      turn(5, 'supporter', 'mm', 'Others', 'fallback'),
      turn(6, 'seeker', 'ok'),
      turn(7, 'supporter', 'you are doing well', 'Self-disclosure', 'perceived'),
    ];
    for (let n = 1; n <= turns.length; n++) {
      meter.afterTurn(turns.slice(0, n));
      meter.afterTurn(turns.slice(0, n)); // a repeat call must not classify twice
    }
    await meter.idle();
    // Turn 7's label already came from the classifier: it is not classified again.
    expect(server.chatRequests()).toHaveLength(3);
    const perceived = emitted.flatMap((e) => (e.type === 'perceived' ? [e] : []));
    expect(perceived).toEqual([
      { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true },
      { type: 'perceived', index: 3, strategy: 'Providing Suggestions', declared: 'Information', agrees: false },
      // A fallback label is nobody's declaration; the unknown answer is a failed classification, with its note.
      { type: 'perceived', index: 5, agrees: false, failed: true, note: expect.stringContaining('"Nonsense" is not one of the eight') },
    ]);
    expect(emitted.filter((e) => e.type === 'usage' && e.role === 'judge')).toHaveLength(3);
    // Agreement counts only turns with a declaration.
    const compared = perceived.flatMap((p) => (p.declared ? [p] : []));
    const counted = agreement(compared.map((p) => p.declared!), compared.map((p) => p.strategy!));
    expect(counted.n).toBe(2);
    expect(counted.observed).toBe(0.5);
  });

  it('rejects with the provider error when the classifier cannot be reached (the engine falls back)', async () => {
    server = await startFakeOpenAI();
    server.respond(() => ({ kind: 'status', status: 404 }));
    await expect(classifyStrategy(judgeClient(server.url), chat('Question'), 3)).rejects.toMatchObject({ kind: 'bad-request' });
  });
});
