import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApplication } from '../../src/app/application.js';
import { resolveEndpoints } from '../../src/app/endpoints.js';
import { resumeEndpoints } from '../../src/app/resume-endpoints.js';
import type { Settings } from '../../src/core/config/settings.js';
import { DEFAULT_LOCAL_MODEL } from '../../src/core/llm/local/catalog.js';
import { makeHeader, tempDir } from '../core/sessions/fixtures.js';
import { SEEKER, SUPPORTER } from '../support/engine-fixtures.js';
import { DEFAULT_SETTINGS } from '../support/settings.js';

// Where the local provider's requests go and which file it loads, decided from flags, the
// environment and the settings, without loading anything (no runtime needed here).

/** A models folder, with the named files in it (their bytes do not matter to resolution). */
function modelsDir(...files: string[]): string {
  const dir = tempDir('pt-models-');
  for (const f of files) writeFileSync(join(dir, f), 'GGUF');
  return dir;
}

const env = (models: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PERSONA_TALKS_MODELS_DIR: models, PERSONA_TALKS_RUNTIME_DIR: join(models, 'no-runtime'), ...extra });
const storedServer: Settings = { ...DEFAULT_SETTINGS, baseURL: 'http://stored.example:11434/v1', models: { supporter: 'llama3.2' }, apiKey: 'sk-stored-1234' };

describe('resolveEndpoints for the local model', () => {
  it('--preset local: every role on the local model, named by its file, with no key', () => {
    const dir = modelsDir();
    const file = join(dir, 'mine.gguf');
    writeFileSync(file, 'GGUF');
    const r = resolveEndpoints(storedServer, env(dir), { preset: 'local', modelFile: file });
    for (const role of ['seeker', 'supporter', 'judge'] as const) expect(r[role]).toEqual({ baseURL: 'local', model: 'mine.gguf' });
    expect(r.local).toEqual({ ok: true, modelFile: file, name: 'mine.gguf' });
    expect(r.missingKey).toBe(false);
  });

  it('PERSONA_TALKS_PROVIDER=local beats the stored server, and --preset beats it', () => {
    const dir = modelsDir(DEFAULT_LOCAL_MODEL.fileName);
    const byEnv = resolveEndpoints(storedServer, env(dir, { PERSONA_TALKS_PROVIDER: 'local', PERSONA_TALKS_BASE_URL: 'http://env.example/v1' }));
    expect(byEnv.supporter).toEqual({ baseURL: 'local', model: DEFAULT_LOCAL_MODEL.fileName });
    expect(byEnv.local).toMatchObject({ ok: true, modelFile: join(dir, DEFAULT_LOCAL_MODEL.fileName) });
    const byFlag = resolveEndpoints(storedServer, env(dir, { PERSONA_TALKS_PROVIDER: 'local' }), { preset: 'ollama' });
    expect(byFlag.supporter.baseURL).toBe('http://localhost:11434/v1');
    expect(byFlag.local).toBeUndefined();
  });

  it('the settings: provider local and a model file; the base URL "local" works as well', () => {
    const dir = modelsDir();
    const file = join(dir, 'stored.gguf');
    writeFileSync(file, 'GGUF');
    const r = resolveEndpoints({ ...DEFAULT_SETTINGS, preset: 'local', modelFile: file }, env(dir));
    expect(r.supporter).toEqual({ baseURL: 'local', model: 'stored.gguf' });
    const byUrl = resolveEndpoints(DEFAULT_SETTINGS, env(dir), { baseUrl: 'local', modelFile: file });
    expect(byUrl.judge).toEqual({ baseURL: 'local', model: 'stored.gguf' });
  });

  it('the model file: --model-file > PERSONA_TALKS_MODEL_FILE > --model (a file in the models folder) > the settings > the download', () => {
    const dir = modelsDir('a.gguf', 'b.gguf', 'c.gguf', DEFAULT_LOCAL_MODEL.fileName);
    const settings: Settings = { ...DEFAULT_SETTINGS, preset: 'local', modelFile: join(dir, 'c.gguf') };
    const name = (e: NodeJS.ProcessEnv, flags = {}) => resolveEndpoints(settings, env(dir, e), flags).supporter.model;
    expect(name({ PERSONA_TALKS_MODEL_FILE: join(dir, 'b.gguf') }, { modelFile: join(dir, 'a.gguf'), model: 'c.gguf' })).toBe('a.gguf');
    expect(name({ PERSONA_TALKS_MODEL_FILE: join(dir, 'b.gguf') }, { model: 'c.gguf' })).toBe('b.gguf');
    expect(name({}, { model: 'a.gguf' })).toBe('a.gguf');
    expect(name({})).toBe('c.gguf');
    expect(resolveEndpoints({ ...DEFAULT_SETTINGS, preset: 'local' }, env(dir)).supporter.model).toBe(DEFAULT_LOCAL_MODEL.fileName);
    // A model name meant for a server (PERSONA_TALKS_MODEL) is not taken for a file.
    expect(name({ PERSONA_TALKS_MODEL: 'llama3.2' })).toBe('c.gguf');
  });

  it('no model yet: the endpoint names the default file, and the problem says how to get one', () => {
    const r = resolveEndpoints(DEFAULT_SETTINGS, env(modelsDir()), { preset: 'local' });
    expect(r.supporter).toEqual({ baseURL: 'local', model: DEFAULT_LOCAL_MODEL.fileName });
    expect(r.local).toMatchObject({ ok: false });
    const problem = r.local && !r.local.ok ? r.local.problem : '';
    expect(problem).toContain('persona-talks local setup');
    expect(problem).toContain(DEFAULT_LOCAL_MODEL.name);
    expect(problem).toContain('--model-file');
    const missing = resolveEndpoints(DEFAULT_SETTINGS, env(modelsDir()), { preset: 'local', modelFile: '/nowhere/x.gguf' });
    expect(missing.local).toMatchObject({ ok: false, name: 'x.gguf', problem: expect.stringContaining('No model file at /nowhere/x.gguf') });
  });

  it('agents on a server, the judge on the local model: only the judge is local', () => {
    const dir = modelsDir(DEFAULT_LOCAL_MODEL.fileName);
    const r = resolveEndpoints(storedServer, env(dir, { PERSONA_TALKS_JUDGE_BASE_URL: 'local' }));
    expect(r.supporter.baseURL).toBe('http://stored.example:11434/v1');
    expect(r.supporter.apiKey).toBe('sk-stored-1234');
    expect(r.judge).toEqual({ baseURL: 'local', model: DEFAULT_LOCAL_MODEL.fileName });
  });
});

