import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledPersonasDir, loadLibrary } from '../../src/core/personas/library.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../src/core/traits/dimensions.js';
import { tempDir } from '../core/personas/helpers.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { droppedIn, personaHandler, personas, personasIn, schemaOf, writeInput } from './generation-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SEEDS = [
  'A retired nurse who volunteers at a hospice and cannot let go of the patients she lost.',
  'A 24-year-old bike courier who argues with everyone and is behind on rent.',
].join('\n');

const cardRequests = () => server!.chatRequests().filter((r) => schemaOf(r) === 'persona_description_card');

describe('personas generate', () => {
  it('writes N new personas from seed descriptions: valid YAML with provenance, unique ids, traits that differ', async () => {
    server = await startFakeOpenAI({ handler: personaHandler() });
    const seeds = await writeInput('seeds.txt', SEEDS);
    const out = join(await tempDir(), 'generated');
    const run = await personas(['generate', '--from', seeds, '--count', '6', '--out', out, '--concurrency', '3', '--seed', '40'], server.url);
    expect(run.err).toMatch(/Generating 6 personas with judge-model into .*generated \(3 at a time\)/);
    expect(run.code).toBe(0);
    const made = await personasIn(out);
    expect(made).toHaveLength(6);
    expect(new Set(made.map((p) => p.id)).size).toBe(6);
    expect(run.out.match(/^kept /gm)).toHaveLength(6);
    expect(run.out).toMatch(/^Kept 6 personas in .*generated; 6 of 6 asked for\.$/m);
    for (const p of made) {
      expect(p.role).toBe('either');
      expect(p.situation && p.emotion_type && p.problem_type && p.initial_intensity).toBeTruthy();
      expect(p.provenance).toMatchObject({
        generator: 'persona-talks',
        method: 'generate',
        model: 'judge-model',
        promptVersion: 'personaExpansion@1 personaCard@1 personaCheck@1 measurement@1',
        sourceFile: seeds,
        candidate: expect.stringMatching(/^g-[0-9a-f]{16}$/),
      });
      expect(SEEDS.split('\n')).toContain(p.provenance!.source);
      // The description the model wrote is not the seed, and the card kept it.
      expect(p.provenance!.expanded).not.toBe(p.provenance!.source);
      expect(p.description.startsWith(p.provenance!.expanded!)).toBe(true);
      expect(p.provenance!.seed).toBeGreaterThanOrEqual(40);
    }
    // RQ1 needs variety: every dimension takes more than one value across the personas.
    for (const k of HEXACO_KEYS) expect(new Set(made.map((p) => p.hexaco![k])).size, `HEXACO ${k}`).toBeGreaterThan(1);
    for (const k of CSI_KEYS) expect(new Set(made.map((p) => p.csi![k])).size, `CSI ${k}`).toBeGreaterThan(1);
    // The seeds were sent to the model, candidates taking them in turn with different relations.
    const expansions = server.chatRequests().filter((r) => schemaOf(r) === 'persona_expansion');
    expect(expansions.some((r) => r.rawBody.includes('volunteers at a hospice'))).toBe(true);
    expect(new Set(expansions.map((r) => r.body.messages![0]!.content)).size).toBeGreaterThan(2);
    // The persona library loads the folder beside bundled and user personas.
    const library = await loadLibrary({ userDir: await tempDir(), extraDirs: [out] });
    expect(library.errors).toEqual([]);
    expect(made.every((p) => library.personas.some((l) => l.persona.id === p.id))).toBe(true);
  });

  it('takes persona ids as seeds and prints NDJSON events with --json', async () => {
    server = await startFakeOpenAI({ handler: personaHandler() });
    const out = join(await tempDir(), 'gen');
    const run = await personas(['generate', '--from', 'night-shift-nurse,warm-listener', '--count', '2', '--out', out, '--role', 'supporter', '--json'], server.url);
    expect(run.code).toBe(0);
    const events = run.out.trim().split('\n').map((line) => JSON.parse(line) as { type: string; [k: string]: unknown });
    expect(events[0]).toMatchObject({ type: 'started', method: 'generate', role: 'supporter', target: 2, model: 'judge-model', resumed: { saved: 0, dropped: 0 } });
    expect(events.at(-1)).toMatchObject({ type: 'finished', saved: 2, failed: 0, target: 2 });
    const saved = events.filter((e) => e.type === 'saved');
    expect(saved).toHaveLength(2);
    expect(saved[0]).toMatchObject({ role: 'supporter', hexaco: { E: expect.any(Number) }, file: expect.stringContaining(out) });
    const made = await personasIn(out);
    expect(made.every((p) => p.role === 'supporter' && p.situation === undefined)).toBe(true);
    expect(made.map((p) => p.provenance!.source).join('\n')).toContain('intensive-care nurse');
  });

  it('never takes an id the library or the folder already has, and never overwrites a file', async () => {
    server = await startFakeOpenAI({ handler: personaHandler((r, reply) => (schemaOf(r) === 'persona_description_card' ? JSON.stringify({ ...JSON.parse(reply), name: 'Mina Haddad' }) : undefined)) });
    const seeds = await writeInput('seeds.txt', SEEDS);
    const out = await tempDir();
    // A bundled persona is called Mina Haddad (anxious-phd-student), but the id mina-haddad is free in the library; the folder holds one.
    await writeFile(join(out, 'mina-haddad.yaml'), '# not a persona at all\n');
    const run = await personas(['generate', '--from', seeds, '--count', '2', '--out', out], server.url);
    expect(run.code).toBe(0);
    expect((await readdir(out)).filter((f) => f.endsWith('.yaml')).sort()).toEqual(['mina-haddad-2.yaml', 'mina-haddad-3.yaml', 'mina-haddad.yaml']);
  });
});

