import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installKind, oldNodeAdvice } from '../../bin/install-advice.js';
import { engineWarningNote } from '../../scripts/build.js';

function packageAt(...segments: string[]): string {
  const root = join(mkdtempSync(join(tmpdir(), 'pt-install-')), ...segments);
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{"name":"persona-talks"}');
  return root;
}

describe('the launcher on a Node older than 22', () => {
  it('tells a checkout from an npx run and an installed package', () => {
    const checkout = packageAt('persona-talks');
    mkdirSync(join(checkout, 'src'));
    writeFileSync(join(checkout, 'src', 'cli.tsx'), '');
    expect(installKind(checkout, {})).toBe('checkout');
    expect(installKind(packageAt('.npm', '_npx', '3f2a', 'node_modules', 'persona-talks'), {})).toBe('npx');
    expect(installKind(packageAt('project', 'node_modules', 'persona-talks'), { npm_lifecycle_event: 'npx' })).toBe('npx');
    expect(installKind(packageAt('usr', 'lib', 'node_modules', 'persona-talks'), {})).toBe('installed');
  });

  it('gives advice that fits: npm install in a checkout, Node 22 or npx elsewhere', () => {
    const checkout = oldNodeAdvice('checkout', 'v20.20.2');
    expect(checkout).toContain('v20.20.2');
    expect(checkout).toContain('`npm install`');
    expect(checkout).not.toContain('npx');
    expect(oldNodeAdvice('npx', 'v20.20.2')).toContain('npx -p node@22 -p persona-talks persona-talks');
    const installed = oldNodeAdvice('installed', 'v18.0.0');
    expect(installed).toContain('Install Node 22');
    expect(installed).toContain('npx -p node@22 persona-talks');
    expect(installed).not.toContain('npm install`');
  });
});

describe('the one line after npm install', () => {
  const install = { npm_lifecycle_event: 'prepare', npm_command: 'install', npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false' };

  it('explains the EBADENGINE warnings when npm itself runs on an older Node', () => {
    const note = engineWarningNote(install, '22.23.3');
    expect(note).toContain('EBADENGINE');
    expect(note).toContain('20.20.2');
    expect(note).toContain('22.23.3');
    expect(note?.split('\n')).toHaveLength(1);
    expect(engineWarningNote({ ...install, npm_command: 'ci' }, '22.23.3')).toBe(note);
  });

  it('says nothing when there were no such warnings: npm on Node 22, or npm pack', () => {
    expect(engineWarningNote({ ...install, npm_config_user_agent: 'npm/11.19.1 node/v22.23.3 linux x64 workspaces/false' }, '22.23.3')).toBeUndefined();
    expect(engineWarningNote({ ...install, npm_command: 'pack' }, '22.23.3')).toBeUndefined();
    expect(engineWarningNote({}, '22.23.3')).toBeUndefined();
  });
});
