import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { startPty, type PtySession } from '../support/pty.js';
import { waitFor } from '../support/cli.js';
import { appEnv, sessionFiles } from '../support/e2e-app.js';

/**
 * The default display: the alternate screen, the transcript a viewport. These
 * run the built app in a real pseudo-terminal and read the screen through xterm.
 */
let server: FakeServer;
beforeAll(async () => {
  // Slow enough that a turn is still streaming while the window is resized.
  server = await startFakeOpenAI({ handler: demoHandler({ chunkDelayMs: 12 }) });
});
afterAll(async () => {
  await server.close();
});

const env = (sessions: string): NodeJS.ProcessEnv => appEnv(server.url, sessions);

const ENTER = '\r';
const PAGE_UP = '\u001b[5~';
const HOME = '\u001b[1~';
const END = '\u001b[4~';
const ENTER_ALT_SCREEN = '\u001b[?1049h';
/** Turns saved so far (0 while the file is not there or its header is still being written). */
function savedTurns(dir: string): number {
  const [file] = sessionFiles(dir);
  try {
    return file ? readSession(file).turns.length : 0;
  } catch {
    return 0;
  }
}

/** Past the first-run notice, on the home screen with the server found. */
async function home(app: PtySession): Promise<void> {
  await app.waitForText('not therapy');
  await app.pressUntil(ENTER, (screen) => screen.includes('model server reachable'));
}

/** The rows above the trait panel or the status line: the transcript viewport. */
function transcriptRows(screen: string): string[] {
  const rows = screen.split('\n');
  const end = rows.findIndex((row) => /· (HEXACO|CSI|after turn|measuring)|^[●■⏸◌✖] |^\s*[HEXACO]\s{3}/.test(row));
  return rows.slice(0, end === -1 ? rows.length : end);
}

/** Every transcript row is a turn header, an indented line of a turn, a blank, or the scroll marker. */
function onlyTranscript(screen: string): boolean {
  const rows = transcriptRows(screen);
  return rows.some((row) => /^[▸◂] /.test(row)) && rows.every((row) => row.trim() === '' || /^[▸◂] |^ {2}\S|^↓ /.test(row));
}

