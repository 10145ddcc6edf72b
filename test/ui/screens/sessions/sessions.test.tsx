import { appendFileSync, existsSync } from 'node:fs';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedSession } from '../../../../src/core/sessions/reader.js';
import { readSession } from '../../../../src/core/sessions/reader.js';
import { replaySession, type ReplayPace } from '../../../../src/core/sessions/replay.js';
import { ConversationScreen } from '../../../../src/ui/screens/ConversationScreen.js';
import { SessionsScreen } from '../../../../src/ui/screens/sessions/SessionsScreen.js';
import { filterSessions, mixCells } from '../../../../src/ui/screens/sessions/sessionRows.js';
import { listSessions } from '../../../../src/core/sessions/list.js';
import { BASELINE, SEEKER, tempDir, truncateWithPartialLine, writeSession } from '../../../core/sessions/fixtures.js';
import { frame, press, renderAtSize, typeText, waitForFrame, widestLine, withKeys } from '../../helpers.js';

afterEach(() => cleanup());

const TALK = [
  ['seeker', 'The ferry line closes in spring and I have not told my family yet.'],
  ['supporter', 'How long have you been holding on to this?', 'Question'],
  ['seeker', 'Two weeks. Every dinner I almost say it.'],
  ['supporter', 'That sounds like a heavy thing to carry to every dinner.', 'Reflection of Feelings'],
  ['seeker', 'It is. I keep rehearsing the words.'],
  ['supporter', 'Maybe start with your sister, who you said listens well.', 'Providing Suggestions'],
] as const;

/** Three sessions: a finished aware one, a blind one with the baseline supporter, an unfinished one cut mid-line. */
function folder() {
  const dir = tempDir();
  const aware = writeSession(dir, { header: { id: 'sess-aware', createdAt: '2025-03-03T10:00:00.000Z' }, turns: TALK });
  const blind = writeSession(dir, {
    header: { id: 'sess-blind', createdAt: '2025-03-02T10:00:00.000Z', condition: 'blind', engine: 'script', personas: { seeker: SEEKER, supporter: BASELINE } },
    turns: TALK.slice(0, 4),
  });
  const unfinished = writeSession(dir, { header: { id: 'sess-cut', createdAt: '2025-03-01T10:00:00.000Z' }, turns: TALK.slice(0, 3), ended: false });
  truncateWithPartialLine(unfinished);
  return { dir, aware, blind, unfinished };
}

function browser(dir: string, columns = 60, rows = 20, resumeResult: string | undefined = 'No model server answered.') {
  const replays: Array<{ session: LoadedSession; speed: ReplayPace; step: boolean }> = [];
  const resumes: string[] = [];
  let backs = 0;
  const r = renderAtSize(
    withKeys(<SessionsScreen
      dir={dir}
      onReplay={(session, o) => replays.push({ session, ...o })}
      onResume={async (session) => {
        resumes.push(session.path);
        return resumeResult;
      }}
      onBack={() => (backs += 1)}
    />),
    columns,
    rows,
  );
  return { r, replays, resumes, backs: () => backs };
}

