import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { encode as textChunk } from 'png-chunk-text';
import encodeChunks from 'png-chunks-encode';
import { afterEach, describe, expect, it } from 'vitest';
import { runPersonaCardCommand, type PersonaCardDeps } from '../../../src/commands/personas-card.js';
import { runPersonasCommand } from '../../../src/commands/personas.js';
import { loadPersonaFile } from '../../../src/core/personas/load.js';
import { savePersona } from '../../../src/core/personas/save.js';
import { PersonaSchema, type Persona } from '../../../src/core/personas/schema.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';
import { judgeClient } from '../traits/judge-fixtures.js';
import { EXPECTED_CSI, EXPECTED_HEXACO, fixtureInventories, pipelineHandler } from '../traits/pipeline-fixtures.js';
import { captureIo, SEEKER, SUPPORTER, tempDir } from '../sessions/fixtures.js';

/** A third-party Character Card V2, written for this test. */
const CARD = {
  spec: 'chara_card_v2',
  spec_version: '2.0',
  data: {
    name: 'Wilhelmina Ashgrove',
    description: '{{char}} restores church organs and talks to {{user}} in long, careful sentences.',
    personality: 'meticulous, shy, warm once trusted',
    scenario: 'Her workshop lost its lease and {{char}} must move out by winter.',
    first_mes: 'Oh. Hello.',
    mes_example: '',
    creator_notes: '',
    system_prompt: '',
    post_history_instructions: '',
    alternate_greetings: [],
    tags: ['test'],
    creator: 'test-author',
    character_version: '1.2',
    extensions: {},
  },
};

/** A real 1×1 PNG with the given tEXt chunks. */
function png(texts: Array<[string, string]>): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const idat = deflateSync(Buffer.from([0, 200, 100, 50]));
  return Buffer.from(
    encodeChunks([{ name: 'IHDR', data: ihdr }, ...texts.map(([k, v]) => textChunk(k, v)), { name: 'IDAT', data: idat }, { name: 'IEND', data: new Uint8Array(0) }]),
  );
}
const base64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function deps(options: { judge?: 'reachable' | 'none' } = {}): PersonaCardDeps & { userDir: string } {
  return {
    bundledDir: tempDir('pt-bundled-'),
    userDir: tempDir('pt-user-'),
    inventories: fixtureInventories(),
    ask: async () => undefined,
    judge: async () => (options.judge === 'reachable' && server ? { client: judgeClient(server.url) } : { reason: 'no judge model is reachable (test)' }),
  };
}

async function run(args: string[], d: PersonaCardDeps) {
  const cap = captureIo();
  const code = await runPersonaCardCommand(args, cap.io, d);
  return { code, out: cap.stdout(), err: cap.stderr() };
}

function file(name: string, content: string | Buffer): string {
  const path = join(tempDir('pt-card-'), name);
  writeFileSync(path, content);
  return path;
}

const SEEKER_FLAGS = ['--role', 'seeker', '--emotion-type', 'anxiety', '--problem-type', 'job crisis', '--intensity', '4'];