describe('full screen (the default) in a real pseudo-terminal', () => {
  it('draws on the alternate screen: home shows nothing of the conversation before it, and leaving prints where it was saved', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'retired-surveyor', '--supporter', 'warm-listener', '--turns', '4'], env(dir));
    await home(app);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await app.waitForText('to go home', 20_000);
    expect(app.raw()).toContain(ENTER_ALT_SCREEN);
    const saved = readSession(sessionFiles(dir)[0]!);
    const said = saved.turns.map((t) => t.text.slice(0, 30));
    const back = await app.pressUntil(ENTER, (screen) => screen.includes('pick a seeker'));
    for (const text of said) expect(back).not.toContain(text);
    app.write('q');
    expect((await app.exited).exitCode).toBe(0);
    // Back on the normal screen: the path of the session and its one-line summary.
    const after = app.screen();
    expect(after).toContain(`Session saved to ${sessionFiles(dir)[0]!.slice(0, 40)}`);
    expect(after).not.toContain('pick a seeker');
  }, 40_000);

  it('--inline keeps the old inline drawing: no alternate screen, the conversation left in the scrollback', async () => {
    const dir = tempDir();
    const app = startPty(['--inline', '--seeker', 'retired-surveyor', '--supporter', 'warm-listener', '--turns', '2'], env(dir));
    await home(app);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await app.waitForText('to go home', 20_000);
    expect(app.raw()).not.toContain(ENTER_ALT_SCREEN);
    app.write('\u0003');
    await app.exited;
  }, 40_000);

  it('--inline: quitting from home ends the last line, so the shell prompt starts on a line of its own', async () => {
    const app = startPty(['--inline'], env(tempDir()));
    await home(app);
    app.write('q');
    await app.exited;
    // What follows the last text, once styles and modes are set aside, is a line end.
    // eslint-disable-next-line no-control-regex
    expect(app.raw().replace(/\u001b\[[0-9;?]*[mhl]/g, '')).toMatch(/\r?\n$/);
  }, 40_000);

  it('resized mid-stream 100→60→40→100 columns, re-lays out every turn from state with nothing else inside the transcript', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '30'], env(dir));
    await home(app);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    // A labelled supporter turn is on screen, and the next turn is streaming (its cursor shows).
    await app.waitForText((screen) => /◂ .*\[[A-Z][a-z]/.test(screen) && screen.includes('▍'), 20_000);
    for (const [cols, rows] of [[60, 20], [40, 20], [100, 30]] as const) {
      app.resize(cols, rows);
      // Laid out again at the new size, with a labelled supporter turn in view (at 40×20 that may take the
      // next turn). Old turns carry the same badge as new ones: the full name from 80 columns, the short code below.
      const badgesFit = (now: string) => {
        const badges = [...now.matchAll(/◂ [^\n]*\[([^\]]+)\]/g)].map((m) => m[1]!);
        return badges.length > 0 && badges.every((badge) => (cols >= 80 ? badge.length > 3 : /^[A-Z]{3}$/.test(badge)));
      };
      await app.waitForText((now) => onlyTranscript(now) && badgesFit(now), 15_000);
    }
    app.write('\u0003');
    await app.exited;
  }, 60_000);

  it('PgUp scrolls back with a marker of the turns below, Home reaches the first turn, End follows the newest again', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '12'], env(dir), { cols: 80, rows: 24 });
    await home(app);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await waitFor(() => (savedTurns(dir) >= 8 ? true : undefined), 30_000, 'eight turns');
    const first = readSession(sessionFiles(dir)[0]!).turns[0]!.text.slice(0, 30);
    app.write(' '); // pause, so the view holds still
    await app.waitForText(/paused/);
    expect(app.screen()).not.toContain(first);
    const up = await app.pressUntil(PAGE_UP, (screen) => /↓ \d+ more turns? below/.test(screen));
    expect(up).toMatch(/↓ \d+ more turns? below/);
    const top = await app.pressUntil(HOME, (screen) => screen.includes(first));
    expect(transcriptRows(top)[0]).toMatch(/^▸ /); // the first turn's header at the top
    const bottom = await app.pressUntil(END, (screen) => !/more turns? below/.test(screen));
    expect(bottom).not.toContain(first);
    app.write('\u0003');
    await app.exited;
  }, 60_000);

  it('keys that arrive in one read all take effect: Tab Tab Tab Tab → on home, a typed message with Enter, a paste', async () => {
    const dir = tempDir();
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '6'], env(dir));
    await home(app);
    app.write('\t\t\t\t\u001b[C'); // to the mode field, and one step right: join as seeker
    await app.waitForText(/Mode ‹join as seeker/);
    await app.pressUntil(ENTER, (screen) => !screen.includes('pick a seeker'));
    await app.waitForText(/Enter send/i);
    // A whole line and its Enter in one chunk, as a fast typist or a paste without brackets sends it.
    app.write(`I can't do this anymore, I want to end it all tonight${ENTER}`);
    // The crisis check runs on what the human seeker typed: the help banner, with where to call.
    const banner = await app.waitForText('If you are in crisis', 10_000);
    expect(banner).toContain('988');
    await waitFor(() => (savedTurns(dir) >= 2 ? true : undefined), 15_000, 'the supporter answer');
    await app.waitForText(/Enter send/i);
    // A bracketed paste: its line break is text, not Enter; the Enter after it sends.
    app.write('\u001b[200~first pasted line\nsecond pasted line\u001b[201~');
    await app.waitForText('second pasted line');
    expect(savedTurns(dir)).toBe(2); // the paste did not send
    app.write(ENTER);
    await waitFor(() => (savedTurns(dir) >= 3 ? true : undefined), 15_000, 'the pasted turn');
    const turns = readSession(sessionFiles(dir)[0]!).turns;
    expect(turns[0]).toMatchObject({ speaker: 'seeker', by: 'human', text: "I can't do this anymore, I want to end it all tonight" });
    expect(turns[2]!.text).toContain('first pasted line');
    expect(turns[2]!.text).toContain('second pasted line');
    app.write('\u0003');
    expect((await app.exited).exitCode).toBe(0);
  }, 60_000);
});