describe('session browser', () => {
  it('lists every session at 60×20 — truncated one included — with turns, condition and status, and fits the width', async () => {
    const { dir } = folder();
    const { r } = browser(dir);
    const f = await waitForFrame(r, '3 of 3');
    // Names take what the fixed columns leave at 60 columns.
    expect(f).toContain('Odile Marsh → Tobias Wr…');
    expect(f).toContain('Odile Marsh → No persona');
    expect(f).toMatch(/03-01 10:00 ◌\s+3 /); // unfinished, 3 turns
    expect(f).toMatch(/03-03 10:00 ■\s+6 /);
    expect(f).toContain('blind');
    expect(widestLine(f)).toBeLessThanOrEqual(60);
    expect(f.split('\n').length).toBeLessThanOrEqual(20);
  });

  it('filters by typing, and Esc clears the filter before it leaves', async () => {
    const { dir } = folder();
    const { r, backs } = browser(dir);
    await waitForFrame(r, '3 of 3');
    await typeText(r, 'blind');
    let f = await waitForFrame(r, '1 of 3');
    expect(f).toContain('No persona');
    expect(f).not.toContain('→ Tobias Wren');
    await press(r, 'backspace', 5);
    await typeText(r, 'unfinished');
    f = await waitForFrame(r, '1 of 3');
    expect(f).toMatch(/◌/);
    await typeText(r, 'zzz');
    await waitForFrame(r, 'No session matches the filter.');
    await press(r, 'escape');
    await waitForFrame(r, '3 of 3');
    expect(backs()).toBe(0);
    await press(r, 'escape');
    expect(backs()).toBe(1);
  });

  it('opens a session to read it, scrolls, and offers replay at a chosen speed', async () => {
    const { dir, aware } = folder();
    const { r, replays } = browser(dir);
    await waitForFrame(r, '3 of 3');
    await press(r, 'enter');
    let f = await waitForFrame(r, 'Odile Marsh (seeker) → Tobias Wren (supporter)');
    expect(f).toContain('[2] Tobias Wren (supporter) [Question]');
    expect(f).toContain('finished (turn-cap)');
    expect(f).not.toContain('u resume');
    await press(r, '\u001b[6~'); // PgDn
    f = await waitForFrame(r, 'sister');
    expect(f).toContain('[6] Tobias Wren (supporter) [Providing Suggestions]');
    await press(r, 'r');
    await waitForFrame(r, 'Replay at: 1 ×1');
    await press(r, '2');
    expect(replays).toHaveLength(1);
    expect(replays[0]).toMatchObject({ speed: 2, step: false });
    expect(replays[0]!.session.path).toBe(aware);
    await press(r, 's');
    expect(replays[1]).toMatchObject({ speed: 1, step: true });
  });

  it('a session stopped by the user says so and offers resume, like an unfinished one', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { header: { id: 'sess-stopped' }, turns: TALK.slice(0, 3), ended: false });
    appendFileSync(path, `${JSON.stringify({ type: 'ended', v: 1, at: '2025-03-01T10:05:00.000Z', reason: 'stopped', turns: 3 })}\n`);
    const { r, resumes } = browser(dir);
    await waitForFrame(r, '1 of 1');
    await press(r, 'enter');
    const f = await waitForFrame(r, 'stopped (by you) — u resumes it');
    expect(f).toMatch(/u resume/);
    await press(r, 'u');
    await waitForFrame(r, 'No model server answered.');
    expect(resumes).toEqual([path]);
  });

  it('resume is offered only for an unfinished session and reports why it could not start', async () => {
    const { dir, unfinished } = folder();
    const { r, resumes } = browser(dir);
    await waitForFrame(r, '3 of 3');
    await press(r, 'enter');
    await waitForFrame(r, 'finished (turn-cap)');
    await press(r, 'u');
    await waitForFrame(r, 'Finished: nothing to resume');
    expect(resumes).toEqual([]);
    await press(r, 'escape');
    await press(r, 'down', 2);
    await press(r, 'enter');
    const f = await waitForFrame(r, 'unfinished — u resumes it');
    expect(f).toContain('1 unreadable line(s) left out');
    await press(r, 'u');
    await waitForFrame(r, 'No model server answered.');
    expect(resumes).toEqual([unfinished]);
  });

  it('deletes only after y, and n keeps the file', async () => {
    const { dir, aware } = folder();
    const { r } = browser(dir);
    await waitForFrame(r, '3 of 3');
    await press(r, 'enter');
    await waitForFrame(r, 'finished (turn-cap)');
    await press(r, 'd');
    await waitForFrame(r, 'Delete this session file for good? y / n');
    await press(r, 'n');
    await waitForFrame(r, (f) => f.includes('r replay') && !f.includes('for good'));
    expect(existsSync(aware)).toBe(true);
    await press(r, 'd');
    await waitForFrame(r, 'for good');
    await press(r, 'y');
    const f = await waitForFrame(r, '2 of 2');
    expect(f).toContain('Session deleted.');
    expect(existsSync(aware)).toBe(false);
  });

  it('marks sessions with space and shows the stats report for them, regrouped with g', async () => {
    const { dir } = folder();
    const { r } = browser(dir, 80, 30);
    await waitForFrame(r, '3 of 3');
    await press(r, ' ');
    await press(r, 'down');
    await press(r, ' ');
    await waitForFrame(r, '2 marked');
    await press(r, 'tab');
    let f = await waitForFrame(r, 'statistics for 2 sessions, by condition');
    expect(f).toContain('Strategy mix by condition — 2 sessions, 5 labelled supporter turns');
    expect(f).toContain('aware');
    expect(f).toContain('blind');
    await press(r, 'g');
    f = await waitForFrame(r, 'by supporter');
    expect(f).toContain('Strategy mix by supporter');
    await press(r, 'escape');
    await waitForFrame(r, '2 marked');
  });
});

describe('session rows (pure)', () => {
  it('the mix bar always fills its width in proportion, and filters match every term', () => {
    const { dir } = folder();
    const { sessions } = listSessions(dir);
    const aware = sessions.find((s) => s.id === 'sess-aware')!;
    const cells = mixCells(aware.strategyCounts, 6);
    expect(cells).toHaveLength(6);
    expect(cells.filter((c) => c === 'Question')).toHaveLength(2);
    expect(filterSessions(sessions, 'odile blind').map((s) => s.id)).toEqual(['sess-blind']);
    expect(filterSessions(sessions, 'aware turn-cap').map((s) => s.id)).toEqual(['sess-aware']);
    expect(filterSessions(sessions, 'AWARE').map((s) => s.id)).toEqual(['sess-aware', 'sess-cut']);
  });
});

/** Matches text even where the screen wrapped it across lines. */
const flowing = (text: string) => (f: string) => f.replace(/\s+/g, ' ').includes(text);
const flat = (f: string) => f.replace(/\s+/g, ' ');

describe('replay in the conversation screen', () => {
  it('shows REPLAY, plays one turn per n with its label, changes speed with 2, and has its own help', async () => {
    const { aware } = folder();
    const replay = replaySession(readSession(aware), { speed: 'instant', startPaused: true });
    const r = renderAtSize(withKeys(<ConversationScreen conversation={replay} mode="watch" replay onExit={() => undefined} deltaFlushMs={5} />), 60, 20);
    let f = await waitForFrame(r, '‖ paused');
    expect(f).toContain('REPLAY instant');
    expect(f).toContain('n/→ next turn');
    await press(r, 'n');
    f = await waitForFrame(r, flowing('have not told my family yet'));
    expect(flat(f)).not.toContain('holding on to this');
    await press(r, 'right');
    f = await waitForFrame(r, flowing('holding on to this'));
    expect(f).toMatch(/Tobias Wren.*\[QUE\]/);
    expect(flat(f)).not.toContain('Every dinner');
    await press(r, '2');
    await waitForFrame(r, 'REPLAY ×2');
    await press(r, '?');
    f = await waitForFrame(r, 'Replay keys');
    expect(f).not.toContain('steer');
    await press(r, '?');
    await press(r, 's'); // no steering on a recording
    await waitForFrame(r, (text) => !text.includes('Replay keys'));
    expect(frame(r)).not.toContain("Steer the supporter's next turn");
    replay.resume();
    await waitForFrame(r, 'Conversation ended', 10_000);
  });
});