describe('personas import card', () => {
  it('a V2 card in a PNG becomes a seeker whose traits the measurement pipeline scores', async () => {
    server = await startFakeOpenAI({ handler: pipelineHandler() });
    const d = deps({ judge: 'reachable' });
    const path = file('wilhelmina.png', png([['Software', 'test'], ['chara', base64(CARD)]]));
    const r = await run(['import', 'card', path, ...SEEKER_FLAGS], d);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Imported "Wilhelmina Ashgrove" as wilhelmina-ashgrove (seeker)');
    expect(r.out).toContain('traits scored from the description by the judge model');
    const loaded = await loadPersonaFile(join(d.userDir, 'wilhelmina-ashgrove.yaml'));
    expect(loaded.errors).toEqual([]);
    const p = loaded.persona!;
    expect(p.description).toBe('Wilhelmina Ashgrove restores church organs and talks to the other person in long, careful sentences.\n\nPersonality: meticulous, shy, warm once trusted');
    expect(p.situation).toBe('Her workshop lost its lease and Wilhelmina Ashgrove must move out by winter.');
    expect(p).toMatchObject({ role: 'seeker', emotion_type: 'anxiety', problem_type: 'job crisis', initial_intensity: 4, hexaco: EXPECTED_HEXACO, csi: EXPECTED_CSI });
    expect(p.unscored).toBeUndefined();
    expect(p.notes).toContain('chara_card_v2, by test-author, version 1.2');
    // The pipeline was asked about the card's description.
    expect(server.chatRequests().some((q) => q.rawBody.includes('restores church organs'))).toBe(true);
  });

  it('with no model reachable the persona is saved unscored, valid, with a notice', async () => {
    const d = deps({ judge: 'none' });
    const path = file('card.json', JSON.stringify(CARD));
    const r = await run(['import', 'card', path, '--role', 'supporter'], d);
    expect(r.code).toBe(0);
    expect(r.err).toContain('notice: traits not scored: no judge model is reachable (test)');
    expect(r.err).toContain('"unscored: true"');
    const saved = join(d.userDir, 'wilhelmina-ashgrove.yaml');
    expect(readFileSync(saved, 'utf8')).toMatch(/^unscored: true$/m);
    const loaded = await loadPersonaFile(saved);
    expect(loaded.errors).toEqual([]);
    expect(loaded.persona).toMatchObject({ role: 'supporter', unscored: true });
    expect(loaded.persona!.hexaco).toBeUndefined();
    expect(loaded.persona!.situation).toBeUndefined();
    // A second import of the same card does not overwrite the first.
    const again = await run(['import', 'card', path, '--role', 'supporter', '--no-score'], d);
    expect(again.out).toContain('saved as "wilhelmina-ashgrove-2"');
    expect(again.err).toContain('you asked not to score them (--no-score)');
  });

  it('asks for the role on a terminal, and without one says which flag to give', async () => {
    const d = deps();
    const path = file('card.json', JSON.stringify(CARD));
    const noTerminal = await run(['import', 'card', path, '--no-score'], d);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.err).toContain('say which side "Wilhelmina Ashgrove" plays: --role seeker, supporter or either');
    const answers = ['seeker', 'sadness', 'moving away', '3'];
    const asked = await run(['import', 'card', path, '--no-score'], { ...d, ask: async () => answers.shift() });
    expect(asked.code).toBe(0);
    const p = (await loadPersonaFile(join(d.userDir, 'wilhelmina-ashgrove.yaml'))).persona!;
    expect(p).toMatchObject({ role: 'seeker', emotion_type: 'sadness', problem_type: 'moving away', initial_intensity: 3 });
  });

  it('a seeker without its ESConv context is a clear error that names the flags', async () => {
    const r = await run(['import', 'card', file('card.json', JSON.stringify(CARD)), '--role', 'seeker', '--no-score'], deps());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not make a valid seeker persona: emotion_type is required for a seeker/);
    expect(r.err).toContain('A seeker needs --emotion-type, --problem-type, --intensity 1-5');
  });

  it('bad input gets a clear error and saves nothing', async () => {
    const d = deps();
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['not-a-card.json', '{"hello": "world"}', /is JSON but not a character card \(no "spec": "chara_card_v2", and no name, description and first_mes\)/],
      ['notes.txt', 'just some words', /is neither a PNG image nor JSON, so not a character card/],
      ['plain.png', png([['Software', 'test']]), /is a PNG image without a character card: it has no "chara" text chunk/],
      ['garbled.png', png([['chara', 'not base64 json!!']]), /the "chara" chunk of .* is not base64-encoded JSON/],
      ['broken.png', Buffer.concat([png([['chara', base64(CARD)]]).subarray(0, 40), Buffer.alloc(8)]), /is not a readable PNG image/],
      ['nameless.json', JSON.stringify({ ...CARD, data: { ...CARD.data, name: ' ' } }), /character card without a name/],
      ['empty.json', JSON.stringify({ ...CARD, data: { ...CARD.data, description: '', personality: '' } }), /has no description or personality/],
      ['future.json', JSON.stringify({ ...CARD, spec: 'chara_card_v9' }), /unknown kind \("spec": "chara_card_v9"\)/],
    ];
    for (const [name, content, message] of cases) {
      const r = await run(['import', 'card', file(name, content), '--role', 'supporter'], d);
      expect([name, r.code]).toEqual([name, 1]);
      expect(r.err).toMatch(message);
    }
    const { readdirSync, existsSync } = await import('node:fs');
    expect(existsSync(d.userDir) ? readdirSync(d.userDir) : []).toEqual([]);
    expect((await run(['import', 'card', '/no/such/file.png', '--role', 'seeker'], d)).err).toContain('cannot read /no/such/file.png: ENOENT');
  });
});

