import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { envFor, planYaml, sessionFiles, writePlan } from '../support/experiments.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { startPty } from '../support/pty.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler({ chunkDelayMs: 3 }) });
});
afterAll(() => server.close());

describe('experiment run in a real terminal', () => {
  it('shows the progress view at 60×20 and ends with the summary', async () => {
    const dir = join(tempDir('pt-exp-pty-'), 'out');
    const plan = writePlan(planYaml({ supporters: ['warm-listener', 'blunt-coach'], concurrency: 2 }));
    const term = startPty(['experiment', 'run', plan, '--dir', dir], envFor(server.url), { cols: 60, rows: 20 });
    const during = await term.waitForText(/Experiment test-study-[0-9a-f]{8}/, 20_000);
    expect(during).toMatch(/[█░]+ \d\/3/);
    const done = await term.waitForText('All 3 conversations finished', 30_000);
    expect(done).toMatch(/3\/3 100%/);
    expect(done).toContain('done 3 · running 0 · failed 0');
    const exit = await term.exited;
    expect(exit.exitCode).toBe(0);
    for (const line of term.screen().split('\n')) expect(Array.from(line).length).toBeLessThanOrEqual(60);
    expect(sessionFiles(dir).length).toBe(3);
  }, 60_000);

  it('Ctrl+C stops cleanly: running conversations are saved as stopped, and the summary says how to go on', async () => {
    server.respond(demoHandler({ chunkDelayMs: 25, chunkSize: 3 }));
    const dir = join(tempDir('pt-exp-pty-'), 'out');
    const plan = writePlan(planYaml({ turnCap: 20, concurrency: 2 }));
    const term = startPty(['experiment', 'run', plan, '--dir', dir], envFor(server.url), { cols: 100, rows: 30 });
    await term.waitForText(/running 2/, 20_000);
    term.write('\u0003');
    const after = await term.waitForText('Run the same command again to continue', 20_000);
    expect(after).toContain('Stopped: 0 of 2 finished');
    const exit = await term.exited;
    expect(exit.exitCode).toBe(130);
    for (const file of sessionFiles(dir)) expect(readSession(join(dir, 'sessions', file)).ended?.reason).toBe('stopped');
    server.respond(demoHandler({ chunkDelayMs: 3 }));
  }, 60_000);
});
