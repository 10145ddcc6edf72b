import { describe, expect, it } from 'vitest';
import { runReplayCommand } from '../../src/commands/replay.js';
import { runResumeCommand } from '../../src/commands/resume.js';
import { DEFAULT_SETTINGS } from '../support/settings.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { resumeEndpoints } from '../../src/app/resume-endpoints.js';
import { resumable, resumeOptions } from '../../src/app/resume.js';
import { captureIo, CONTROL_BYTES, makeHeader, tempDir, truncateWithPartialLine, writeSession } from '../core/sessions/fixtures.js';

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks.'],
] as const;

describe('resume preparation', () => {
  it('only an unfinished, generated session can be resumed', () => {
    const dir = tempDir();
    expect(resumable(readSession(writeSession(dir, { turns: TALK, ended: false })))).toEqual({ ok: true });
    const finished = resumable(readSession(writeSession(dir, { turns: TALK })));
    expect(finished).toMatchObject({ ok: false, message: expect.stringMatching(/is finished \(the turn cap was reached, after 3 turns\)/) });
    const imported = resumable(readSession(writeSession(dir, { turns: TALK, ended: false, header: { source: { kind: 'esconv', file: 'x.json', index: 0 } } })));
    expect(imported).toMatchObject({ ok: false, message: expect.stringMatching(/imported/) });
    const script = resumable(readSession(writeSession(dir, { turns: TALK, ended: false, header: { engine: 'script' } })));
    expect(script).toMatchObject({ ok: false, message: expect.stringMatching(/script engine in one call/) });
  });

  it('a session stopped by the user or by an error has unfinished business: it can be resumed; one that ended naturally cannot', () => {
    const dir = tempDir();
    const endedBy = (reason: 'stopped' | 'error' | 'turn-cap' | 'seeker-closed') =>
      resumable(readSession(writeSession(dir, { turns: TALK, ended: false, extra: [{ type: 'ended', reason, turns: 3 }] })));
    expect(endedBy('stopped')).toEqual({ ok: true });
    expect(endedBy('error')).toEqual({ ok: true });
    expect(endedBy('turn-cap')).toMatchObject({ ok: false, message: expect.stringMatching(/is finished \(the turn cap was reached, after 3 turns\)/) });
    expect(endedBy('seeker-closed')).toMatchObject({ ok: false, message: expect.stringMatching(/is finished \(the seeker said goodbye, after 3 turns\)/) });
  });

  it('a session a model stopped by refusing its persona can be resumed, and so can one that failed after an answered refusal', () => {
    const dir = tempDir();
    const refusal = { type: 'refusal', index: 3, role: 'seeker', model: 'm', text: 'No.', kind: 'refusal', reason: 'declined the role', attempt: 2 } as const;
    const stoppedOnRefusal = writeSession(dir, {
      turns: TALK,
      ended: false,
      extra: [{ ...refusal, outcome: 'turn-paused' }, { type: 'error', message: 'the seeker model refused', recoverable: false }, { type: 'ended', reason: 'error', turns: 3 }],
    });
    expect(resumable(readSession(stoppedOnRefusal))).toEqual({ ok: true });
    const answered = writeSession(dir, { turns: TALK, ended: false, extra: [{ ...refusal, outcome: 'asked-again' }, { type: 'ended', reason: 'error', turns: 3 }] });
    expect(resumable(readSession(answered))).toEqual({ ok: true });
  });

  it('continues with the recorded personas, condition, engine, cap and seed', () => {
    const dir = tempDir();
    const session = readSession(writeSession(dir, { turns: TALK, ended: false, header: { condition: 'blind', turnCap: 12, seed: 9 } }));
    const o = resumeOptions(session);
    expect(o).toMatchObject({ condition: 'blind', engine: 'agents', mode: 'watch', turnCap: 12, seed: 9 });
    expect(o.seeker.id).toBe('tide-seeker');
    expect(o.resume).toEqual({ header: session.header, turns: session.turns });
  });

  it('goes to the recorded server and models unless a flag or the environment says otherwise', () => {
    const header = makeHeader({
      models: { seeker: { baseURL: 'http://10.0.0.5:8000/v1', model: 'small-seeker' }, supporter: { baseURL: 'http://10.0.0.5:8000/v1', model: 'big-supporter' } },
    });
    const recorded = resumeEndpoints(header, DEFAULT_SETTINGS, {});
    expect(recorded.supporter).toMatchObject({ baseURL: 'http://10.0.0.5:8000/v1', model: 'big-supporter' });
    expect(recorded.seeker.model).toBe('small-seeker');
    const fromEnv = resumeEndpoints(header, DEFAULT_SETTINGS, { PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:11434/v1', PERSONA_TALKS_SUPPORTER_MODEL: 'other' });
    expect(fromEnv.supporter).toMatchObject({ baseURL: 'http://127.0.0.1:11434/v1', model: 'other' });
    expect(fromEnv.seeker.model).toBe('small-seeker');
    const fromFlags = resumeEndpoints(header, DEFAULT_SETTINGS, {}, { baseUrl: 'http://127.0.0.1:1234/v1', model: 'flagged' });
    expect(fromFlags.seeker).toMatchObject({ baseURL: 'http://127.0.0.1:1234/v1', model: 'flagged' });
    // OpenAI's key never goes to another host, the recorded one included.
    expect(resumeEndpoints(header, DEFAULT_SETTINGS, { OPENAI_API_KEY: 'sk-openai' }).supporter.apiKey).toBeUndefined();
  });
});

describe('runResumeCommand refusals (no server needed)', () => {
  it('refuses a finished session with a clear message, and bad usage with exit 2', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK });
    const c = captureIo();
    expect(await runResumeCommand([path], c.io)).toBe(1);
    expect(c.stderr()).toMatch(/is finished .*nothing to resume/);
    const none = captureIo();
    expect(await runResumeCommand([], none.io)).toBe(2);
    expect(none.stderr()).toContain('Usage: persona-talks resume SESSION');
    const missing = captureIo();
    expect(await runResumeCommand(['no-such-session', '--sessions', dir], missing.io)).toBe(1);
    expect(missing.stderr()).toContain('no session "no-such-session"');
  });
});

