import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPersonaError, loadPersonaDir, loadPersonaFile, MAX_PERSONA_FILE_BYTES } from '../../../src/core/personas/load.js';
import { parsePersonaYaml } from '../../../src/core/personas/persona-yaml.js';
import { seekerYaml, tempDir, writeFiles } from './helpers.js';

describe('loading a folder with broken files', () => {
  it('reports each broken file with line and field while valid siblings still load', async () => {
    const dir = await tempDir();
    await writeFiles(dir, {
      'a-valid.yaml': seekerYaml('valid-one'),
      'b-range.yaml': seekerYaml('out-of-range', { E: '7' }),
      'c-role.yaml': seekerYaml('bad-role', { role: 'helper' }),
      'd-syntax.yaml': 'id: broken\nrole: seeker\nname: Ann: Lee\ndescription: x\n',
      'e-valid.yml': seekerYaml('valid-two'),
      'notes.txt': 'not a persona',
    });
    const { personas, errors } = await loadPersonaDir(dir);

    expect(personas.map((p) => p.persona.id)).toEqual(['valid-one', 'valid-two']);
    expect(personas[0]!.file).toBe(join(dir, 'a-valid.yaml'));
    expect(errors).toContainEqual({ file: join(dir, 'b-range.yaml'), line: 8, field: 'hexaco.E', message: 'must be at most 5' });
    expect(errors).toContainEqual(expect.objectContaining({ file: join(dir, 'c-role.yaml'), line: 3, field: 'role', message: expect.stringContaining('seeker, supporter, either') }));
    const syntax = errors.filter((e) => e.file === join(dir, 'd-syntax.yaml'));
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax[0]!.line).toBe(3);
    expect(syntax[0]!.message).toMatch(/^YAML syntax error/);
  });

  it('names both files when two share an id, keeping the first', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'first.yaml': seekerYaml('same-id'), 'second.yaml': seekerYaml('same-id') });
    const { personas, errors } = await loadPersonaDir(dir);
    expect(personas.map((p) => p.file)).toEqual([join(dir, 'first.yaml')]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: join(dir, 'second.yaml'), line: 2, field: 'id' });
    expect(errors[0]!.message).toContain(join(dir, 'first.yaml'));
  });

  it('reports a missing folder as an error instead of throwing', async () => {
    const dir = join(await tempDir(), 'nope');
    const result = await loadPersonaDir(dir);
    expect(result.personas).toEqual([]);
    expect(result.errors).toEqual([{ file: dir, message: 'not found' }]);
  });
});

