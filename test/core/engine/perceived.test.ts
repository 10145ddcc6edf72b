import { afterEach, describe, expect, it } from 'vitest';
import { agreement } from '../../../src/core/analysis/agreement.js';
import { classifyStrategy, readLabels, readPerceivedAnswer } from '../../../src/core/engine/perceived.js';
import { classifierMessages } from '../../../src/core/prompts/classifier.js';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import type { Turn } from '../../../src/core/domain.js';
import { isStrategy, STRATEGIES } from '../../../src/core/strategies.js';
import { createMeter } from '../../../src/core/traits/judge-meter.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { gate, judgeClient, schemaName, turn } from '../traits/judge-fixtures.js';

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

  it('reads a batch answer by the same rule: an unknown label is failed, never "Others"; an alias is read with a note; a missing one is absent', () => {
    const read = readLabels(
      {
        '2': { reason: 'r', strategy: 'Question' },
        '4': { reason: 'r', strategy: 'Empathy' },
        '6': 'gentle reflection',
        '8': { reason: 'r', strategy: '\u001b[2J\u001b[31mKindness' },
      },
      [1, 3, 5, 7, 9],
    );
    expect(read.get(1)).toEqual({ strategy: 'Question' });
    expect(read.get(3)).toEqual({ failed: true, note: expect.stringMatching(/label "Empathy" is not one of the eight; no label recorded/) });
    expect(read.get(3)).not.toHaveProperty('strategy');
    expect(read.get(5)).toEqual({ strategy: 'Reflection of Feelings', note: expect.stringContaining('read as Reflection of Feelings') });
    // Model text in a note goes through the neutraliser: no escape sequence reaches a screen or a log.
    expect(read.get(7)).toMatchObject({ failed: true, note: expect.stringContaining('Kindness') });
    expect(read.get(7)?.note).not.toContain('\u001b');
    expect(read.has(9)).toBe(false);
  });

  it('labels every supporter turn once through the meter, waiting turns together, with agreement against the declared label', async () => {
    server = await startFakeOpenAI();
    server.respond((r) => {
      if (schemaName(r) === 'perceived_strategy') return { kind: 'text', content: JSON.stringify({ reason: 'r', strategy: 'Question' }) };
      expect(schemaName(r)).toBe('perceived_strategies');
      // Labels by message number (turn index + 1); one unknown label.
      return { kind: 'text', content: JSON.stringify({ labels: { '4': { reason: 'r', strategy: 'Providing Suggestions' }, '6': { reason: 'r', strategy: 'Nonsense' } } }) };
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
    // Turn 1 went out at once; turns 3 and 5 waited for it and went together; turn 7's label
    // already came from the classifier, so it is not classified again.
    expect(server.chatRequests().map(schemaName)).toEqual(['perceived_strategy', 'perceived_strategies']);
    const batch = server.chatRequests()[1]!.body.messages!.at(-1)!.content;
    expect(batch).toContain('*[4] Supporter: you could talk to your tutor');
    expect(batch).toContain('*[6] Supporter: mm');
    expect(batch).not.toContain('you are doing well');
    for (const s of STRATEGIES) expect(batch).not.toContain(s);
    const perceived = emitted.flatMap((e) => (e.type === 'perceived' ? [e] : []));
    expect(perceived).toEqual([
      { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true, via: 'classifier' },
      { type: 'perceived', index: 3, strategy: 'Providing Suggestions', declared: 'Information', agrees: false, via: 'classifier' },
      // A fallback label is nobody's declaration; the unknown label in the batch is a failed classification, with its note.
      { type: 'perceived', index: 5, agrees: false, failed: true, note: expect.stringContaining('"Nonsense" is not one of the eight'), via: 'classifier' },
    ]);
    expect(emitted.filter((e) => e.type === 'notice').map((e) => (e.type === 'notice' ? e.message : ''))).toEqual([expect.stringMatching(/turn 6: the label "Nonsense"/)]);
    expect(emitted.filter((e) => e.type === 'usage' && e.role === 'judge')).toHaveLength(2);
    expect(meter.pending()).toEqual({ labels: [], readings: [] });
    // Agreement counts only turns with a declaration.
    const compared = perceived.flatMap((p) => (p.declared ? [p] : []));
    const counted = agreement(compared.map((p) => p.declared!), compared.map((p) => p.strategy!));
    expect(counted.n).toBe(2);
    expect(counted.observed).toBe(0.5);
  });

  it('asks again, one at a time, for a turn a batch answer left out', async () => {
    server = await startFakeOpenAI();
    const release = gate();
    server.respond(async (r) => {
      if (schemaName(r) === 'perceived_strategies') return { kind: 'text', content: JSON.stringify({ labels: { '4': { reason: 'r', strategy: 'Question' } } }) };
      await release.opened;
      return { kind: 'text', content: JSON.stringify({ reason: 'r', strategy: 'Information' }) };
    });
    const emitted: EngineEvent[] = [];
    const meter = createMeter({ clients: { judge: judgeClient(server.url) }, cadence: 0, emit: (e) => emitted.push(e) });
    const turns = [turn(0, 'seeker', 'a'), turn(1, 'supporter', 'b', 'Question'), turn(2, 'seeker', 'c'), turn(3, 'supporter', 'd', 'Information'), turn(4, 'seeker', 'e'), turn(5, 'supporter', 'f', 'Others')];
    // Turn 1 is being classified while turns 3 and 5 finish: they go together, and the answer forgets message 6.
    for (let n = 2; n <= turns.length; n += 2) meter.afterTurn(turns.slice(0, n));
    release.open();
    await meter.idle();
    expect(server.chatRequests().map(schemaName)).toEqual(['perceived_strategy', 'perceived_strategies', 'perceived_strategy']);
    expect(server.chatRequests()[2]!.body.messages!.at(-1)!.content).toContain('Supporter: f');
    const perceived = emitted.flatMap((e) => (e.type === 'perceived' ? [`${e.index}:${e.strategy}`] : []));
    expect(perceived).toEqual(['1:Information', '3:Question', '5:Information']);
    expect(meter.pending().labels).toEqual([]);
  });

  it('rejects with the provider error when the classifier cannot be reached (the engine falls back)', async () => {
    server = await startFakeOpenAI();
    server.respond(() => ({ kind: 'status', status: 404 }));
    await expect(classifyStrategy(judgeClient(server.url), chat('Question'), 3)).rejects.toMatchObject({ kind: 'bad-request' });
  });
});
