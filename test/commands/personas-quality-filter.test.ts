import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../core/personas/helpers.js';
import { askedIds } from '../core/traits/pipeline-fixtures.js';
import { startFakeOpenAI, type FakeServer, type RecordedRequest } from '../support/fake-openai-server.js';
import { droppedIn, personaHandler, personas, personasIn, quotedText, schemaOf, writeInput } from './generation-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * One input line per rule of the quality filter. The fake server answers as
 * `dev fake-server` does, except where a line's words ask it to slip the way a
 * careless model would: a card without an age band, with the wrong gender, a
 * rater that answers 3 to everything, and so on.
 */
const LINES: [rule: string, line: string][] = [
  ['not-a-description', '12345'],
  ['too-long', `A person who ${'talks and talks '.repeat(130)}`],
  ['not-a-person', 'The quarterly report of a shipping company.'],
  ['card-incomplete', 'A baker who kneads dough at dawn [no age].'],
  ['seeker-context-missing', 'A florist who arranges wreaths [no situation].'],
  ['age-contradicts-description', 'A 72-year-old widower who grows roses and argues with neighbours.'],
  ['age-contradicts-occupation', 'A retired postal worker who swims every morning [young].'],
  ['gender-contradicts-description', 'A grandmother who knits for the whole street.'],
  ['judged-inconsistent', 'A ferry mechanic who fixes engines at night [other job].'],
  ['traits-straight-lined', 'A chemist who mixes paints [flat ratings].'],
  ['traits-incomplete', 'A glazier who cuts glass [half rated].'],
  ['model-answer-unusable', 'A tailor who sews suits [garbled card].'],
  ['kept', 'A retired nurse who volunteers at a hospice and cannot let go of the patients she lost.'],
];

function slips(r: RecordedRequest, reply: string) {
  const kind = schemaOf(r);
  const text = kind === 'inventory_ratings' ? (r.body.messages?.at(-1)?.content ?? '') : quotedText(r);
  if (kind === 'persona_description_card') {
    const card = JSON.parse(reply) as Record<string, unknown>;
    if (text.includes('[no age]')) return JSON.stringify({ ...card, age_band: null });
    if (text.includes('[no situation]')) return JSON.stringify({ ...card, situation: null });
    if (text.includes('72-year-old')) return JSON.stringify({ ...card, age_band: '35-44' });
    if (text.includes('[young]')) return JSON.stringify({ ...card, age_band: '18-24' });
    if (text.includes('grandmother')) return JSON.stringify({ ...card, gender: 'man' });
    if (text.includes('[other job]')) return JSON.stringify({ ...card, occupation: 'airline pilot' });
    if (text.includes('[garbled card]')) return 'Sure! Here is the card: name Tom, a tailor.';
  }
  if (kind === 'inventory_ratings') {
    const ids = askedIds(r);
    if (text.includes('[flat ratings]')) return JSON.stringify(Object.fromEntries(ids.map((id) => [id, 3])));
    // Every other statement asked for is rated: 42 of 84 at first, then 21 of the 42 asked again.
    if (text.includes('[half rated]')) return JSON.stringify(Object.fromEntries(ids.filter((_, i) => i % 2 === 0).map((id) => [id, 4])));
  }
  return undefined;
}

