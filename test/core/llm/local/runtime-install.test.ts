import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installRuntime, LocalRuntimeError, runtimeInfo } from '../../../../src/core/llm/local/runtime.js';
import { tempDir } from '../../../support/engine-fixtures.js';

describe('installing the runtime', () => {
  it('writes a manifest with the pinned packages and says what npm said when it fails', async () => {
    const dir = join(tempDir('pt-rt-'), 'runtime');
    const brokenNpm = join(tempDir('pt-npm-'), 'npm-cli.js');
    writeFileSync(brokenNpm, "console.error('npm ERR! code E404 no such package'); process.exit(1);");
    const failure = await installRuntime({ dir, env: { ...process.env, npm_execpath: brokenNpm } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LocalRuntimeError);
    expect((failure as Error).message).toContain('npm could not install the local runtime (exit code 1)');
    expect((failure as Error).message).toContain('npm ERR! code E404 no such package');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    expect(manifest.name).toBe('persona-talks-local-runtime');
    expect(manifest.dependencies['node-llama-cpp']).toBe('3.21.1');
    expect(Object.values(manifest.dependencies).every((v) => v === '3.21.1')).toBe(true);
    expect(runtimeInfo(dir).ready).toBe(false);
  });

  it('names a runtime folder it cannot write to', async () => {
    const root = tempDir('pt-rt-ro-');
    writeFileSync(join(root, 'a-file'), 'x');
    const failure = await installRuntime({ dir: join(root, 'a-file', 'runtime') }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LocalRuntimeError);
    expect((failure as Error).message).toContain('Cannot write the runtime folder');
    expect((failure as Error).message).toContain('PERSONA_TALKS_RUNTIME_DIR');
  });
});
