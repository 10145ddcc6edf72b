import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonaValidationError } from '../../../src/core/personas/errors.js';
import { bundledPersonasDir, loadLibrary } from '../../../src/core/personas/library.js';
import { loadPersonaDir, loadPersonaFile } from '../../../src/core/personas/load.js';
import { personaToYaml, savePersona } from '../../../src/core/personas/save.js';
import type { Persona } from '../../../src/core/personas/schema.js';
import { tempDir } from './helpers.js';

const seeker: Persona = {
  id: 'round-trip',
  role: 'seeker',
  name: 'Round Trip',
  age_band: '25-34',
  gender: 'female',
  occupation: 'tester',
  description: 'A long description that goes on for a while so that the writer has to fold it across several lines of YAML.',
  hexaco: { O: 3.5, C: 4, A: 2.5, X: 1.5, E: 4.5, H: 3 },
  csi: { impression_manipulativeness: 2, emotionality: 4.2, questioningness: 3.1, verbal_aggressiveness: 3.3, preciseness: 3.9, expressiveness: 1.8 },
  notes: 'first line\n  indented second line\nthird: with a colon',
  emotion_type: 'anxiety',
  problem_type: 'job crisis',
  situation: 'My contract ends on Friday. Nobody has said whether it will be renewed.',
  initial_intensity: 4,
};

describe('savePersona', () => {
  it('round-trips through load unchanged', async () => {
    const dir = await tempDir();
    const file = await savePersona(seeker, dir);
    expect(file).toBe(join(dir, 'round-trip.yaml'));
    const loaded = await loadPersonaFile(file);
    expect(loaded.errors).toEqual([]);
    expect(loaded.persona).toEqual(seeker);
  });

  it('writes readable YAML: header comment, keys and traits in schema order', () => {
    const text = personaToYaml(seeker);
    expect(text.startsWith('# Round Trip')).toBe(true);
    const keys = text.split('\n').filter((l) => /^[a-z_]+:/.test(l)).map((l) => l.split(':')[0]);
    expect(keys).toEqual(['id', 'role', 'name', 'age_band', 'gender', 'occupation', 'description', 'hexaco', 'csi', 'notes', 'emotion_type', 'problem_type', 'situation', 'initial_intensity']);
    const traitKeys = text.split('\n').filter((l) => /^ {2}[A-Za-z_]+:/.test(l)).map((l) => l.trim().split(':')[0]);
    expect(traitKeys.slice(0, 6)).toEqual(['H', 'E', 'X', 'A', 'C', 'O']);
    expect(traitKeys.slice(6, 8)).toEqual(['expressiveness', 'preciseness']);
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(110);
  });

  it('overwrites atomically and leaves no temp files behind', async () => {
    const dir = await tempDir();
    await savePersona(seeker, dir);
    await savePersona({ ...seeker, name: 'Renamed' }, dir);
    expect(await readdir(dir)).toEqual(['round-trip.yaml']);
    expect((await loadPersonaFile(join(dir, 'round-trip.yaml'))).persona?.name).toBe('Renamed');
  });

  it('creates the user folder lazily', async () => {
    const dir = join(await tempDir(), 'config', 'persona-talks', 'personas');
    await savePersona(seeker, dir);
    expect((await loadPersonaDir(dir)).personas).toHaveLength(1);
  });

  it('refuses to write into the bundled folder, even through a relative path', async () => {
    const before = await readdir(bundledPersonasDir());
    await expect(savePersona(seeker, bundledPersonasDir())).rejects.toThrow(/bundled persona folder/);
    await expect(savePersona(seeker, join(bundledPersonasDir(), '..', 'personas', 'sub'))).rejects.toThrow(/bundled/);
    expect(await readdir(bundledPersonasDir())).toEqual(before);
  });

  it('validates first and writes nothing for an invalid persona', async () => {
    const dir = await tempDir();
    const bad = { ...seeker, hexaco: { ...seeker.hexaco!, E: 9 } };
    const error = await savePersona(bad, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonaValidationError);
    expect((error as PersonaValidationError).errors).toEqual([{ file: join(dir, 'round-trip.yaml'), field: 'hexaco.E', message: 'must be at most 5' }]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('strips control characters before writing', async () => {
    const dir = await tempDir();
    const file = await savePersona({ ...seeker, name: 'Bell\u0007 and \u001b[2Jclear' }, dir);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('\u001b');
    expect((await loadPersonaFile(file)).persona?.name).toBe('Bell and clear');
  });

  it('saves a baseline supporter without traits', async () => {
    const dir = await tempDir();
    const baseline: Persona = { id: 'plain', role: 'supporter', name: 'Plain', baseline: true, description: 'No persona.' };
    const loaded = await loadPersonaFile(await savePersona(baseline, dir));
    expect(loaded.persona).toEqual(baseline);
  });
});

describe('loadLibrary', () => {
  it('lets a user persona with a bundled id override the bundled one in place', async () => {
    const userDir = await tempDir();
    const bundled = await loadLibrary({ userDir: join(userDir, 'missing') });
    const original = bundled.personas.find((p) => p.persona.id === 'warm-listener')!;
    await savePersona({ ...original.persona, name: 'Edited Ana' }, userDir);
    await savePersona({ ...seeker, id: 'user-only' }, userDir);

    const merged = await loadLibrary({ userDir });
    expect(merged.errors).toEqual([]);
    expect(merged.personas).toHaveLength(bundled.personas.length + 1);
    const index = bundled.personas.indexOf(original);
    expect(merged.personas[index]).toEqual({ persona: { ...original.persona, name: 'Edited Ana' }, file: join(userDir, 'warm-listener.yaml'), source: 'user' });
    expect(merged.personas.at(-1)).toMatchObject({ persona: { id: 'user-only' }, source: 'user' });
  });

  it('reports a broken user file and still returns everything else', async () => {
    const userDir = await tempDir();
    await savePersona(seeker, userDir);
    await writeFile(join(userDir, 'broken.yaml'), 'id: [\n');
    const merged = await loadLibrary({ userDir });
    expect(merged.errors.map((e) => e.file)).toEqual([join(userDir, 'broken.yaml')]);
    expect(merged.personas.some((p) => p.persona.id === 'round-trip')).toBe(true);
  });
});
