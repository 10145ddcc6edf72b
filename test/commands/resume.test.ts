import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { runCli, spawnCli, waitFor, type CliResult } from '../support/cli.js';
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


/** The built CLI's `resume` command in its own process. */
function runResume(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return runCli(['resume', ...args], env);
}

describe('persona-talks resume (built command)', () => {
  it('continues a session killed with SIGKILL mid-turn to its end: earlier turns intact, indices continuous, header unchanged', async () => {
    const dir = tempDir();
    const config = tempDir('pt-config-');
    const base = { PERSONA_TALKS_CONFIG_DIR: config, PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'), PERSONA_TALKS_SESSIONS: dir, PERSONA_TALKS_API_KEY: 'sk-resume-SECRET-1234' };
    // Slow streaming so the kill lands inside a turn, after some have finished.
    server.respond(demoHandler({ chunkDelayMs: 15, chunkSize: 4 }));
    const child = spawnCli(['run', '--seeker', 'left-out-friend', '--supporter', 'cheerful-peer', '--turns', '10', '--seed', '5'], {
      ...base,
      PERSONA_TALKS_BASE_URL: server.url,
      PERSONA_TALKS_MODEL: 'fake-model',
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    await waitFor(() => ((stdout.match(/\n\[(\d+)\] [^\n]*: \S/g)?.length ?? 0) >= 4 ? true : undefined), 15_000, 'the 4th turn to stream');
    child.kill('SIGKILL');
    await exited;
    server.respond(demoHandler());

    const [file] = sessionFiles(dir);
    const before = readSession(file!);
    expect(before.ended).toBeUndefined();
    expect(before.turns.length).toBeGreaterThanOrEqual(3);
    expect(before.turns.length).toBeLessThan(10);
    const headerLine = readFileSync(file!, 'utf8').split('\n')[0];

    // No base URL or model given: the recorded server and model are used.
    const r = await runResume([before.header.id], base);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Resuming ${before.header.id} after ${before.turns.length} turns`);
    expect(r.stdout).toContain('Ended after 10 turns because the turn cap was reached.');

    const after = readSession(file!);
    expect(after.skippedLines).toEqual([]);
    expect(after.turns.map((t) => t.index)).toEqual([...Array(10).keys()]);
    expect(after.turns.slice(0, before.turns.length)).toEqual(before.turns);
    for (const t of after.turns.filter((t) => t.speaker === 'supporter')) expect(t.strategy).toBeDefined();
    expect(after.turns.slice(before.turns.length).every((t) => t.text.length > 0)).toBe(true);
    expect(after.ended).toMatchObject({ reason: 'turn-cap', turns: 10 });
    expect(after.records.filter((rec) => rec.type === 'header')).toHaveLength(1);
    expect(after.records.filter((rec) => rec.type === 'resumed')).toHaveLength(1);
    const text = readFileSync(file!, 'utf8');
    expect(text.split('\n')[0]).toBe(headerLine);
    expect(text).not.toContain('SECRET');

    // Now it is finished: a second resume refuses and changes nothing.
    const again = await runResume([file!], base);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is finished');
    expect(readFileSync(file!, 'utf8')).toBe(text);
  });

  it('an unreachable server leaves the session untouched and says how to point elsewhere', async () => {
    const dir = tempDir();
    const base = { PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'), PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'), PERSONA_TALKS_SESSIONS: dir };
    server.respond(demoHandler({ chunkDelayMs: 15, chunkSize: 4 }));
    const child = spawnCli(['run', '--seeker', 'left-out-friend', '--supporter', 'cheerful-peer', '--turns', '10'], { ...base, PERSONA_TALKS_BASE_URL: server.url, PERSONA_TALKS_MODEL: 'fake-model' });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    await waitFor(() => ((stdout.match(/\n\[(\d+)\] [^\n]*: \S/g)?.length ?? 0) >= 2 ? true : undefined), 15_000, 'the 2nd turn to stream');
    child.kill('SIGKILL');
    await exited;
    server.respond(demoHandler());
    const [file] = sessionFiles(dir);
    const text = readFileSync(file!, 'utf8');
    const r = await runResume([file!, '--base-url', 'http://127.0.0.1:59997/v1'], base);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('http://127.0.0.1:59997/v1');
    expect(r.stderr).toContain('was not resumed');
    expect(readFileSync(file!, 'utf8')).toBe(text);
  });
});

describe('persona-talks resume after a stop or a failure (built command)', () => {
  const base = () => ({
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_SESSIONS: tempDir(),
    PERSONA_TALKS_API_KEY: 'sk-resume-SECRET-1234',
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
  });
  const records = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; reason?: string });

  it('continues a run stopped with SIGTERM, writing a resumed record, to its end', async () => {
    const env = base();
    server.respond(demoHandler({ chunkDelayMs: 15, chunkSize: 4 }));
    const child = spawnCli(['run', '--seeker', 'left-out-friend', '--supporter', 'cheerful-peer', '--turns', '8'], env);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await waitFor(() => ((stdout.match(/\n\[(\d+)\] [^\n]*: \S/g)?.length ?? 0) >= 3 ? true : undefined), 15_000, 'the 3rd turn to stream');
    child.kill('SIGTERM');
    expect(await exited).toBe(130);
    server.respond(demoHandler());
    const [file] = sessionFiles(env.PERSONA_TALKS_SESSIONS);
    expect(records(file!).at(-1)).toMatchObject({ type: 'ended', reason: 'stopped' });

    const r = await runResume([file!], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ended after 8 turns because the turn cap was reached.');
    const types = records(file!).map((x) => x.type);
    const stoppedAt = records(file!).findIndex((x) => x.type === 'ended' && x.reason === 'stopped');
    expect(types[stoppedAt + 1]).toBe('resumed');
    expect(readSession(file!).turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('continues a run whose turn failed for good', async () => {
    const env = base();
    let supporterCalls = 0;
    const normal = demoHandler();
    server.respond((request) => {
      if (request.body.response_format?.json_schema?.name === 'supporter_turn' && ++supporterCalls === 1) {
        return { kind: 'status', status: 400, body: { error: { message: 'this model is not loaded' } } };
      }
      return normal(request);
    });
    const failed = await runCli(['run', '--seeker', 'left-out-friend', '--supporter', 'cheerful-peer', '--turns', '4'], env);
    expect(failed.code).toBe(1);
    server.respond(demoHandler());
    const [file] = sessionFiles(env.PERSONA_TALKS_SESSIONS);
    expect(readSession(file!).ended).toMatchObject({ reason: 'error' });

    const r = await runResume([file!], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readSession(file!).turns).toHaveLength(4);
  });

  it('two resumes of one session at once: the second says who holds it and exits 1; the log has one writer', async () => {
    const env = base();
    const dir = env.PERSONA_TALKS_SESSIONS;
    server.respond(demoHandler());
    const ran = await runCli(['run', '--seeker', 'left-out-friend', '--supporter', 'cheerful-peer', '--turns', '10'], env);
    expect(ran.code).toBe(0);
    const [file] = sessionFiles(dir);
    // Back to three turns and no end, as a crash would leave it.
    const kept: string[] = [];
    let turns = 0;
    for (const line of readFileSync(file!, 'utf8').trim().split('\n')) {
      const type = (JSON.parse(line) as { type: string }).type;
      if (type === 'turn' && ++turns > 3) break;
      if (type !== 'ended') kept.push(line);
    }
    writeFileSync(file!, `${kept.join('\n')}\n`);

    server.respond(demoHandler({ chunkDelayMs: 20, chunkSize: 4 }));
    const slow = spawnCli(['resume', file!], env);
    let slowOut = '';
    slow.stdout!.on('data', (d: Buffer) => (slowOut += d.toString()));
    const slowDone = new Promise<number | null>((resolve) => slow.on('close', resolve));
    await waitFor(() => (slowOut.includes('[5]') ? true : undefined), 15_000, 'the first resume to stream');
    const second = await runResume([file!], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is being written by another persona-talks process (pid ${slow.pid} on`);
    expect(await slowDone).toBe(0);
    server.respond(demoHandler());

    const after = readSession(file!);
    expect(after.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const all = records(file!);
    expect(all.filter((r) => r.type === 'ended')).toHaveLength(1);
    expect(all.filter((r) => r.type === 'resumed')).toHaveLength(1);
    const indices = all.flatMap((r) => (r.type === 'turn' ? [(r as unknown as { turn: { index: number } }).turn.index] : []));
    expect(new Set(indices).size).toBe(indices.length);
  });
});
