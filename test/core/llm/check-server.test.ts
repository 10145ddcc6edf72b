import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkServer } from '../../../src/core/llm/check-server.js';
import { getPreset, PRESETS } from '../../../src/core/llm/presets.js';
import { startFakeOpenAI, type FakeServer } from '../../support/fake-openai-server.js';

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeOpenAI({ models: ['llama3.2', 'qwen2.5'] });
});
afterEach(async () => {
  await server.close();
});

describe('checkServer', () => {
  it('lists the models of a reachable server', async () => {
    const result = await checkServer({ baseURL: server.url, model: 'x' });
    expect(result).toEqual({ ok: true, models: ['llama3.2', 'qwen2.5'] });
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models' });
  });

  it('explains an unreachable server, naming its URL', async () => {
    const url = server.url;
    await server.close();
    const result = await checkServer({ baseURL: url, model: 'x' }, { timeoutMs: 2_000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(url);
    server = await startFakeOpenAI(); // afterEach closes something real
  });

  it('says a web page is not an OpenAI-compatible API, naming its content type, instead of "reachable"', async () => {
    const page = await startFakeOpenAI({ htmlPage: '<!doctype html><title>It works!</title>' });
    try {
      const result = await checkServer({ baseURL: page.url, model: 'x' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toContain('is not an OpenAI-compatible API response');
        expect(result.message).toContain('content type text/html; charset=utf-8');
      }
    } finally {
      await page.close();
    }
  });

  it('reports a refused key without revealing it', async () => {
    const locked = await startFakeOpenAI({ requireKey: 'sk-the-right-key-0000' });
    const key = 'sk-check-secret-9d8e7f';
    const result = await checkServer({ baseURL: locked.url, model: 'x', apiKey: key });
    await locked.close();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/PERSONA_TALKS_API_KEY/);
    expect(result.message).not.toContain(key);
  });

  it('counts a server without a model list as reachable', async () => {
    const bare = await startFakeOpenAI({ models: null });
    const result = await checkServer({ baseURL: bare.url, model: 'x' });
    await bare.close();
    expect(result).toEqual({ ok: true, models: [] });
  });
});

describe('presets', () => {
  it('covers the common servers with a hint each', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['openai', 'ollama', 'lmstudio', 'vllm', 'llamacpp', 'openrouter', 'custom', 'local']);
    // The local model is no server: its base URL is the word sessions record for it.
    expect(getPreset('local')).toMatchObject({ baseURL: 'local', needsKey: false });
    expect(getPreset('local').suggestedModel).toMatch(/\.gguf$/);
    for (const preset of PRESETS.filter((p) => p.id !== 'local')) {
      expect(preset.baseURL).toMatch(/^https?:\/\/.+\/v1$/);
      expect(preset.hint.length).toBeGreaterThan(10);
    }
    expect(getPreset('openai').needsKey).toBe(true);
    expect(getPreset('ollama').needsKey).toBe(false);
  });

  it('recognises a preset from its base URL', () => {
  });
});