describe('resuming a session recorded on the local model', () => {
  const localHeader = makeHeader({
    models: { seeker: { baseURL: 'local', model: 'tiny.gguf' }, supporter: { baseURL: 'local', model: 'tiny.gguf' }, judge: { baseURL: 'local', model: 'tiny.gguf' } },
  });

  it('loads the recorded file again, found by its name in the models folder', () => {
    const dir = modelsDir('tiny.gguf', DEFAULT_LOCAL_MODEL.fileName);
    const r = resumeEndpoints(localHeader, storedServer, env(dir));
    expect(r.supporter).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(r.local).toEqual({ ok: true, modelFile: join(dir, 'tiny.gguf'), name: 'tiny.gguf' });
  });

  it('says so when the recorded file is gone, and --model-file picks another', () => {
    const dir = modelsDir();
    const gone = resumeEndpoints(localHeader, DEFAULT_SETTINGS, env(dir));
    expect(gone.local).toMatchObject({ ok: false, problem: expect.stringMatching(/tiny\.gguf is not in .*--model-file/) });
    const other = join(dir, 'other.gguf');
    writeFileSync(other, 'GGUF');
    expect(resumeEndpoints(localHeader, DEFAULT_SETTINGS, env(dir), { modelFile: other }).supporter).toEqual({ baseURL: 'local', model: 'other.gguf' });
  });

  it('a session from a server moves to the local model with --preset local, without taking the server model name for a file', () => {
    const dir = modelsDir(DEFAULT_LOCAL_MODEL.fileName);
    const r = resumeEndpoints(makeHeader(), DEFAULT_SETTINGS, env(dir), { preset: 'local' });
    expect(r.supporter).toEqual({ baseURL: 'local', model: DEFAULT_LOCAL_MODEL.fileName });
    // And a local session moves to a server with --base-url.
    const toServer = resumeEndpoints(localHeader, DEFAULT_SETTINGS, env(dir), { baseUrl: 'http://127.0.0.1:1/v1' });
    expect(toServer.supporter.baseURL).toBe('http://127.0.0.1:1/v1');
    expect(toServer.local).toBeUndefined();
  });
});