describe('personas export --format card, and back', () => {
  async function roundTrip(persona: Persona, viaPng: boolean) {
    const from = deps();
    await savePersona(persona, from.userDir, { bundledDir: from.bundledDir });
    const exported = await run(['export', persona.id, '--format', 'card'], from);
    expect(exported.code).toBe(0);
    const card = JSON.parse(exported.out) as { spec: string; data: { name: string; description: string; scenario: string; extensions: object } };
    const to = deps();
    const path = viaPng ? file('card.png', png([['chara', base64(card)]])) : file('card.json', exported.out);
    const imported = await run(['import', 'card', path, '--role', persona.role], to);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('restored from the card');
    const back = (await loadPersonaFile(join(to.userDir, `${persona.id}.yaml`))).persona;
    return { card, back };
  }

  it('a seeker survives persona → card → persona, and the card says its traits in words', async () => {
    const { card, back } = await roundTrip(SEEKER, true);
    expect(back).toEqual(PersonaSchema.parse(SEEKER));
    expect(card.spec).toBe('chara_card_v2');
    expect(card.data.name).toBe('Odile Marsh');
    expect(card.data.description).toContain('A ferry clerk who keeps her worries to herself');
    expect(card.data.description).toContain('Emotionality very high (4.6 of 5)');
    expect(card.data.description).toContain('eXtraversion low (1.8 of 5)');
    expect(card.data.description).toContain('Verbal Aggressiveness very low (1.4 of 5)');
    expect(card.data.scenario).toContain('The ferry line she works for is closing in spring');
  });

  it('a supporter too, and a third-party card keeps its text through import and export', async () => {
    const { back } = await roundTrip(SUPPORTER, false);
    expect(back).toEqual(PersonaSchema.parse(SUPPORTER));
    const d = deps();
    await run(['import', 'card', file('c.json', JSON.stringify(CARD)), '--role', 'either', '--no-score'], d);
    const out = await run(['export', 'wilhelmina-ashgrove', '--format', 'card'], d);
    const card = JSON.parse(out.out) as { data: { description: string; scenario: string } };
    expect(card.data.description).toContain('restores church organs');
    expect(card.data.description).toContain('Personality traits not scored yet.');
    expect(card.data.scenario).toBe('Her workshop lost its lease and Wilhelmina Ashgrove must move out by winter.');
  });

  it('fails clearly on an unknown id or a missing --format, and routes through personas', async () => {
    const d = deps();
    expect((await run(['export', 'nobody', '--format', 'card'], d)).code).toBe(1);
    const noFormat = await run(['export', 'nobody'], d);
    expect(noFormat.code).toBe(2);
    expect(noFormat.err).toContain('--format needs card');
    const cap = captureIo();
    expect(await runPersonasCommand(['export', SEEKER.id, '--format', 'yaml'], cap.io, { bundledDir: d.bundledDir, userDir: d.userDir })).toBe(2);
    expect(cap.stderr()).toContain('--format needs card (got "yaml")');
  });

  it('the schema: unscored leaves traits out, and contradicting it is an error', () => {
    const base = { id: 'x', role: 'supporter', name: 'X', description: 'd' };
    expect(PersonaSchema.safeParse({ ...base, unscored: true }).success).toBe(true);
    expect(PersonaSchema.safeParse(base).success).toBe(false);
    const both = PersonaSchema.safeParse({ ...base, unscored: true, hexaco: SEEKER.hexaco, csi: SEEKER.csi });
    expect(both.success).toBe(false);
    expect(JSON.stringify(both.error?.issues)).toContain('must be removed once hexaco and csi are filled in');
    expect(PersonaSchema.safeParse({ ...base, unscored: true, baseline: true }).success).toBe(false);
  });
});
