import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIsFresh, recordBuild, sourceDigest } from '../../scripts/build-digest.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A checkout in miniature: sources, the two tsconfigs, and a build of them in dist/. */
function builtCheckout(): string {
  const root = mkdtempSync(join(tmpdir(), 'pt-digest-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'ui'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'src', 'cli.tsx'), 'export const cli = 1;\n');
  writeFileSync(join(root, 'src', 'ui', 'app.tsx'), 'export const app = 1;\n');
  writeFileSync(join(root, 'tsconfig.json'), '{}\n');
  writeFileSync(join(root, 'tsconfig.build.json'), '{}\n');
  writeFileSync(join(root, 'dist', 'cli.js'), '');
  recordBuild(root, sourceDigest(root));
  return root;
}

describe('the build digest npm start checks', () => {
  it('calls a build fresh until a source changes', () => {
    const root = builtCheckout();
    expect(buildIsFresh(root)).toBe(true);
    writeFileSync(join(root, 'src', 'ui', 'app.tsx'), 'export const app = 2;\n');
    expect(buildIsFresh(root)).toBe(false);
  });

  it('notices a new source file and a changed tsconfig', () => {
    const added = builtCheckout();
    writeFileSync(join(added, 'src', 'ui', 'new.ts'), '');
    expect(buildIsFresh(added)).toBe(false);
    const configured = builtCheckout();
    writeFileSync(join(configured, 'tsconfig.build.json'), '{ "compilerOptions": {} }\n');
    expect(buildIsFresh(configured)).toBe(false);
  });

  it('goes by content, not timestamps: a file touched but unchanged needs no build', () => {
    const root = builtCheckout();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'src', 'cli.tsx'), later, later);
    expect(buildIsFresh(root)).toBe(true);
  });

  it('is not fresh without a recorded digest or without dist/cli.js', () => {
    const unrecorded = builtCheckout();
    rmSync(join(unrecorded, 'dist', '.build-digest'));
    expect(buildIsFresh(unrecorded)).toBe(false);
    const unbuilt = builtCheckout();
    rmSync(join(unbuilt, 'dist', 'cli.js'));
    expect(buildIsFresh(unbuilt)).toBe(false);
  });
});
