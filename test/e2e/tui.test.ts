import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { startPty } from '../support/pty.js';
import { runCli, waitFor } from '../support/cli.js';
import { appEnv, sessionFiles } from '../support/e2e-app.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler({ chunkDelayMs: 2 }) });
});
afterAll(async () => {
  await server.close();
});

const env = (sessions: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => appEnv(server.url, sessions, extra);

const ENTER = '\r';

describe('the terminal app in a real pseudo-terminal', () => {
  it('first run: notice, pick personas, watch a labelled conversation, find the saved session', async () => {
    const dir = tempDir();
    const app = startPty([], env(dir));
    await app.waitForText('not therapy');
    await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
    await app.pressUntil('\u001b[B', (screen) => screen.includes('› Lena Fischer')); // ↓: the second seeker
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    const ended = await app.waitForText('to go home', 20_000);
    expect(ended).toMatch(/Conversation ended/);
    expect(ended).toMatch(/Saved to .*\.jsonl/);
    const [file] = sessionFiles(dir);
    const saved = readSession(file!);
    expect(saved.turns.length).toBeGreaterThan(4);
    expect(saved.header.personas.seeker.id).not.toBe('anxious-phd-student'); // we moved off the first seeker
    // every supporter turn was labelled on screen and in the file
    for (const t of saved.turns.filter((t) => t.speaker === 'supporter')) expect(t.strategy).toBeTruthy();
    await app.pressUntil('q', (screen) => screen.includes('pick a seeker')); // q on the summary goes home
    app.write('q'); // and quits there
    const exit = await app.exited;
    expect(exit.exitCode).toBe(0);
    // the app restored the terminal: cursor shown again after Ink hid it
    expect(app.raw().lastIndexOf('\u001b[?25h')).toBeGreaterThan(app.raw().lastIndexOf('\u001b[?25l'));
  }, 40_000);

  it('join as seeker at 60×20: type a message, the AI answers it, Ctrl+C saves and exits', async () => {
    const dir = tempDir();
    const app = startPty([], env(dir), { cols: 60, rows: 20 });
    await app.waitForText('not therapy');
    await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
    // Tab to the mode field (the focused field is marked ▸), one step at a time: each Tab
    // waits for the marker to move, so a slow machine cannot make us overshoot.
    const focused = () => /▸\s*(\S+)/.exec(app.screen())?.[1] ?? '';
    for (let i = 0; i < 8 && !/▸\s*Mode/.test(app.screen()); i++) {
      const before = focused();
      await app.pressUntil('\t', (screen) => (/▸\s*(\S+)/.exec(screen)?.[1] ?? '') !== before);
    }
    app.write('\u001b[C');
    await app.waitForText(/Mode ‹join as seeker/);
    expect(app.screen()).toMatch(/Mode ‹join as seeker/);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await app.waitForText(/Enter send/i);
    // The first letter waits for the composer to be listening ('I' means nothing to the screen's own keys).
    await app.pressUntil('I', (screen) => screen.includes('I▍'));
    app.write(' have not slept properly in weeks \u001b[31mred\u001b[0m');
    app.write(ENTER);
    await app.waitForText(/supporter \[/, 10_000);
    // the supporter's answer is finished once it is on disk; then Ctrl+C
    await waitFor(() => (sessionFiles(dir).length === 1 && readSession(sessionFiles(dir)[0]!).turns.length >= 2 ? true : undefined), 10_000, 'the supporter turn');
    app.write('\u0003');
    const exit = await app.exited;
    expect(exit.exitCode).toBe(0);
    const saved = readSession(sessionFiles(dir)[0]!);
    expect(saved.turns[0]).toMatchObject({ speaker: 'seeker', by: 'human' });
    expect(saved.turns[0]!.text).toContain('I have not slept properly in weeks');
    expect(readFileSync(sessionFiles(dir)[0]!, 'utf8')).not.toContain('\u001b');
    expect(saved.turns[1]).toMatchObject({ speaker: 'supporter', by: 'ai' });
  }, 40_000);

  it('the run flags preselect the personas in the app', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'night-shift-nurse', '--supporter', 'no-persona', '--turns', '4'], env(dir));
    await app.waitForText('not therapy');
    await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
    const screen = await app.waitForText(/Turns ‹\s*4›/);
    expect(screen).toContain('night-shift-nurse'); // the preview shows the selected seeker's id
    await app.pressUntil(ENTER, (now) => !now.includes('pick a seeker'));
    await app.waitForText('to go home', 20_000);
    const saved = readSession(sessionFiles(dir)[0]!);
    expect(saved.header.personas.seeker.id).toBe('night-shift-nurse');
    expect(saved.header.personas.supporter.id).toBe('no-persona');
    expect(saved.turns.length).toBe(4);
    await app.pressUntil('q', (screen) => screen.includes('pick a seeker')); // q on the summary goes home
    app.write('q'); // and quits there
    await app.exited;
  }, 40_000);

  it('a finished conversation waits on its summary for a slow judge: every label arrives, none is left pending', async () => {
    // Judge calls take 1.5 s, far longer than these fast agent turns: without the app's
    // longer final wait (about one turn, at least 2 s), labels would be left pending.
    const slowJudge = await startFakeOpenAI({ handler: demoHandler({ chunkDelayMs: 2, judgeCallMs: 1_500 }) });
    try {
      const dir = tempDir();
      const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '6'], appEnv(slowJudge.url, dir));
      await app.waitForText('not therapy');
      await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
      await app.pressUntil(ENTER, (now) => !now.includes('pick a seeker'));
      const ended = await app.waitForText('to go home', 20_000);
      expect(ended).toContain('The judge is finishing');
      const settled = await app.waitForText((screen) => !screen.includes('The judge is finishing'), 40_000);
      expect(settled).not.toContain('pending');
      const saved = readSession(sessionFiles(dir)[0]!);
      const supporterTurns = saved.turns.filter((t) => t.speaker === 'supporter').map((t) => t.index);
      const labelled = new Set(saved.records.flatMap((r) => (r.type === 'perceived' && !r.failed ? [r.index] : [])));
      expect(supporterTurns.length).toBe(3);
      expect(supporterTurns.filter((i) => !labelled.has(i))).toEqual([]);
      expect(saved.records.some((r) => r.type === 'notice' && r.message.includes('pending'))).toBe(false);
      await app.pressUntil('q', (screen) => screen.includes('pick a seeker'));
      app.write('q');
      await app.exited;
    } finally {
      await slowJudge.close();
    }
  }, 70_000);

  it('replays a saved session step by step with no model server, and prints it when piped', async () => {
    const dir = tempDir();
    // Record a session first (through the loopback server), then replay it with no server at all.
    const recorder = startPty(['--seeker', 'retired-surveyor', '--supporter', 'warm-listener', '--turns', '4'], env(dir));
    await recorder.waitForText('not therapy');
    await recorder.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
    await recorder.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await recorder.waitForText('to go home', 20_000);
    await recorder.pressUntil('q', (screen) => screen.includes('pick a seeker')); // q on the summary goes home
    recorder.write('q'); // and quits there
    await recorder.exited;
    const [file] = sessionFiles(dir);
    const saved = readSession(file!);

    const noServer = { PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:59996/v1' };
    const replay = startPty(['replay', file!, '--step'], env(dir, noServer));
    await replay.waitForText(/REPLAY/);
    await replay.pressUntil('n', (screen) => screen.includes(saved.turns[0]!.text.slice(0, 40)));
    expect(replay.screen()).not.toContain(saved.turns[1]!.text.slice(0, 40)); // one turn per step
    replay.write('n');
    const second = await replay.waitForText(saved.turns[1]!.text.slice(0, 40));
    expect(second).toContain(`[${saved.turns[1]!.strategy}]`);
    replay.write('\u0003');
    expect((await replay.exited).exitCode).toBe(0);

    const piped = await runCli(['replay', file!], env(dir, noServer));
    expect(piped.code).toBe(0);
    for (const t of saved.turns) expect(piped.stdout).toContain(t.text);
  }, 60_000);

  it('no server reachable: explains how to connect one instead of failing', async () => {
    const app = startPty([], env(tempDir(), { PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:59997/v1' }));
    await app.waitForText('not therapy');
    // Home says it in its status line first; the explanation, with the address, follows once the check has failed.
    await app.pressUntil(ENTER, (now) => /No model server|no model server/i.test(now));
    const screen = await app.waitForText('127.0.0.1:59997');
    expect(screen).toMatch(/No model server/i);
    app.write('q');
    await app.exited;
  }, 30_000);

  it('model text with escape sequences arrives inert on the screen', async () => {
    server.respond((r) => {
      if (r.body.response_format?.json_schema?.name === 'supporter_turn') {
        return { kind: 'text', content: JSON.stringify({ strategy: 'Question', response: 'Hello \u001b]0;pwned\u0007\u001b[2J\u001b[31mthere' }) };
      }
      return demoHandler()(r);
    });
    const dir = tempDir();
    const app = startPty([], env(dir));
    await app.waitForText('not therapy');
    await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    const screen = await app.waitForText('␛[31mthere');
    expect(screen).toContain('Hello ␛]0;pwned');
    // the title-setting sequence never reached the terminal as a control sequence
    expect(app.raw()).not.toContain('\u001b]0;pwned');
    app.write('\u0003');
    await app.exited;
    server.respond(demoHandler({ chunkDelayMs: 2 }));
  }, 30_000);
});