describe('personas import FILE', () => {
  it('JSONL as PersonaHub writes it: one persona per line, a repeated line dropped as a duplicate of the first', async () => {
    server = await startFakeOpenAI({ handler: personaHandler() });
    const file = await writeInput('hub.jsonl', [
      '{"persona": "A retired postal worker who keeps meticulous lists and is grieving a brother who died last winter."}',
      '{"persona": "A 31-year-old call-centre agent who loves a crowd and feels shut out by old friends."}',
      '{"persona": "A retired postal worker who keeps meticulous lists and is grieving a brother who died last winter."}',
      '{"description": "A 47-year-old bus driver who is blunt to the point of rudeness and is in conflict with a new manager."}',
    ].join('\n'));
    const out = await tempDir();
    const run = await personas(['import', file, '--out', out, '--role', 'supporter'], server.url);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^kept [a-z-]+: .* \(supporter\) ← line 1$/m);
    expect(run.out).toContain('dropped line 3, duplicate: the same description as line 1');
    expect(run.out).toMatch(/^Kept 3 personas in .*; 3 of 4 asked for\.$/m);
    const made = await personasIn(out);
    expect(made.map((p) => p.provenance!.sourceLine).sort()).toEqual([1, 2, 4]);
    for (const p of made) {
      expect(p.provenance).toMatchObject({ method: 'import', sourceFile: file, promptVersion: 'personaCard@1 personaCheck@1 measurement@1', candidate: expect.stringMatching(/^i-/) });
      expect(p.provenance!.expanded).toBeUndefined();
      expect(p.description).toContain(p.provenance!.source);
    }
    expect((await droppedIn(out)).map((d) => [d.rule, d.sourceLine])).toEqual([['duplicate', 3]]);
    // No model call for a duplicate: three cards for four lines.
    expect(cardRequests()).toHaveLength(3);
  });

  it('a text file, one description a line, as seekers with their ESConv context', async () => {
    server = await startFakeOpenAI({ handler: personaHandler() });
    const file = await writeInput('people.txt', '# two people\nA 52-year-old ferry mechanic who stays calm when everyone else panics, and has just been told the yard will close.\n\nA 19-year-old nursing student who worries about everything and cannot sleep since the exam results came out.\n');
    const out = await tempDir();
    const run = await personas(['import', file, '--out', out, '--role', 'seeker', '--no-check'], server.url);
    expect(run.code).toBe(0);
    const made = await personasIn(out);
    expect(made.map((p) => [p.provenance!.sourceLine, p.role, p.problem_type])).toEqual(
      expect.arrayContaining([
        [2, 'seeker', 'job crisis'],
        [4, 'seeker', 'academic pressure'],
      ]),
    );
    expect(made.every((p) => p.provenance!.promptVersion === 'personaCard@1 measurement@1')).toBe(true);
    expect(server.chatRequests().some((r) => schemaOf(r) === 'persona_consistency')).toBe(false);
    // Cue words in the descriptions show in the fake rater's scores: the worrier's Emotionality is the higher.
    const byLine = Object.fromEntries(made.map((p) => [p.provenance!.sourceLine, p]));
    expect(byLine[4]!.hexaco!.E).toBeGreaterThan(byLine[2]!.hexaco!.E);
  });

  it('`personas import card FILE` is still the character-card import', async () => {
    server = await startFakeOpenAI({ handler: personaHandler() });
    const run = await personas(['import', 'card', '/no/such/card.json', '--role', 'supporter'], server.url);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/persona-talks personas: cannot read \/no\/such\/card\.json: ENOENT/);
  });
});