describe('runReplayCommand without a terminal', () => {
  it('prints the transcript with labels, instantly by default, and writes nothing', async () => {
    const dir = tempDir();
    const path = writeSession(dir, {
      turns: [...TALK, ['supporter', 'Two weeks alone with that \u001b[31mnews\u001b[0m.', 'Reflection of Feelings']],
    });
    const before = readSession(path).records.length;
    const c = captureIo();
    const code = await runReplayCommand([path], c.io, { interactive: false });
    expect(code).toBe(0);
    const out = c.stdout();
    expect(out).toContain('Replay of');
    expect(out).toContain('[1] Odile Marsh (seeker): The ferry line closes in spring.');
    expect(out).toContain('[2] Tobias Wren (supporter) [Question]: How long have you known?');
    expect(out).toContain('[4] Tobias Wren (supporter) [Reflection of Feelings]: Two weeks alone with that');
    expect(out).toContain('Ended after 4 turns because the turn cap was reached.');
    expect(out).not.toContain('Saving to');
    expect(out).not.toMatch(CONTROL_BYTES);
    expect(readSession(path).records.length).toBe(before);
  });

  it('replays an unfinished, truncated session by id and says it can be resumed', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK, ended: false });
    truncateWithPartialLine(path);
    const id = readSession(path).header.id;
    const c = captureIo();
    expect(await runReplayCommand([id.slice(0, 30), '--sessions', dir, '--speed', '4'], c.io, { interactive: false })).toBe(0);
    expect(c.stdout()).toContain('[3] Odile Marsh (seeker): Two weeks.');
    expect(c.stdout()).toContain(`persona-talks resume ${id}`);
    expect(c.stderr()).toMatch(/line \d+ left out: not valid JSON/);
  });

  it('rejects a bad speed and --step without a terminal', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK });
    const bad = captureIo();
    expect(await runReplayCommand([path, '--speed', '3'], bad.io, { interactive: false })).toBe(2);
    expect(bad.stderr()).toContain('--speed needs one of: 1, 2, 4, instant');
    const step = captureIo();
    expect(await runReplayCommand([path, '--step'], step.io, { interactive: false })).toBe(2);
    expect(step.stderr()).toContain('--step needs an interactive terminal');
  });
});
