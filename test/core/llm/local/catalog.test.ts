import { describe, expect, it } from 'vitest';
import { activeCatalog, DEFAULT_LOCAL_MODEL, TEST_CATALOG_ENV } from '../../../../src/core/llm/local/catalog.js';

// The test-only catalog variable lets the tests download the tiny model the way a user downloads
// the real one. It must never redirect a user's download: loopback URLs only, and loud when wrong.

const entry = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ url: 'http://127.0.0.1:4000/models/tiny.gguf', sha256: 'AB'.repeat(32), sizeBytes: 51_616, fileName: 'tiny.gguf', name: 'tiny', ...over });

describe('the model to download', () => {
  it('is the pinned default unless the test variable is set', () => {
    expect(activeCatalog({})).toBe(DEFAULT_LOCAL_MODEL);
    expect(DEFAULT_LOCAL_MODEL.url).toMatch(/^https:\/\/huggingface\.co\/Qwen\/.*\/resolve\/[0-9a-f]{40}\//);
    expect(DEFAULT_LOCAL_MODEL.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('honours the test variable for a file on this machine only', () => {
    expect(activeCatalog({ [TEST_CATALOG_ENV]: entry() })).toMatchObject({ url: 'http://127.0.0.1:4000/models/tiny.gguf', sha256: 'ab'.repeat(32), fileName: 'tiny.gguf' });
    expect(activeCatalog({ [TEST_CATALOG_ENV]: entry({ url: 'http://localhost:4000/t.gguf' }) }).url).toBe('http://localhost:4000/t.gguf');
    for (const url of ['https://huggingface.co/x/tiny.gguf', 'http://10.0.0.2/tiny.gguf', 'http://127.0.0.1.example.com/tiny.gguf', 'file:///tmp/tiny.gguf', 'https://127.0.0.1/tiny.gguf']) {
      expect(() => activeCatalog({ [TEST_CATALOG_ENV]: entry({ url }) }), url).toThrow(/for tests only/);
    }
  });

  it('refuses a malformed entry rather than falling back quietly', () => {
    expect(() => activeCatalog({ [TEST_CATALOG_ENV]: '{nope' })).toThrow(/not JSON/);
    expect(() => activeCatalog({ [TEST_CATALOG_ENV]: entry({ sha256: 'abc' }) })).toThrow(/sha256/);
    expect(() => activeCatalog({ [TEST_CATALOG_ENV]: entry({ sizeBytes: -1 }) })).toThrow(/sizeBytes/);
    expect(() => activeCatalog({ [TEST_CATALOG_ENV]: entry({ fileName: '../evil.gguf' }) })).toThrow(/fileName/);
  });
});