describe('field errors', () => {
  it('blames the role line when a seeker has no situation', () => {
    const text = seekerYaml('no-situation').replace(/^situation:.*\n/m, '');
    const { persona, errors } = parsePersonaYaml(text, 'x.yaml');
    expect(persona).toBeUndefined();
    expect(errors).toEqual([{ file: 'x.yaml', line: 3, field: 'situation', message: 'is required for a seeker' }]);
  });

  it('names an unknown field at its own line and suggests the intended one', () => {
    const text = seekerYaml('typo').replace('problem_type: job crisis', 'problem_typ: job crisis');
    const { errors } = parsePersonaYaml(text, 'x.yaml');
    expect(errors).toContainEqual({ file: 'x.yaml', line: 21, field: 'problem_typ', message: 'is not a known field (did you mean "problem_type"?)' });
  });

  it('lists the allowed keys for an unknown trait key', () => {
    const text = seekerYaml('extra-trait').replace('  O: 3\n', '  O: 3\n  Q: 2\n');
    const { errors } = parsePersonaYaml(text, 'x.yaml');
    expect(errors).toEqual([{ file: 'x.yaml', line: 13, field: 'hexaco.Q', message: 'is not a known field (expected one of: H, E, X, A, C, O)' }]);
  });

  it('says "is required" for a missing trait and points at its parent', () => {
    const text = seekerYaml('no-x').replace('  X: 2\n', '');
    const { errors } = parsePersonaYaml(text, 'x.yaml');
    expect(errors).toEqual([{ file: 'x.yaml', line: 6, field: 'hexaco.X', message: 'is required' }]);
  });

  it('explains wrong types in plain words', () => {
    const text = seekerYaml('types').replace('name: Test types', 'name: 42').replace('  C: 3', '  C: high');
    const { errors } = parsePersonaYaml(text, 'x.yaml');
    expect(errors).toEqual([
      { file: 'x.yaml', line: 4, field: 'name', message: 'must be text, not the number 42' },
      { file: 'x.yaml', line: 11, field: 'hexaco.C', message: 'must be a number from 1 to 5' },
    ]);
  });

  it('rejects duplicate keys as a syntax error at the second key', () => {
    const { errors } = parsePersonaYaml('id: a\nrole: seeker\nid: b\n', 'x.yaml');
    expect(errors[0]).toMatchObject({ line: 3, message: expect.stringMatching(/unique/) });
  });

  it('rejects an empty file and a top-level list', () => {
    expect(parsePersonaYaml('# nothing here\n', 'x.yaml').errors[0]!.message).toMatch(/empty/);
    expect(parsePersonaYaml('- a\n- b\n', 'x.yaml').errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(/mapping/) });
  });

  it('accepts decimal scores and rejects fractional intensities', () => {
    expect(parsePersonaYaml(seekerYaml('decimal', { E: '3.5' }), 'x.yaml').persona?.hexaco?.E).toBe(3.5);
    const { errors } = parsePersonaYaml(seekerYaml('frac').replace('initial_intensity: 4', 'initial_intensity: 2.5'), 'x.yaml');
    expect(errors).toEqual([{ file: 'x.yaml', line: 23, field: 'initial_intensity', message: 'must be a whole number from 1 to 5' }]);
  });
});

describe('hostile input', () => {
  it('strips control characters and escape sequences from text fields', () => {
    const text = seekerYaml('ctrl').replace('name: Test ctrl', 'name: "Evil\\e[31m Red\\a\\u202E"');
    const { persona, errors } = parsePersonaYaml(text, 'x.yaml');
    expect(errors).toEqual([]);
    expect(persona!.name).toBe('Evil Red'); // the whole escape sequence goes, not just its ESC
  });

  it('keeps newlines in multi-line text', () => {
    const text = seekerYaml('multi').replace('description: A person used in tests.', 'description: |\n  line one\n  line two');
    expect(parsePersonaYaml(text, 'x.yaml').persona!.description).toBe('line one\nline two');
  });

  it('refuses files over the size limit without reading them as YAML', async () => {
    const file = join(await tempDir(), 'huge.yaml');
    await writeFile(file, `${seekerYaml('huge')}notes: "${'x'.repeat(MAX_PERSONA_FILE_BYTES)}"\n`);
    const { persona, errors } = await loadPersonaFile(file);
    expect(persona).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/too large .*256 KB/);
  });

  it('limits alias expansion (billion laughs)', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n');
    const { persona, errors } = parsePersonaYaml(bomb, 'x.yaml');
    expect(persona).toBeUndefined();
    expect(errors).toEqual([{ file: 'x.yaml', message: expect.stringMatching(/^cannot read YAML: .*alias/i) }]);
  });
});

describe('formatPersonaError', () => {
  it('formats file:line field: message, leaving out what is unknown', () => {
    expect(formatPersonaError({ file: 'personas/x.yaml', line: 12, field: 'hexaco.E', message: 'must be at most 5' })).toBe('personas/x.yaml:12 hexaco.E: must be at most 5');
    expect(formatPersonaError({ file: 'x.yaml', line: 3, message: 'YAML syntax error: bad' })).toBe('x.yaml:3 YAML syntax error: bad');
    expect(formatPersonaError({ file: 'x.yaml', message: 'not found' })).toBe('x.yaml not found');
  });
});
