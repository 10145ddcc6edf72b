import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputFolder, readFolder, slugify } from '../../../../src/core/personas/generation/folder.js';
import { loadLibrary } from '../../../../src/core/personas/library.js';
import { loadPersonaFile } from '../../../../src/core/personas/load.js';
import { removeStaleTemps, saveNewPersona } from '../../../../src/core/personas/save.js';
import type { Persona } from '../../../../src/core/personas/schema.js';
import { personaCard } from '../../../../src/core/personas/text-view.js';
import { seekerYaml, tempDir, writeFiles } from '../helpers.js';

const made: Persona = {
  id: 'maren-ostby',
  role: 'supporter',
  name: 'Maren Østby',
  age_band: '65+',
  occupation: 'retired nurse',
  description: 'Maren spent forty years on hospital wards and now sits with the dying at a hospice twice a week.',
  hexaco: { H: 3.88, E: 3.13, X: 2.5, A: 4, C: 3.63, O: 3 },
  csi: { expressiveness: 2.5, preciseness: 3.67, verbal_aggressiveness: 1.83, questioningness: 3, emotionality: 3.17, impression_manipulativeness: 2 },
  provenance: {
    generator: 'persona-talks',
    method: 'import',
    model: 'qwen2.5:7b',
    promptVersion: 'personaCard@1 personaCheck@1 measurement@1',
    prompts: { personaCard: '1', personaCheck: '1', measurement: '1' },
    seed: 3,
    source: 'A retired nurse who volunteers at a hospice and cannot let go of the patients she lost, every one of them, even years later.',
    sourceFile: 'hub.jsonl',
    sourceLine: 3,
    candidate: 'i-0123456789abcdef',
    createdAt: '2025-03-01T10:00:00.000Z',
  },
};

describe('a generated persona file', () => {
  it('round-trips with its provenance, and a file without one still loads', async () => {
    const dir = await tempDir();
    const file = await saveNewPersona(made, dir);
    expect(await readFile(file, 'utf8')).toMatch(/^provenance:\n {2}generator: persona-talks\n/m);
    expect((await loadPersonaFile(file)).persona).toEqual(made);
    await writeFiles(dir, { 'plain.yaml': seekerYaml('plain') });
    expect((await loadPersonaFile(join(dir, 'plain.yaml'))).errors).toEqual([]);
  });

  it('a provenance with a wrong field is an error naming it', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'bad.yaml': `${seekerYaml('bad')}provenance:\n  generator: persona-talks\n  method: invented\n` });
    const loaded = await loadPersonaFile(join(dir, 'bad.yaml'));
    expect(loaded.errors.map((e) => `${e.line} ${e.field}: ${e.message}`)).toEqual(expect.arrayContaining(['26 provenance.method: must be generate or import']));
  });

  it('temp files of a killed writer are removed, a live one\'s are not', async () => {
    const dir = await tempDir();
    // A pid far above any kernel's pid_max: no such process.
    const dead = `.maren-ostby.yaml.${2 ** 31 - 2}.0123abcd.tmp`;
    const live = `.maren-ostby.yaml.${process.pid}.89abcdef.tmp`;
    await writeFiles(dir, { [dead]: 'half a persona', [live]: 'being written', 'notes.tmp': 'mine' });
    expect(await removeStaleTemps(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([live, 'notes.tmp'].sort());
  });

  it('saveNewPersona never overwrites, and refuses the bundled folder itself but not a folder inside it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'maren-ostby.yaml'), 'someone else\n');
    await expect(saveNewPersona(made, dir)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await readFile(join(dir, 'maren-ostby.yaml'), 'utf8')).toBe('someone else\n');
    const bundled = await tempDir();
    await expect(saveNewPersona(made, bundled, { bundledDir: bundled })).rejects.toThrow(/bundled persona folder/);
    expect(await saveNewPersona(made, join(bundled, 'generated'), { bundledDir: bundled })).toBe(join(bundled, 'generated', 'maren-ostby.yaml'));
  });
});

describe('the output folder', () => {
  it('gives personas saved at once different ids made from their names', async () => {
    const dir = await tempDir();
    const folder = new OutputFolder(dir, new Set(['maren-ostby']));
    const { id: _id, ...draft } = made;
    const saved = await Promise.all([folder.save(draft), folder.save(draft), folder.save({ ...draft, name: '李 雷' })]);
    expect(saved.map((s) => s.id)).toEqual(['maren-ostby-2', 'maren-ostby-3', 'persona']);
  });

  it('remembers finished candidates from persona provenance and dropped.jsonl, and notes what it cannot read', async () => {
    const dir = await tempDir();
    await saveNewPersona(made, dir);
    await writeFiles(dir, {
      'dropped.jsonl': '{"candidate": "i-dropped", "rule": "duplicate", "reason": "x"}\n{"candidate": "i-tor',
      'broken.yaml': 'id: [\n',
    });
    const state = await readFolder(dir);
    expect([...state.finished]).toEqual([
      ['i-0123456789abcdef', 'saved'],
      ['i-dropped', 'dropped'],
    ]);
    expect([...state.ids].sort()).toEqual(['broken', 'maren-ostby']);
    expect(state.notes).toEqual([expect.stringMatching(/broken\.yaml:\d: YAML syntax error/), `${join(dir, 'dropped.jsonl')}:2: not JSON, skipped (a line cut short by an interrupted run?)`]);
    // Appending ends the torn line first, so the new line reads.
    await new OutputFolder(dir, new Set()).appendDropped({ candidate: 'i-new', rule: 'duplicate', reason: 'y' });
    expect([...(await readFolder(dir)).finished.keys()]).toContain('i-new');
  });

  it('slugifies names into persona ids', () => {
    expect(slugify('Zoë Ní Bhriain')).toBe('zoe-ni-bhriain');
    expect(slugify('Maren Østby-Łukasz')).toBe('maren-ostby-lukasz');
    expect(slugify("  D'Arcy  O'Neil-Smith ")).toBe('d-arcy-o-neil-smith');
    expect(slugify('---')).toBe('persona');
  });
});

describe('the library with a generated folder', () => {
  it('adds the folder\'s personas; an id already loaded is reported and left out', async () => {
    const extra = await tempDir();
    await writeFiles(extra, { 'mine.yaml': seekerYaml('from-folder'), 'clash.yaml': seekerYaml('warm-listener') });
    const library = await loadLibrary({ userDir: await tempDir(), extraDirs: [extra] });
    expect(library.personas.find((p) => p.persona.id === 'from-folder')?.file).toBe(join(extra, 'mine.yaml'));
    expect(library.personas.filter((p) => p.persona.id === 'warm-listener')).toHaveLength(1);
    expect(library.errors).toEqual([expect.objectContaining({ file: join(extra, 'clash.yaml'), field: 'id', message: expect.stringMatching(/^duplicate id "warm-listener", also used by .*warm-listener\.yaml$/) })]);
    const missing = await loadLibrary({ userDir: await tempDir(), extraDirs: [join(extra, 'nope')] });
    expect(missing.errors).toEqual([{ file: join(extra, 'nope'), message: 'not found' }]);
  });
});

describe('personas show', () => {
  it('says where a generated persona came from', () => {
    const text = personaCard({ persona: made, file: 'maren-ostby.yaml', source: 'user' }, 100);
    expect(text).toContain('Made by persona-talks personas import with qwen2.5:7b, seed 3, 2025-03-01');
    expect(text).toContain('  from (hub.jsonl:3): A retired nurse who volunteers at a hospice');
  });
});