describe('the quality filter', () => {
  it('drops each kind of bad candidate with its rule and reason in dropped.jsonl, and keeps the good one', async () => {
    server = await startFakeOpenAI({ handler: personaHandler(slips) });
    const file = await writeInput('people.txt', LINES.map(([, line]) => line).join('\n'));
    const out = await tempDir();
    const run = await personas(['import', file, '--out', out, '--role', 'seeker'], server.url);
    expect(run.code).toBe(0);
    const dropped = await droppedIn(out);
    const ruleOf = Object.fromEntries(dropped.map((d) => [d.sourceLine, d.rule]));
    LINES.forEach(([rule], i) => expect(ruleOf[i + 1] ?? 'kept', `line ${i + 1}`).toBe(rule));
    const reasonOf = (rule: string) => dropped.find((d) => d.rule === rule)!.reason;
    expect(reasonOf('not-a-description')).toBe('fewer than three words: not a description of a person');
    expect(reasonOf('too-long')).toMatch(/^2,\d{3} characters; a persona description holds at most 2,000$/);
    expect(reasonOf('not-a-person')).toBe('the card step found no individual person in the text');
    expect(reasonOf('card-incomplete')).toBe('the card lacks an age band');
    expect(reasonOf('seeker-context-missing')).toBe('a seeker needs a situation (at least 5 words), and the card lacks it');
    expect(reasonOf('age-contradicts-description')).toBe('the description says "72-year-old" but the card\'s age band is 35-44');
    expect(reasonOf('age-contradicts-occupation')).toMatch(/says "retired", which does not fit the age band 18-24$/);
    expect(reasonOf('gender-contradicts-description')).toBe('the description says "grandmother" but the card\'s gender is "man"');
    expect(reasonOf('judged-inconsistent')).toBe('the consistency check found: The description says the person is a ferry mechanic, but the card says airline pilot.');
    expect(reasonOf('traits-straight-lined')).toBe('every one of the 84 statements was rated 3: the ratings do not tell the person apart');
    expect(reasonOf('traits-incomplete')).toBe('21 of 84 statements got no valid rating (more than 10%)');
    expect(reasonOf('model-answer-unusable')).toMatch(/^persona card: the model's answer could not be used twice in a row \(the reply was not JSON/);
    // What the card step made is kept beside the reason, to see why.
    expect(dropped.find((d) => d.rule === 'gender-contradicts-description')!.card).toMatchObject({ gender: 'man', name: expect.any(String) });
    // Printed as they happen, and counted at the end.
    expect(run.out).toContain('dropped line 8, gender-contradicts-description: the description says "grandmother"');
    expect(run.out).toMatch(/^Dropped 12 \(.*\); each with its reason in .*dropped\.jsonl\.$/m);
    const kept = await personasIn(out);
    expect(kept.map((p) => p.provenance!.sourceLine)).toEqual([13]);
    // The fixed rules come before the model check, so only cards that passed them were checked.
    const checked = server.chatRequests().filter((r) => schemaOf(r) === 'persona_consistency').map(quotedText);
    expect(checked.sort()).toEqual([LINES[8]![1], LINES[9]![1], LINES[10]![1], LINES[12]![1]].sort());
  });

  it('asks the consistency check again when its answer is unusable, and drops the candidate when it is unusable twice', async () => {
    let checks = 0;
    server = await startFakeOpenAI({
      handler: personaHandler((r) => {
        if (schemaOf(r) !== 'persona_consistency') return undefined;
        checks += 1;
        if (quotedText(r).includes('once')) return checks === 1 ? '{"consistent": false, "problems": []}' : undefined;
        return '{"consistent": "maybe"}';
      }),
    });
    const once = await writeInput('once.txt', 'A 35-year-old librarian who is wrong once and reads all night.\n');
    const out = await tempDir();
    expect((await personas(['import', once, '--out', out, '--role', 'supporter'], server.url)).code).toBe(0);
    expect(await personasIn(out)).toHaveLength(1);
    const asked = server.chatRequests().filter((r) => schemaOf(r) === 'persona_consistency');
    expect(asked).toHaveLength(2);
    expect(asked[1]!.body.messages!.at(-1)!.content).toBe(
      'That answer could not be used: consistent is false but problems names no contradiction; name each one. Answer again with the JSON object only, exactly as asked.',
    );

    const twice = await writeInput('twice.txt', 'A 35-year-old librarian who never answers straight.\n');
    expect((await personas(['import', twice, '--out', out, '--role', 'supporter'], server.url)).code).toBe(0);
    const dropped = await droppedIn(out);
    expect(dropped).toEqual([
      expect.objectContaining({ rule: 'model-answer-unusable', reason: "consistency check: the model's answer could not be used twice in a row (consistent must be true or false)" }),
    ]);
  });

  it('--no-check leaves the model check out; the fixed rules still apply', async () => {
    server = await startFakeOpenAI({ handler: personaHandler(slips) });
    const file = await writeInput('people.txt', [LINES[7]![1], LINES[8]![1]].join('\n'));
    const out = await tempDir();
    expect((await personas(['import', file, '--out', out, '--role', 'seeker', '--no-check'], server.url)).code).toBe(0);
    expect((await droppedIn(out)).map((d) => d.rule)).toEqual(['gender-contradicts-description']);
    expect((await personasIn(out)).map((p) => p.occupation)).toEqual(['airline pilot']);
  });
});