describe('openApplication and the local model', () => {
  const open = (extra: NodeJS.ProcessEnv, flags = {}) => openApplication({ env: env(modelsDir(), { PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'), ...extra }), flags, sessionsDir: null });

  it('refuses a provider, a test catalog or a tuning value it cannot use, before anything runs', () => {
    expect(open({ PERSONA_TALKS_PROVIDER: 'lokal' })).toMatchObject({ ok: false, message: expect.stringContaining('PERSONA_TALKS_PROVIDER must be one of') });
    const remote = JSON.stringify({ url: 'https://example.com/x.gguf', sha256: 'a'.repeat(64), sizeBytes: 1, fileName: 'x.gguf' });
    expect(open({ PERSONA_TALKS_TEST_MODEL_CATALOG: remote })).toMatchObject({ ok: false, message: expect.stringContaining('for tests only') });
    expect(open({ PERSONA_TALKS_LOCAL_CONTEXT: '12k' })).toMatchObject({ ok: false, message: expect.stringContaining('PERSONA_TALKS_LOCAL_CONTEXT') });
  });

  it('with no model file, a conversation is refused with what to do, and nothing is loaded', async () => {
    const opened = open({}, { preset: 'local' });
    if (!opened.ok) throw new Error(opened.message);
    const started = await opened.app.startConversation({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', engine: 'agents', mode: 'watch' });
    expect(started).toMatchObject({ ok: false, message: expect.stringContaining('persona-talks local setup'), advice: expect.stringContaining('local status') });
    expect(started.ok ? '' : started.message).toContain('No conversation was started.');
    const check = await opened.app.checkServer();
    expect(check.ok).toBe(false);
    expect(opened.app.local.offer()).toMatchObject({ runtimeReady: false, download: { name: DEFAULT_LOCAL_MODEL.name, sizeBytes: DEFAULT_LOCAL_MODEL.sizeBytes, licence: 'Apache-2.0' } });
    await opened.app.close();
  });

  it('a study\'s model configuration: {provider: local} or {baseURL: local, model: FILE}, each over the run\'s own flags', () => {
    const dir = modelsDir('tiny.gguf', DEFAULT_LOCAL_MODEL.fileName);
    const opened = openApplication({ env: env(dir, { PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-') }), flags: { preset: 'ollama', model: 'llama3.2' }, sessionsDir: null });
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.app.endpointsFor({ provider: 'local' }).supporter).toEqual({ baseURL: 'local', model: DEFAULT_LOCAL_MODEL.fileName });
    expect(opened.app.endpointsFor({ baseURL: 'local', model: 'tiny.gguf' }).judge).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(opened.app.endpointsFor({}).supporter).toEqual({ baseURL: 'http://localhost:11434/v1', model: 'llama3.2' });
  });

  it('choosing the local model in the app beats the environment\'s server and is stored as the provider', () => {
    const dir = modelsDir(DEFAULT_LOCAL_MODEL.fileName);
    const config = tempDir('pt-config-');
    const opened = openApplication({ env: env(dir, { PERSONA_TALKS_CONFIG_DIR: config, PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:9/v1' }), flags: { model: 'llama3.2' }, sessionsDir: null });
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.app.endpoints().supporter.baseURL).toBe('http://127.0.0.1:9/v1');
    opened.app.local.use();
    expect(opened.app.endpoints().supporter).toEqual({ baseURL: 'local', model: DEFAULT_LOCAL_MODEL.fileName });
    expect(opened.app.settings.get().preset).toBe('local');
  });
});
