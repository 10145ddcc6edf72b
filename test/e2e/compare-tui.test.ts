import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { startPty, type PtySession } from '../support/pty.js';
import { waitFor } from '../support/cli.js';
import { appEnv, sessionFiles } from '../support/e2e-app.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler({ chunkDelayMs: 2 }) });
});
afterAll(async () => {
  await server.close();
});

const env = (sessions: string): NodeJS.ProcessEnv => appEnv(server.url, sessions);

const ENTER = '\r';
const DOWN = '\u001b[B';
const LEFT = '\u001b[D';
const README = join(import.meta.dirname, '..', '..', 'README.md');
const SHOT = /(<!-- screenshot:compare:start[^>]*-->\n```text\n)[\s\S]*?(\n```\n<!-- screenshot:compare:end -->)/;

/** Home, with the seeker and supporter chosen by flags: past the notice, the server answering. */
async function home(app: PtySession): Promise<void> {
  await app.waitForText('not therapy');
  await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
  await app.waitForText(/Turns ‹\s*\d+›/);
}

/** Home's compare mode: side B gets the next supporter; Start both. */
async function compareFromHome(app: PtySession): Promise<void> {
  await app.pressUntil('c', (screen) => screen.includes('Compare side by side'));
  for (const _ of [1, 2, 3]) app.write(DOWN);
  await app.waitForText(/▸\s*\[ Start both \]/);
  await app.pressUntil(ENTER, (screen) => screen.includes('Side by side ·'));
}

/** The screen without trailing blank rows or blanks at line ends: what the README shows. */
function shot(screen: string): string {
  return screen.split('\n').map((l) => l.trimEnd()).join('\n').replace(/\n+$/, '');
}

describe('fork and compare in the terminal app', () => {
  it("fork form: pause, f, the supporter's Agreeableness down, Enter starts the fork on the same screen", async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '8'], env(dir), { cols: 120, rows: 30 });
    await home(app);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await app.waitForText(/supporter \[/, 15_000);
    await app.pressUntil(' ', (screen) => /paused/.test(screen));
    const form = await app.pressUntil('f', (screen) => screen.includes('keep turns 1..'));
    expect(form).toMatch(/Supporter\s+‹/);
    expect(form).toContain("supporter's Agreeableness (supporter.hexaco.A)");
    for (let i = 0; i < 5; i++) app.write(DOWN);
    await app.waitForText(/▸\s+value/);
    for (let i = 0; i < 3; i++) app.write(LEFT);
    const changed = await app.waitForText(/changes: supporter\.hexaco\.A \S+ → \S+/);
    const at = Number(/keep turns 1\.\.(\d+)/.exec(changed)![1]);
    app.write(DOWN);
    await app.waitForText(/▸\s*\[ Fork \]/);
    await app.pressUntil(ENTER, (screen) => !screen.includes('keep turns 1..'));
    await app.waitForText('to go home', 30_000);
    await waitFor(() => (sessionFiles(dir).length === 2 ? true : undefined), 10_000, 'the fork saved beside its parent');
    const sessions = sessionFiles(dir).map((file) => readSession(file));
    const fork = sessions.find((s) => s.header.fork)!;
    const parent = sessions.find((s) => !s.header.fork)!;
    expect(fork.header.fork).toMatchObject({ parent: { id: parent.header.id }, atTurn: at });
    expect(fork.header.fork!.changes).toEqual([expect.objectContaining({ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A' })]);
    expect(fork.turns.slice(0, at).map((t) => t.text)).toEqual(parent.turns.slice(0, at).map((t) => t.text));
    app.write('\u0003');
    await app.exited;
  }, 60_000);

  it('side by side at 120 columns: two live columns from home, where they diverged, and the replay from the browser', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '6'], env(dir), { cols: 120, rows: 30 });
    await home(app);
    await compareFromHome(app);
    const live = await app.waitForText((screen) => screen.split('\n').some((l) => /supporter \[\w+\].*│.*supporter \[\w+\]/.test(l)), 20_000);
    expect(live.split('\n').some((l) => /^ A .*│ {2}B /.test(l))).toBe(true);
    expect(live).toContain('Strategy mix so far');
    const ended = await app.waitForText('Where they diverged', 40_000);
    expect(ended).toMatch(/turns: A 6 · B 6 \(both start with the same turn\)/);
    expect(ended).toMatch(/strategy mix: Jensen–Shannon divergence \d\.\d{3} bits/);
    expect(ended).toContain('both ended');
    if (process.env['UPDATE_README_SCREENSHOT'] === '1') {
      const readme = readFileSync(README, 'utf8');
      writeFileSync(README, readme.replace(SHOT, (_m, open: string, close: string) => `${open}${shot(ended)}${close}`));
    }
    // Two ordinary sessions and the link between them.
    expect(sessionFiles(dir)).toHaveLength(2);
    expect(readdirSync(dir).some((f) => f.endsWith('.json'))).toBe(true);
    await app.pressUntil(ENTER, (screen) => screen.includes('pick a seeker'));
    // Replayed side by side from the session browser: a side of it, c, then a turn of each side per n.
    await app.pressUntil('b', (screen) => screen.includes('Sessions —'));
    await app.pressUntil(ENTER, (screen) => screen.includes('c side by side'));
    const replay = await app.pressUntil('c', (screen) => screen.includes('REPLAY · Side by side'));
    expect(replay).toMatch(/^paused/m);
    const opening = await app.pressUntil('n', (screen) => screen.split('\n').some((l) => /seeker.*│.*seeker/.test(l)));
    expect(opening).toContain('Strategy mix so far');
    app.write('\u0003');
    expect((await app.exited).exitCode).toBe(0);
  }, 80_000);

  it('side by side at 60×20: stacked, Tab shows one side at a time, still live', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '6'], env(dir), { cols: 60, rows: 20 });
    await home(app);
    await compareFromHome(app);
    const stacked = await app.waitForText((screen) => /^ A /m.test(screen) && /^ B /m.test(screen));
    const lines = stacked.split('\n');
    expect(lines.findIndex((l) => /^ B /.test(l))).toBeGreaterThan(lines.findIndex((l) => /^ A /.test(l)));
    expect(lines.some((l) => l.includes('│'))).toBe(false);
    await app.pressUntil('\t', (screen) => /^ A /m.test(screen) && !/^ B /m.test(screen));
    await app.pressUntil('\t', (screen) => /^ B /m.test(screen) && !/^ A /m.test(screen));
    // Still live while one side is shown: the comparison goes on to its end.
    await app.waitForText('Where they diverged', 40_000);
    app.write('\u0003');
    await app.exited;
  }, 80_000);

  it('the README shows a side-by-side screen captured by this test', () => {
    const block = SHOT.exec(readFileSync(README, 'utf8'));
    expect(block, 'README.md has no screenshot:compare block').not.toBeNull();
    const text = readFileSync(README, 'utf8').slice(block!.index, block!.index + block![0].length);
    expect(text).toContain('Side by side · A:');
    expect(text).toContain('Where they diverged');
    expect(text.split('\n').some((l) => /│/.test(l))).toBe(true);
  });
});
