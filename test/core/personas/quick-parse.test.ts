import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPersonasDir } from '../../../src/core/personas/library.js';
import { isPersonaFileName, quickParse } from '../../../src/core/personas/load.js';
import { parsePersonaYaml } from '../../../src/core/personas/persona-yaml.js';
import { seekerYaml } from './helpers.js';

/**
 * Well-formed persona files are read without the full reader (quickParse); the full
 * reader reads everything else and says where it is wrong. The two must agree on
 * every file the quick one takes, and the quick one must take nothing it should not.
 */
describe('the quick reader of persona files', () => {
  const dir = bundledPersonasDir();
  const files = readdirSync(dir).filter(isPersonaFileName);

  it.each(files)('reads bundled %s as the full reader does', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const full = parsePersonaYaml(text, name);
    expect(full.errors).toEqual([]);
    expect(quickParse(text)).toEqual(full.persona);
  });

  it('reads quoted, folded, literal and flow values as the full reader does', () => {
    const text = [
      '\uFEFFid: "quoted-\\u0061"',
      "role: 'seeker'",
      'name: Ann # a comment',
      'description: |',
      '  Two lines,',
      '  kept as written.',
      'hexaco: { H: 3, E: 4.5, X: 2, A: 3, C: 3, O: 3 }',
      'csi:',
      '  expressiveness: 2',
      '  preciseness: 3',
      '  verbal_aggressiveness: 1',
      '  questioningness: 3',
      '  emotionality: 4',
      '  impression_manipulativeness: 2',
      'emotion_type: anxiety',
      'problem_type: job crisis',
      'situation: >-',
      '  Folded',
      '  into one line.',
      'initial_intensity: 4',
      '',
    ].join('\n');
    const full = parsePersonaYaml(text, 'x.yaml');
    expect(full.errors).toEqual([]);
    expect(quickParse(text)).toEqual(full.persona);
  });

  it.each([
    ['a syntax error', 'id: broken\nrole: seeker\nname: Ann: Lee\n'],
    ['a key given twice', seekerYaml('twice').replace('role: seeker', 'role: seeker\nrole: seeker')],
    ['an alias', seekerYaml('alias').replace('  H: 3', '  H: &three 3').replace('  A: 3', '  A: *three')],
    ['a tag the core schema does not know', seekerYaml('tagged').replace('name: Test tagged', 'name: !!binary aGk=')],
    ['a value out of range', seekerYaml('range', { E: '7' })],
    ['a list, not a mapping', '- id: a\n- id: b\n'],
    ['an empty file', '# nothing here\n'],
    ['two documents', `${seekerYaml('one')}---\n${seekerYaml('two')}`],
  ])('leaves a file with %s to the full reader', (_what, text) => {
    expect(quickParse(text)).toBeUndefined();
  });

  it('takes the same file without the irregularity (so the cases above test what they name)', () => {
    expect(quickParse(seekerYaml('plain'))).toEqual(parsePersonaYaml(seekerYaml('plain'), 'x.yaml').persona);
  });
});
