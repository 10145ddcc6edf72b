import { describe, expect, it } from 'vitest';
import { openApplication } from '../../src/app/application.js';
import { endpointOverrides, maskKey, resolveEndpoints } from '../../src/app/endpoints.js';
import { tempDir } from '../support/engine-fixtures.js';
import { type Settings } from '../../src/core/config/settings.js';
import { DEFAULT_SETTINGS } from '../support/settings.js';

const stored: Settings = {
  ...DEFAULT_SETTINGS,
  preset: 'ollama',
  baseURL: 'http://stored.example:11434/v1',
  apiKey: 'sk-stored-0000',
  models: { seeker: 'stored-seeker', supporter: 'stored-supporter', judge: 'stored-judge' },
};

describe('resolveEndpoints', () => {
  it('falls back to the preset defaults when nothing is set', () => {
    const r = resolveEndpoints(DEFAULT_SETTINGS, {});
    expect(r.seeker).toEqual({ baseURL: 'http://localhost:11434/v1', model: 'llama3.2' });
    expect(r.judge.baseURL).toBe('http://localhost:11434/v1');
    expect(r.keySource).toBe('none');
    expect(r.missingKey).toBe(false);
  });

  it('uses stored values over preset defaults', () => {
    const r = resolveEndpoints(stored, {});
    expect(r.supporter).toEqual({ baseURL: 'http://stored.example:11434/v1', model: 'stored-supporter', apiKey: 'sk-stored-0000' });
    expect(r.keySource).toBe('settings');
  });

  it('environment beats stored: base URL, models, key', () => {
    const r = resolveEndpoints(stored, {
      PERSONA_TALKS_BASE_URL: 'http://env.example/v1',
      PERSONA_TALKS_MODEL: 'env-all',
      PERSONA_TALKS_JUDGE_MODEL: 'env-judge',
      PERSONA_TALKS_API_KEY: 'pt-env-1111',
    });
    expect(r.seeker).toEqual({ baseURL: 'http://env.example/v1', model: 'env-all', apiKey: 'pt-env-1111' });
    expect(r.judge.model).toBe('env-judge');
    expect(r.keySource).toBe('PERSONA_TALKS_API_KEY');
  });

  it('OPENAI_API_KEY goes to OpenAI only, never to another host', () => {
    const toOpenAI = resolveEndpoints(stored, { OPENAI_API_KEY: 'sk-openai-env-1111' }, { preset: 'openai' });
    expect(toOpenAI.seeker.apiKey).toBe('sk-openai-env-1111');
    expect(toOpenAI.keySource).toBe('OPENAI_API_KEY');
    const elsewhere = resolveEndpoints(stored, { PERSONA_TALKS_BASE_URL: 'http://env.example/v1', OPENAI_API_KEY: 'sk-openai-env-1111' });
    expect(elsewhere.seeker.apiKey).toBe('sk-stored-0000');
    expect(elsewhere.keySource).toBe('settings');
  });

  it('decides OPENAI_API_KEY per endpoint: a judge on another host gets none while the agents talk to OpenAI', () => {
    const env = { OPENAI_API_KEY: 'sk-openai-env-1111', PERSONA_TALKS_JUDGE_BASE_URL: 'http://judge.example/v1' };
    const r = resolveEndpoints(DEFAULT_SETTINGS, env, { preset: 'openai' });
    expect(r.supporter.apiKey).toBe('sk-openai-env-1111');
    expect(r.judge.apiKey).toBeUndefined();
    const reverse = resolveEndpoints(DEFAULT_SETTINGS, { ...env, PERSONA_TALKS_JUDGE_BASE_URL: 'https://api.openai.com/v1' });
    expect(reverse.supporter.apiKey).toBeUndefined();
    expect(reverse.judge.apiKey).toBe('sk-openai-env-1111');
  });

  it('PERSONA_TALKS_API_KEY beats OPENAI_API_KEY; empty variables count as unset', () => {
    const r = resolveEndpoints(stored, { PERSONA_TALKS_API_KEY: 'pt-key-2222', OPENAI_API_KEY: 'sk-x-3333', PERSONA_TALKS_MODEL: '' });
    expect(r.seeker.apiKey).toBe('pt-key-2222');
    expect(r.seeker.model).toBe('stored-seeker');
  });

  it('flags beat the environment', () => {
    const r = resolveEndpoints(stored, { PERSONA_TALKS_BASE_URL: 'http://env.example/v1', PERSONA_TALKS_SEEKER_MODEL: 'env-seeker' }, {
      baseUrl: 'http://flag.example/v1',
      model: 'flag-model',
    });
    expect(r.seeker).toMatchObject({ baseURL: 'http://flag.example/v1', model: 'flag-model' });
    expect(r.judge).toMatchObject({ baseURL: 'http://flag.example/v1', model: 'flag-model' });
  });

  it('a judge base URL applies to the judge only', () => {
    const r = resolveEndpoints({ ...stored, judgeBaseURL: 'http://judge.stored/v1' }, {});
    expect(r.judge.baseURL).toBe('http://judge.stored/v1');
    expect(r.seeker.baseURL).toBe('http://stored.example:11434/v1');
    expect(resolveEndpoints(stored, { PERSONA_TALKS_JUDGE_BASE_URL: 'http://judge.env/v1' }).judge.baseURL).toBe('http://judge.env/v1');
  });

  it('a --preset flag switches server and models to that preset, and flags a missing key', () => {
    const r = resolveEndpoints({ ...stored, apiKey: undefined }, {}, { preset: 'openai' });
    expect(r.seeker).toEqual({ baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
    expect(r.preset).toBe('openai');
    expect(r.missingKey).toBe(true);
  });
});

describe('maskKey', () => {
  it('keeps a recognisable prefix and the last four characters only', () => {
    expect(maskKey('sk-proj-abcdefghijklmnopa1b2')).toBe('sk-…a1b2');
    expect(maskKey('abcdefghijklmnop')).toBe('…mnop');
    expect(maskKey('short')).not.toContain('short');
    expect(maskKey(undefined)).toBe('(none)');
  });
});

describe('endpointOverrides: what the settings screen shows as in effect this run', () => {
  it('names the flag or variable for each stored setting it overrides, never the key', () => {
    const o = endpointOverrides(stored, { PERSONA_TALKS_BASE_URL: 'http://env.example/v1', PERSONA_TALKS_API_KEY: 'sk-env-1111' }, { model: 'flag-model' });
    expect(o.baseURL).toEqual({ value: 'http://env.example/v1', source: 'PERSONA_TALKS_BASE_URL' });
    expect(o.supporterModel).toEqual({ value: 'flag-model', source: '--model' });
    expect(o.apiKey).toEqual({ value: '', source: 'PERSONA_TALKS_API_KEY' });
    expect(o.preset).toBeUndefined();
    expect(endpointOverrides(stored, {})).toEqual({});
  });

  it('a provider chosen by PERSONA_TALKS_PROVIDER overrides the stored preset, server and models, as --preset does', () => {
    const o = endpointOverrides(stored, { PERSONA_TALKS_PROVIDER: 'lmstudio' });
    expect(o.preset).toEqual({ value: 'lmstudio', source: 'PERSONA_TALKS_PROVIDER' });
    expect(o.baseURL?.source).toBe('PERSONA_TALKS_PROVIDER');
    expect(o.seekerModel?.source).toBe('PERSONA_TALKS_PROVIDER');
    expect(endpointOverrides(stored, { PERSONA_TALKS_PROVIDER: 'lmstudio' }, { preset: 'vllm' }).preset).toEqual({ value: 'vllm', source: '--preset' });
  });

  it("the local model's file: --model-file over PERSONA_TALKS_MODEL_FILE over the stored one", () => {
    const local: Settings = { ...stored, preset: 'local', modelFile: '/stored/model.gguf' };
    expect(endpointOverrides(local, {}).modelFile).toBeUndefined();
    expect(endpointOverrides(local, { PERSONA_TALKS_MODEL_FILE: '/env/model.gguf' }).modelFile).toEqual({ value: '/env/model.gguf', source: 'PERSONA_TALKS_MODEL_FILE' });
    expect(endpointOverrides(local, { PERSONA_TALKS_MODEL_FILE: '/env/model.gguf' }, { modelFile: '/flag/model.gguf' }).modelFile).toEqual({
      value: '/flag/model.gguf',
      source: '--model-file',
    });
  });
});

describe('openApplication: server URLs from the environment', () => {
  it.each(['PERSONA_TALKS_BASE_URL', 'PERSONA_TALKS_JUDGE_BASE_URL'])('refuses a %s that is not an http(s) URL, naming the variable', (name) => {
    for (const value of ['not a url', 'ftp://example.com/v1', 'javascript:alert(1)']) {
      const opened = openApplication({ env: { [name]: value }, configDir: tempDir('pt-config-'), sessionsDir: null });
      expect(opened).toEqual({ ok: false, message: `${name} is not an http(s) URL (got "${value}"); e.g. http://localhost:11434/v1` });
    }
    expect(openApplication({ env: { [name]: 'http://127.0.0.1:9/v1' }, configDir: tempDir('pt-config-'), sessionsDir: null }).ok).toBe(true);
  });
});
