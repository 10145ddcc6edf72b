import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPersonasDir, defaultUserPersonasDir } from '../../../src/core/personas/library.js';

describe('persona folders', () => {
  it('finds the bundled personas/ next to our package.json', () => {
    const dir = bundledPersonasDir();
    expect(basename(dir)).toBe('personas');
    const manifest = JSON.parse(readFileSync(join(dirname(dir), 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('persona-talks');
    expect(existsSync(join(dir, 'no-persona.yaml'))).toBe(true);
  });

  it('prefers PERSONA_TALKS_PERSONAS, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(defaultUserPersonasDir({ PERSONA_TALKS_PERSONAS: '/p', XDG_CONFIG_HOME: '/x' })).toBe('/p');
    expect(defaultUserPersonasDir({ XDG_CONFIG_HOME: '/x' })).toBe(join('/x', 'persona-talks', 'personas'));
    expect(defaultUserPersonasDir({})).toBe(join(homedir(), '.config', 'persona-talks', 'personas'));
  });
});
