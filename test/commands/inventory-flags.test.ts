import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI();
});
afterAll(async () => {
  await server.close();
});

const env = () => ({
  PERSONA_TALKS_BASE_URL: server.url,
  PERSONA_TALKS_MODEL: 'fake-model',
  PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
  PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
});

/** A tiny inventory in the bundled format, one statement per dimension, with a marker word to find in requests. */
function writeInventory(dir: string): string {
  const items = ['H', 'E', 'X', 'A', 'C', 'O']
    .map((d, i) => `  - { id: Z${i}, dimension: ${d}, reverse: ${i % 2 === 0}, text: "The person is zebraquill-${d} in how they talk." }`)
    .join('\n');
  const path = join(dir, 'my-hexaco.yaml');
  writeFileSync(path, `name: licensed test inventory\nversion: 1\nkind: hexaco\nscale: { min: 1, max: 5 }\nitems:\n${items}\n`);
  return path;
}

describe('another inventory for personas score / measure', () => {
  it('--hexaco-inventory FILE rates that file\'s statements instead of the bundled ones', async () => {
    server.requests.length = 0;
    const file = writeInventory(tempDir());
    const r = await runCli(['personas', 'score', 'A calm, careful accountant who rarely shows feelings.', '--hexaco-inventory', file, '--json'], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bodies = server.chatRequests().map((q) => q.rawBody).join('\n');
    expect(bodies).toContain('zebraquill-E');
    expect(bodies).not.toContain('plays down their own achievements'); // a bundled HEXACO statement
    const out = JSON.parse(r.stdout) as { hexaco: Record<string, number> };
    expect(Object.keys(out.hexaco).sort()).toEqual(['A', 'C', 'E', 'H', 'O', 'X']);
  });

  it('a broken inventory file is named with its line, and nothing is sent', async () => {
    server.requests.length = 0;
    const dir = tempDir();
    const path = join(dir, 'broken.yaml');
    writeFileSync(path, 'name: broken\nversion: 1\nkind: hexaco\nscale: { min: 1, max: 5 }\nitems:\n  - { id: Q1, dimension: Q, reverse: false, text: "x" }\n');
    const r = await runCli(['personas', 'score', 'anyone', '--hexaco-inventory', path], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:6/);
    expect(server.chatRequests()).toEqual([]);
  });
});
