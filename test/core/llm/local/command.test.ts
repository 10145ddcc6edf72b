import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runLocalCommand } from '../../../../src/commands/local.js';
import type { CatalogModel } from '../../../../src/core/llm/local/catalog.js';
import { runCli } from '../../../support/cli.js';
import { tempDir } from '../../../support/engine-fixtures.js';
import { serveFile, type FileServer } from '../../../support/file-server.js';
import { ensureTestRuntime, LOCAL_TEST_TIMEOUT_MS, RUNTIME_INSTALL_TIMEOUT_MS } from '../../../support/local-runtime.js';

vi.setConfig({ testTimeout: LOCAL_TEST_TIMEOUT_MS });
import { tinyModelBytes } from '../../../support/tiny-gguf.js';

const body = tinyModelBytes({ seed: 9 });
let server: FileServer;
let runtimeDir: string;
let catalog: CatalogModel;

beforeAll(async () => {
  runtimeDir = await ensureTestRuntime();
  server = await serveFile(body, 1024);
  catalog = {
    id: 'tiny',
    name: 'Tiny test model',
    fileName: 'tiny.gguf',
    url: server.url,
    sha256: createHash('sha256').update(body).digest('hex'),
    sizeBytes: body.length,
    licence: 'MIT',
    licenceUrl: 'https://example.invalid/licence',
  };
}, RUNTIME_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
});

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr }, out: () => out, err: () => err };
}

function envWith(models = join(tempDir('pt-local-cmd-'), 'models')) {
  return { PERSONA_TALKS_MODELS_DIR: models, PERSONA_TALKS_RUNTIME_DIR: runtimeDir };
}

describe('persona-talks local', () => {
  it('setup finds the runtime, downloads and verifies the model with plain progress lines when piped, and loads it', async () => {
    const env = envWith();
    const c = capture();
    const code = await runLocalCommand(['setup'], c.io, { env, catalog, isTTY: false, threads: 1 });
    expect(c.err()).toBe('');
    expect(code).toBe(0);
    const out = c.out();
    expect(out).toContain(`Runtime: node-llama-cpp 3.21.1 is installed in ${runtimeDir}`);
    expect(out).toContain('No CUDA or Vulkan driver found');
    expect(out).toContain(`Downloading Tiny test model`);
    expect(out).toMatch(/\[#+-*\] +\d+%/); // plain progress lines
    expect(out).not.toContain('\r');
    expect(out).toContain('checking the SHA-256');
    expect(out).toContain('Ready: loaded in');
    expect(out).toContain('CPU only: the trait judge runs every 4 turns');
    expect(existsSync(join(env.PERSONA_TALKS_MODELS_DIR, 'tiny.gguf'))).toBe(true);

    // A second setup has nothing to download.
    server.requests.length = 0;
    const again = capture();
    expect(await runLocalCommand(['setup', '--gpu', 'none'], again.io, { env, catalog, threads: 1 })).toBe(0);
    expect(again.out()).toContain('is downloaded and verified');
    expect(server.requests).toEqual([]);
  });

  it('draws one progress bar in place on a terminal', async () => {
    const c = capture();
    expect(await runLocalCommand(['setup', '--gpu', 'none'], c.io, { env: envWith(), catalog, isTTY: true, threads: 1 })).toBe(0);
    expect(c.out()).toMatch(/\r\[#+-*\] +\d+%/);
  });

  it('setup refuses a --model-file that is not a GGUF file', async () => {
    const notModel = join(tempDir('pt-local-cmd-'), 'notes.txt');
    writeFileSync(notModel, 'hello');
    const c = capture();
    expect(await runLocalCommand(['setup', '--gpu', 'none', '--model-file', notModel], c.io, { env: envWith(), catalog })).toBe(1);
    expect(c.err()).toContain('is not a GGUF model file');
  });

  it('status says what is installed and where, also as JSON', async () => {
    const env = envWith();
    const before = capture();
    expect(await runLocalCommand(['status'], before.io, { env })).toBe(0);
    expect(before.out()).toContain('node-llama-cpp 3.21.1');
    expect(before.out()).toContain('not downloaded: run `persona-talks local setup`');
    const json = capture();
    expect(await runLocalCommand(['status', '--json'], json.io, { env })).toBe(0);
    const parsed = JSON.parse(json.out()) as { paths: { models: string }; runtime: { ready: boolean } };
    expect(parsed.paths.models).toBe(env.PERSONA_TALKS_MODELS_DIR);
    expect(parsed.runtime.ready).toBe(true);
  });

  it('remove asks for --yes, deletes the downloaded model, and leaves the user\'s other GGUF files alone', async () => {
    const env = envWith();
    expect(await runLocalCommand(['setup', '--gpu', 'none'], capture().io, { env, catalog, threads: 1 })).toBe(0);
    writeFileSync(join(env.PERSONA_TALKS_MODELS_DIR, 'mine.gguf'), 'GGUF');
    const asked = capture();
    expect(await runLocalCommand(['remove', 'model'], asked.io, { env, catalog })).toBe(2);
    expect(asked.err()).toContain('add --yes');
    expect(existsSync(join(env.PERSONA_TALKS_MODELS_DIR, 'tiny.gguf'))).toBe(true);
    const done = capture();
    expect(await runLocalCommand(['remove', 'model', '--yes'], done.io, { env, catalog })).toBe(0);
    expect(existsSync(join(env.PERSONA_TALKS_MODELS_DIR, 'tiny.gguf'))).toBe(false);
    expect(existsSync(join(env.PERSONA_TALKS_MODELS_DIR, 'tiny.gguf.sha256'))).toBe(false);
    expect(existsSync(join(env.PERSONA_TALKS_MODELS_DIR, 'mine.gguf'))).toBe(true);
    expect(done.out()).toContain('Left your other GGUF files');
    expect(existsSync(runtimeDir)).toBe(true);
  });

  it('remove deletes a runtime folder only when it is one setup made', async () => {
    const ours = join(tempDir('pt-rt-'), 'runtime');
    mkdirSync(ours);
    writeFileSync(join(ours, 'package.json'), JSON.stringify({ name: 'persona-talks-local-runtime' }));
    const c = capture();
    expect(await runLocalCommand(['remove', 'runtime', '--yes'], c.io, { env: { PERSONA_TALKS_RUNTIME_DIR: ours } })).toBe(0);
    expect(existsSync(ours)).toBe(false);

    const notOurs = tempDir('pt-rt-other-');
    writeFileSync(join(notOurs, 'important.txt'), 'keep me');
    const refused = capture();
    expect(await runLocalCommand(['remove', 'runtime', '--yes'], refused.io, { env: { PERSONA_TALKS_RUNTIME_DIR: notOurs } })).toBe(1);
    expect(refused.err()).toContain('does not look like the runtime folder');
    expect(existsSync(join(notOurs, 'important.txt'))).toBe(true);
  });

  it('is a command of the built CLI', async () => {
    const status = await runCli(['local', 'status'], envWith());
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Local model');
    const bare = await runCli(['local'], envWith());
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('persona-talks local setup');
  });
});
