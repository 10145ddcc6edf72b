import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../src/core/strategies.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { runCli, spawnCli, waitFor } from '../support/cli.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { sessionFiles } from '../support/e2e-app.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(async () => {
  await server.close();
});

function envFor(sessions: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
    PERSONA_TALKS_API_KEY: 'sk-cli-SECRET-abcdef',
    ...extra,
  };
}


describe('persona-talks run (built CLI)', () => {
  it('completes the requested turns, labels every supporter turn, and saves the session', async () => {
    server.respond(demoHandler());
    const dir = tempDir();
    const r = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '8', '--seed', '3'], envFor(dir));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[1] Mina Haddad (seeker): ');
    expect(r.stdout).toMatch(/\[8\] Ana Sousa \(supporter\) \[[^\]]+\]: /);
    expect(r.stdout).toContain('Ended after 8 turns because the turn cap was reached.');
    const [file] = sessionFiles(dir);
    const saved = readSession(file!);
    expect(saved.turns.length).toBe(8);
    for (const t of saved.turns.filter((t) => t.speaker === 'supporter')) expect(STRATEGIES).toContain(t.strategy);
    expect(saved.header.seed).toBe(3);
    expect(readFileSync(file!, 'utf8')).not.toContain('SECRET');
  });

  it('prints NDJSON events with --json', async () => {
    const dir = tempDir();
    const r = await runCli(['run', '--seeker', 'night-shift-nurse', '--supporter', 'no-persona', '--turns', '4', '--json', '--condition', 'blind'], envFor(dir));
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; turn?: { strategy?: string } });
    expect(events[0]!.type).toBe('session-started');
    // 'ended' closes the conversation; the judge's last estimates and labels may follow it
    const afterEnd = events.slice(events.findIndex((e) => e.type === 'ended') + 1);
    expect(events.some((e) => e.type === 'ended')).toBe(true);
    expect(afterEnd.every((e) => ['meter', 'perceived', 'usage', 'notice'].includes(e.type))).toBe(true);
    expect(events.filter((e) => e.type === 'turn-finished').length).toBe(4);
    expect(r.stdout).not.toContain('SECRET');
  });

  it('--judge-cadence 0 turns the trait judge off; by default it measures alongside', async () => {
    const types = async (extra: string[]) => {
      const r = await runCli(['run', '--seeker', 'night-shift-nurse', '--supporter', 'warm-listener', '--turns', '4', '--json', ...extra], envFor(tempDir()));
      expect(r.code).toBe(0);
      return r.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    };
    const off = await types(['--judge-cadence', '0']);
    const on = await types([]);
    const silent = await types(['--judge-cadence', '0', '--no-classifier']);
    expect(off).not.toContain('meter');
    expect(off).toContain('perceived'); // the classifier is its own switch
    expect(silent).not.toContain('meter');
    expect(silent).not.toContain('perceived');
    expect(on).toContain('meter');
    expect(on).toContain('perceived');
  });

  it('--window N: the agents read the latest N turns and a summary of the rest, recorded in the session', async () => {
    server.respond(demoHandler());
    const dir = tempDir();
    const r = await runCli(['run', '--seeker', 'night-shift-nurse', '--supporter', 'warm-listener', '--turns', '12', '--window', '4', '--judge-cadence', '0', '--no-classifier'], envFor(dir));
    expect(r.code).toBe(0);
    // A window of 4 folds 2 turns into each summary; the agents first read one for turn 6, and a marker says so there.
    expect(r.stdout).toMatch(/\[5\] [^\n]*\n— turns 1–2 summarised for the agents \(\d+ characters\) —\n\n\[6\] /);
    expect(r.stdout.match(/— turns 1–\d+ summarised/g)).toEqual(['— turns 1–2 summarised', '— turns 1–4 summarised', '— turns 1–6 summarised', '— turns 1–8 summarised']);
    const saved = readSession(sessionFiles(dir)[0]!);
    expect(saved.header.window).toBe(4);
    expect(saved.header.prompts?.summary).toBe('2');
    // Recorded as the agents first read each one, so a replay or a resume sees what they saw.
    expect(saved.records.flatMap((r) => (r.type === 'summary' ? [r.throughTurn] : []))).toEqual([1, 3, 5, 7]);
    const bad = await runCli(['run', '--seeker', 'night-shift-nurse', '--supporter', 'warm-listener', '--window', '-1'], envFor(tempDir()));
    expect(bad.code).toBe(2);
  });

  it('the bare command with run flags falls back to the headless run when stdout is not a terminal', async () => {
    const dir = tempDir();
    const r = await runCli(['--seeker', 'night-shift-nurse', '--supporter', 'no-persona', '--turns', '2'], envFor(dir));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[2\] No persona \(supporter\) \[[^\]]+\]: /);
    expect(sessionFiles(dir).length).toBe(1);
  });

  it('the bare command without a terminal or personas says how to run headless', async () => {
    const r = await runCli([], envFor(tempDir()));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('persona-talks run --seeker ID --supporter ID');
  });

  it('runs the script engine', async () => {
    server.respond(() => ({
      kind: 'text',
      content: JSON.stringify({ dialog: [{ speaker: 'seeker', strategy: null, content: 'I lost my job.' }, { speaker: 'supporter', strategy: 'Questions', content: 'What happened?' }] }),
    }));
    const dir = tempDir();
    const r = await runCli(['run', '--seeker', 'laid-off-machinist', '--supporter', 'warm-listener', '--engine', 'script', '--turns', '2'], envFor(dir));
    server.respond(demoHandler());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[2] Ana Sousa (supporter) [Question]: What happened?');
  });

  it('unknown persona ids: one clear paragraph and a non-zero exit', async () => {
    const r = await runCli(['run', '--seeker', 'nobody-here', '--supporter', 'warm-listener'], envFor(tempDir()));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No persona with id "nobody-here"');
    expect(r.stderr).toContain('persona-talks personas list --role seeker');
  });

  it('an unreachable server: says what to do, exits non-zero, starts nothing', async () => {
    const dir = tempDir();
    const r = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener'], envFor(dir, { PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:59998/v1' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('http://127.0.0.1:59998/v1');
    expect(r.stderr).toContain('--base-url');
    expect(r.stderr).not.toContain('SECRET');
    expect(sessionFiles(dir)).toEqual([]);
  });

  it('bad flags: usage and exit 2', async () => {
    const r = await runCli(['run', '--seeker', 'a', '--supporter', 'b', '--turns', 'many'], envFor(tempDir()));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--turns must be a whole number');
  });

  it('a --base-url that is not an http(s) URL: exit 2 before anything is sent; an empty one does not fall back to a preset', async () => {
    for (const url of ['not a url', 'ftp://example.com/v1', 'javascript:alert(1)', '']) {
      const r = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--base-url', url], envFor(tempDir()));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(url === '' ? '--base-url needs a value' : '--base-url is not an http(s) URL');
    }
  });

  it('--request-timeout (and the requestTimeout setting) bounds a server that never answers chat: one wait, a message naming it', async () => {
    const silent = await startFakeOpenAI({ handler: () => ({ kind: 'delay', ms: 60_000, then: { kind: 'text', content: 'late' } }) });
    try {
      const env = { ...envFor(tempDir()), PERSONA_TALKS_BASE_URL: silent.url };
      const r = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--request-timeout', '1'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('did not start answering within the request timeout (1 s)');
      expect(r.stderr).toContain('--request-timeout SECONDS or the requestTimeout setting');
      expect(silent.chatRequests()).toHaveLength(1);

      const config = tempDir('pt-config-');
      writeFileSync(join(config, 'config.json'), JSON.stringify({ requestTimeout: 2 }));
      const fromSettings = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener'], { ...env, PERSONA_TALKS_CONFIG_DIR: config });
      expect(fromSettings.code).toBe(1);
      expect(fromSettings.stderr).toContain('within the request timeout (2 s)');
    } finally {
      await silent.close();
    }
  });

  it('a server that answers HTML: says at once it is not an OpenAI-compatible API and shows the content type', async () => {
    const page = await startFakeOpenAI({ htmlPage: '<!doctype html><title>Proxy error</title>' });
    try {
      const r = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener'], { ...envFor(tempDir()), PERSONA_TALKS_BASE_URL: page.url });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('not an OpenAI-compatible API response');
      expect(r.stderr).toContain('text/html');
      expect(r.stderr).not.toContain('ended early');
      expect(page.requests).toHaveLength(1);
    } finally {
      await page.close();
    }
  });

  it('--help states the request timeout and its default', async () => {
    const r = await runCli(['run', '--help'], envFor(tempDir()));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--request-timeout S +seconds a model server may take to start answering a request, 1–3600 \(default from settings, 60\)/);
  });

  it('SIGKILL mid-conversation leaves a readable log with every finished turn', async () => {
    const dir = tempDir();
    // Turns stream slowly so the kill lands inside a turn, after some have finished.
    server.respond(demoHandler({ chunkDelayMs: 15, chunkSize: 4 }));
    const child = spawnCli(['run', '--seeker', 'left-out-friend', '--supporter', 'cheerful-peer', '--turns', '40'], envFor(dir));
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    const finishedBeforeKill = await waitFor(() => {
      const m = stdout.match(/\n\[(\d+)\] [^\n]*: \S/g);
      // the 4th turn has started streaming: turns 1–3 are finished and must be on disk
      return m && m.length >= 4 ? m.length - 1 : undefined;
    }, 15_000, 'four turns to start');
    child.kill('SIGKILL');
    await exited;
    server.respond(demoHandler());
    const [file] = sessionFiles(dir);
    const saved = readSession(file!);
    expect(saved.turns.length).toBeGreaterThanOrEqual(finishedBeforeKill);
    expect(saved.turns.map((t) => t.index)).toEqual(saved.turns.map((_, i) => i));
    expect(saved.ended).toBeUndefined();
  });
});