describe('running again', () => {
  it('with the same arguments skips every finished candidate, kept or dropped, and makes no model call for them', async () => {
    server = await startFakeOpenAI({ handler: personaHandler() });
    const file = await writeInput('hub.jsonl', ['A', 'B', 'C'].map((x) => JSON.stringify({ persona: `A 40-year-old bus driver named in test ${x} who keeps meticulous lists.` })).concat('{"persona": "N/A"}').join('\n'));
    const out = await tempDir();
    const first = await personas(['import', file, '--out', out], server.url);
    expect(first.code).toBe(0);
    expect(first.out).toContain('dropped line 4, not-a-description');
    const calls = server.chatRequests().length;
    // A run killed while writing dropped.jsonl leaves a torn last line: it is ended, noted, and the file stays readable.
    await appendFile(join(out, 'dropped.jsonl'), '{"candidate": "i-torn", "ru');
    const again = await personas(['import', file, '--out', out], server.url);
    expect(again.code).toBe(0);
    expect(server.chatRequests().length).toBe(calls);
    expect(again.err).toContain('earlier runs finished 3 kept and 1 dropped: skipping them');
    expect(again.err).toMatch(/dropped\.jsonl:2: not JSON, skipped/);
    expect(again.out).toMatch(/^Kept 0 personas \(and 3 from earlier runs\) in .*; 3 of 4 asked for\.$/m);
    expect(await personasIn(out)).toHaveLength(3);
  });

  it('after a stop part-way, goes on where it stopped: nothing done twice, nothing lost', async () => {
    let stop: (() => void) | undefined;
    let cards = 0;
    server = await startFakeOpenAI({
      handler: personaHandler((r) => {
        // Stop the run (as Ctrl+C does) when the third card is asked for.
        if (schemaOf(r) === 'persona_description_card' && ++cards === 3) stop?.();
        return undefined;
      }),
    });
    const seeds = await writeInput('seeds.txt', SEEDS);
    const out = await tempDir();
    const args = ['generate', '--from', seeds, '--count', '5', '--out', out, '--concurrency', '1'];
    const first = await personas(args, server.url, { onStart: (s) => (stop = s) });
    expect(first.code).toBe(130);
    expect(first.out).toMatch(/Stopped: stopped before every candidate was done\. Run the same command again to go on\./);
    const kept = await personasIn(out);
    const dropped = await droppedIn(out);
    expect(kept.length + dropped.length).toBe(2);
    stop = undefined;
    const before = cardRequests().length;
    const second = await personas(args, server.url);
    expect(second.code).toBe(0);
    const all = await personasIn(out);
    expect(all).toHaveLength(5);
    // The candidate in flight at the stop is done again; the two finished ones are not.
    const keys = [...all.map((p) => p.provenance!.candidate), ...(await droppedIn(out)).map((d) => d.candidate)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(cardRequests().length - before).toBe(keys.length - 2);
  });
});

describe('a server that fails', () => {
  it('fails candidates without recording them, stops after three in a row, and a later run does them', async () => {
    server = await startFakeOpenAI({ handler: () => ({ kind: 'status', status: 500 }) });
    const file = await writeInput('people.txt', 'A nurse who sings.\nA baker who runs.\nA pilot who knits.\nA tailor who rows.\nA miner who paints.\n');
    const out = await tempDir();
    const failed = await personas(['import', file, '--out', out, '--concurrency', '1'], server.url);
    expect(failed.code).toBe(1);
    expect(failed.err.match(/^failed line \d: .*\(tried again on the next run\)$/gm)).toHaveLength(3);
    expect(failed.out).toMatch(/Stopped: 3 candidates in a row failed on the server; the last: /);
    expect(await droppedIn(out)).toEqual([]);
    server.respond(personaHandler());
    const again = await personas(['import', file, '--out', out], server.url);
    expect(again.code).toBe(0);
    expect((await personasIn(out)).length + (await droppedIn(out)).length).toBe(5);
  });
});

describe('bad input: a clear error, exit 2, nothing started', () => {
  async function bad(args: string[]) {
    server ??= await startFakeOpenAI({ handler: personaHandler() });
    const run = await personas(args, server.url);
    expect(run.code).toBe(2);
    expect(server.chatRequests()).toEqual([]);
    return run.err;
  }

  it('a missing file, an empty file, a line that is not JSON', async () => {
    expect(await bad(['import', '/no/such/people.jsonl'])).toBe('persona-talks personas import: /no/such/people.jsonl: not found\nNothing was started.\n');
    const empty = await writeInput('empty.jsonl', '');
    expect(await bad(['import', empty])).toContain(`${empty}: has no descriptions`);
    const broken = await writeInput('broken.jsonl', '{"persona": "A nurse who sings."}\n{"persona": "A baker\n');
    expect(await bad(['import', broken])).toMatch(new RegExp(`^persona-talks personas import: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not JSON \\(`));
    expect(await bad(['generate', '--from', 'nobody-by-this-id', '--count', '2'])).toContain('nobody-by-this-id: no such file, folder or persona id');
    expect(await bad(['generate', '--from', '/no/such/seeds.txt', '--count', '2'])).toContain('/no/such/seeds.txt: not found');
  });

  it('--count 0, a missing --from or --count, a stray argument', async () => {
    expect(await bad(['generate', '--from', 'x.txt', '--count', '0'])).toMatch(/--count must be a whole number from 1 to 100000 \(got "0"\)/);
    expect(await bad(['generate', '--count', '3'])).toMatch(/say where the seed descriptions are: --from/);
    expect(await bad(['generate', '--from', 'x.txt'])).toMatch(/say how many personas to make: --count N/);
    expect(await bad(['import'])).toMatch(/say which file to import: personas import FILE/);
    expect(await bad(['import', 'a.txt', 'b.txt'])).toMatch(/import takes one file/);
  });

  it('a folder that cannot be written', async () => {
    const file = await writeInput('people.txt', 'A nurse who sings.\n');
    expect(await bad(['import', file, '--out', file])).toContain(`${file} is a file, not a folder (choose another with --out DIR). Nothing was started.`);
    expect(await bad(['import', file, '--out', join(file, 'sub')])).toContain('part of its path is a file');
    const BUNDLED = bundledPersonasDir();
    // The bundled folder is refused before any model call, not candidate by candidate.
    expect(await bad(['import', file, '--out', BUNDLED])).toContain(`refusing to save into the bundled persona folder (${BUNDLED}) (choose another with --out DIR). Nothing was started.`);
    if (process.getuid?.() !== 0) {
      const { chmod } = await import('node:fs/promises');
      const locked = await tempDir();
      await chmod(locked, 0o500);
      expect(await bad(['import', file, '--out', locked])).toContain('(permission denied)');
      // A folder still to be made is checked against its nearest existing parent, and not made.
      expect(await bad(['import', file, '--out', join(locked, 'a', 'b')])).toContain('(permission denied)');
      expect(existsSync(join(locked, 'a'))).toBe(false);
    }
  });
});
