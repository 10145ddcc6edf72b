import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { runCli, spawnCli, waitFor } from '../support/cli.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(async () => {
  await server.close();
});

function envFor(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_API_KEY: 'sk-cli-SECRET-abcdef',
    ...extra,
  };
}

function seedsFile(): string {
  const path = join(tempDir('pt-seeds-'), 'seeds.txt');
  writeFileSync(path, 'A retired nurse who volunteers at a hospice.\nA 24-year-old bike courier who argues with everyone.\n');
  return path;
}

const yamlIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('persona-talks personas generate (built CLI)', () => {
  it('piped: plain lines, one per finished candidate, and a summary; no terminal codes; no key in the files', async () => {
    server.respond(demoHandler());
    const out = join(tempDir('pt-gen-'), 'generated');
    const r = await runCli(['personas', 'generate', '--from', seedsFile(), '--count', '3', '--out', out], envFor());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Generating 3 personas with fake-model into .*generated \(4 at a time\)…$/m);
    expect(r.stdout.match(/^kept [a-z0-9-]+: .+ \(either\) ← A .+$/gm)).toHaveLength(3);
    expect(r.stdout).toMatch(/^Kept 3 personas in .*; 3 of 3 asked for\.$/m);
    for (const code of ['\r', '\u001b']) expect(`${r.stdout}${r.stderr}`).not.toContain(code);
    expect(yamlIn(out)).toHaveLength(3);
    for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8')).not.toContain('SECRET');
  });

  it('Ctrl+C stops cleanly (exit 130, what finished is kept) and the same command goes on from there', async () => {
    // Slow judge-side calls, one candidate at a time, so there is time to stop part-way.
    server.respond(demoHandler({ judgeCallMs: 60 }));
    const out = join(tempDir('pt-gen-'), 'generated');
    const args = ['personas', 'generate', '--from', seedsFile(), '--count', '4', '--out', out, '--concurrency', '1'];
    const child = spawnCli(args, envFor());
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor(() => (/^kept /m.test(stdout) ? true : undefined), 20_000, 'a first kept persona');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).toContain('Stopped: stopped before every candidate was done.');
    const kept = yamlIn(out).length;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(kept).toBeLessThan(4);
    server.respond(demoHandler());
    const again = await runCli(args, envFor());
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`earlier runs finished ${kept} kept`);
    expect(yamlIn(out)).toHaveLength(4);
  });

  it('kill -9 part-way loses no kept persona, and the same command finishes with every candidate done once', async () => {
    server.respond(demoHandler({ judgeCallMs: 60 }));
    const out = join(tempDir('pt-gen-'), 'generated');
    const args = ['personas', 'generate', '--from', seedsFile(), '--count', '5', '--out', out, '--concurrency', '2'];
    const child = spawnCli(args, envFor());
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    await waitFor(() => (/^kept /m.test(stdout) ? true : undefined), 20_000, 'a first kept persona');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Every persona the killed run reported kept is on disk, whole.
    const reported = [...stdout.matchAll(/^kept ([a-z0-9-]+):/gm)].map((m) => `${m[1]}.yaml`);
    expect(yamlIn(out)).toEqual(expect.arrayContaining(reported));
    server.respond(demoHandler());
    const again = await runCli(args, envFor());
    expect(again.code).toBe(0);
    expect(yamlIn(out)).toHaveLength(5);
    const keys = yamlIn(out).map((f) => /^ {2}candidate: (\S+)$/m.exec(readFileSync(join(out, f), 'utf8'))?.[1]);
    expect(new Set(keys).size).toBe(5);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const validate = await runCli(['personas', 'validate', out], envFor());
    expect(validate.stdout).toContain('5 personas OK');
  });

  it('a server that does not answer (a closed port): exit 1, said plainly, nothing made, no folder left', async () => {
    const out = join(tempDir('pt-gen-'), 'generated');
    const r = await runCli(['personas', 'import', seedsFile(), '--out', out], envFor({ PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:9/v1' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^persona-talks personas import: /);
    expect(r.stderr).not.toContain('SECRET');
    // The folder is made only once the model answers: nothing is left behind.
    expect(existsSync(out)).toBe(false);
  });
});
