import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from '../../../src/commands/export.js';
import { runReplayCommand } from '../../../src/commands/replay.js';
import { runResumeCommand } from '../../../src/commands/resume.js';
import { runStatsCommand } from '../../../src/commands/stats.js';
import { resumable } from '../../../src/app/resume.js';
import { readSession, SessionReadError } from '../../../src/core/sessions/reader.js';
import { captureIo, makeHeader, tempDir, writeSession } from './fixtures.js';

/**
 * Everything read from a session file is checked against the schemas its records
 * were written with: a record of the wrong shape is skipped with a note naming its
 * line and what is wrong; a header of the wrong shape refuses the file, naming the field.
 */

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks.'],
  ['supporter', 'That is a lot to carry alone.', 'Reflection of Feelings'],
] as const;

/** A session file whose line `line` (1-based; 1 is the header) is replaced by `record`. */
function withLine(line: number, record: unknown, options: { ended?: boolean } = {}): string {
  const path = writeSession(tempDir(), { turns: TALK, ended: options.ended ?? true });
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  lines[line - 1] = JSON.stringify(record);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const stamp = { v: 1, at: '2025-03-01T10:00:00.000Z' };
const goodTurn = (index: number) => ({ index, speaker: 'seeker', text: 'Hello.', by: 'ai', startedAt: stamp.at, finishedAt: stamp.at });

describe('reading a session validates every record', () => {
  it.each([
    ['a turn record without its turn', { type: 'turn', ...stamp }, /line 4: turn is missing/],
    ['a turn whose text is a number', { type: 'turn', ...stamp, turn: { ...goodTurn(2), text: 42 } }, /line 4: turn\.text must be text/],
    ['a turn by a speaker nobody knows', { type: 'turn', ...stamp, turn: { ...goodTurn(2), speaker: 'narrator' } }, /line 4: turn\.speaker must be one of: seeker, supporter/],
    ['a supporter turn with a strategy outside the eight', { type: 'turn', ...stamp, turn: { ...goodTurn(2), speaker: 'supporter', strategy: 'Hugging' } }, /line 4: turn\.strategy must be one of: Question, /],
    ['a meter reading out of range', { type: 'meter', ...stamp, speaker: 'seeker', afterTurn: 0, hexaco: { E: { score: 9, confidence: 0.5 } }, csi: {} }, /line 4: hexaco\.E\.score must be at most 5/],
    ['a record of a kind this version does not know', { type: 'telepathy', ...stamp }, /line 4: type must be one of: /],
    ['a record that is not an object', [1, 2, 3], /line 4: not a session record/],
  ])('%s is skipped with a note naming its line and field; the rest loads', (_name, record, note) => {
    const path = withLine(4, record);
    const session = readSession(path);
    expect(session.skippedLines).toEqual([4]);
    expect(session.problems).toHaveLength(1);
    expect(`line ${session.problems[0]!.line}: ${session.problems[0]!.reason}`).toMatch(note);
    expect(session.turns.map((t) => t.index)).toEqual([0, 1, 3]);
  });

  it('a line that is not JSON keeps being skipped, now with why', () => {
    const path = withLine(3, 'placeholder');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"placeholder"', '{"type":"turn","v":1,"turn":{"ind'));
    const session = readSession(path);
    expect(session.problems).toEqual([{ line: 3, reason: 'not valid JSON (a line cut short, perhaps by a crash)' }]);
  });

  it.each([
    ['without personas', (h: Record<string, unknown>) => delete h.personas, /header is invalid: personas is missing/],
    ['with a turn cap of 1e9', (h: Record<string, unknown>) => (h.turnCap = 1e9), /header is invalid: turnCap must be a whole number from 2 to 200 \(got 1000000000\)/],
    ['with a negative turn cap', (h: Record<string, unknown>) => (h.turnCap = -5), /header is invalid: turnCap must be a whole number from 2 to 200/],
    ['with an out-of-range persona trait', (h: Record<string, unknown>) => ((h.personas as { seeker: { hexaco: { E: number } } }).seeker.hexaco.E = 9), /header is invalid: personas\.seeker\.hexaco\.E must be at most 5/],
    ['with an engine nobody knows', (h: Record<string, unknown>) => (h.engine = 'oracle'), /header is invalid: engine must be one of: agents, script/],
    ['with a judge cadence of a million', (h: Record<string, unknown>) => (h.judgeCadence = 1e6), /header is invalid: judgeCadence must be /],
  ])('a header %s refuses the file, naming the field', (_name, spoil, message) => {
    const header = structuredClone(makeHeader()) as unknown as Record<string, unknown>;
    spoil(header);
    const path = join(tempDir(), 'spoiled.jsonl');
    writeFileSync(path, `${JSON.stringify(header)}\n`);
    expect(() => readSession(path)).toThrow(SessionReadError);
    expect(() => readSession(path)).toThrow(message);
  });
});

describe('the records and header fields the window, experiments, forks and the quality rater add', () => {
  const sent = (at: string) => ({ v: 1, at });
  const turnLine = (index: number, speaker: 'seeker' | 'supporter', text: string, strategy?: string) => ({
    type: 'turn',
    ...sent(`2025-03-01T10:00:0${index}.000Z`),
    turn: { index, speaker, text, ...(strategy ? { strategy, labelSource: 'declared' } : {}), by: 'ai', startedAt: stamp.at, finishedAt: stamp.at },
  });
  /** A fork of an experiment's conversation, one side of a comparison, with a window: every optional header field at once. */
  const header = {
    ...makeHeader(),
    window: 2,
    fork: { parent: { id: 'parent-session', path: '/sessions/parent-session.jsonl' }, atTurn: 2, changes: [{ kind: 'trait', role: 'seeker', scale: 'hexaco', key: 'E', from: 3, to: 5 }] },
    comparison: { id: 'cmp-1', side: 'B' },
    arm: { name: 'without-persona', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: true },
    experiment: { id: 'study-1234abcd', conversation: 'c1', rep: 1, model: 'small' },
  };
  const records = [
    turnLine(0, 'seeker', 'The ferry line closes in spring.'),
    turnLine(1, 'supporter', 'How long have you known?', 'Question'),
    { type: 'perceived', ...sent('2025-03-01T10:00:02.000Z'), index: 1, strategy: 'Question', declared: 'Question', agrees: true, via: 'judge' },
    turnLine(2, 'seeker', 'Two weeks.'),
    { type: 'summary', ...sent('2025-03-01T10:00:03.000Z'), throughTurn: 1, text: 'Her ferry line closes in spring; the supporter asked how long she has known.' },
    turnLine(3, 'supporter', 'That is a lot to carry alone.', 'Reflection of Feelings'),
    { type: 'perceived', ...sent('2025-03-01T10:00:04.000Z'), index: 3, declared: 'Reflection of Feelings', agrees: false, failed: true, note: 'the label "Kindness" is not one of the eight; no label recorded', via: 'classifier' },
    { type: 'ended', ...sent('2025-03-01T10:00:05.000Z'), reason: 'turn-cap', turns: 4 },
    {
      type: 'quality',
      ...sent('2025-03-01T10:00:06.000Z'),
      empathy: 4,
      relevance: 5,
      initialIntensity: 4,
      finalIntensity: 2,
      afterTurn: 3,
      model: { baseURL: 'http://127.0.0.1:1/v1', model: 'judge' },
      prompt: 'quality@1',
      usage: { calls: 1, promptTokens: 120, completionTokens: 40 },
    },
  ];
  const write = (lines: readonly unknown[]) => {
    const path = join(tempDir(), `${header.id}.jsonl`);
    writeFileSync(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
    return path;
  };

  it('a session with summary and quality records and a fork header reads back whole: no line left out, no field lost', () => {
    const session = readSession(write([header, ...records]));
    expect(session.problems).toEqual([]);
    expect(session.header).toEqual(header);
    expect(session.records).toEqual([header, ...records]);
    expect(session.turns.map((t) => t.index)).toEqual([0, 1, 2, 3]);
  });

  it.each([
    ['a summary without its text', { type: 'summary', ...stamp, throughTurn: 1 }, /line 3: text is missing/],
    ['a summary through a negative turn', { type: 'summary', ...stamp, throughTurn: -4, text: 'x' }, /line 3: throughTurn must be a whole number from 0/],
    ['a quality rating of 7', { ...records[8], empathy: 7 }, /line 3: empathy must be a whole number from 1 to 5 \(got 7\)/],
    ['a quality rating without its model', { ...records[8], model: undefined }, /line 3: model is missing/],
  ])('%s is skipped with a note naming its line and field', (_name, record, note) => {
    const session = readSession(write([header, records[0], record, ...records.slice(1)]));
    expect(session.problems).toHaveLength(1);
    expect(`line ${session.problems[0]!.line}: ${session.problems[0]!.reason}`).toMatch(note);
    expect(session.records).toHaveLength(records.length + 1);
  });

  it.each([
    ['a window of a million turns', { window: 1e6 }, /header is invalid: window must be a whole number from 0 to 200/],
    ['a fork without its parent', { fork: { atTurn: 2, changes: [] } }, /header is invalid: fork\.parent is missing/],
    ['a comparison side C', { comparison: { id: 'cmp-1', side: 'C' } }, /header is invalid: comparison\.side must be one of: A, B/],
    ['an arm whose switches are words', { arm: { ...header.arm, seekerTraits: 'yes' } }, /header is invalid: arm\.seekerTraits must be true or false/],
  ])('a header with %s refuses the file, naming the field', (_name, spoil, message) => {
    expect(() => readSession(write([{ ...header, ...spoil }]))).toThrow(message);
  });
});

describe('the commands on files with bad records: a clear answer, never a stack trace', () => {
  it('replay skips the bad turn with a note naming file and line, and plays the rest', async () => {
    const path = withLine(4, { type: 'turn', ...stamp });
    const c = captureIo();
    expect(await runReplayCommand([path], c.io, { interactive: false })).toBe(0);
    expect(c.stderr()).toContain(`${path}: line 4 left out: turn is missing`);
    expect(c.stdout()).toContain('How long have you known?');
    expect(c.stdout()).toContain('That is a lot to carry alone.');
  });

  it.each(['md', 'csv', 'esconv', 'chat-jsonl'])('export --format %s writes the readable turns and says what it left out', async (format) => {
    const path = withLine(3, { type: 'turn', ...stamp, turn: { ...goodTurn(1), text: 42 } });
    const c = captureIo();
    expect(await runExportCommand([path, '--format', format], c.io)).toBe(0);
    expect(c.stderr()).toContain('line 3 left out: turn.text must be text');
    expect(c.stdout()).toContain('The ferry line closes in spring.');
  });

  it('resume refuses a header turn cap of 1e9 with the field named, and runs nothing', async () => {
    const header = { ...makeHeader(), turnCap: 1e9 };
    const path = join(tempDir(), 'huge.jsonl');
    writeFileSync(path, `${JSON.stringify(header)}\n`);
    const c = captureIo();
    expect(await runResumeCommand([path], c.io, { env: { PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:9/v1', PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-') } })).toBe(1);
    expect(c.stderr()).toMatch(/turnCap must be a whole number from 2 to 200 \(got 1000000000\)/);
  });

  it('a session with a turn missing in the middle is not resumed (it would renumber the conversation)', () => {
    const path = withLine(3, { type: 'turn', ...stamp, turn: { ...goodTurn(1), speaker: 'narrator' } }, { ended: false });
    const check = resumable(readSession(path));
    expect(check).toMatchObject({ ok: false, message: expect.stringMatching(/turn 2 is missing from its log \(line 3: turn\.speaker must be one of: seeker, supporter\)/) });
  });

  it('stats reports the rest of a folder when one session has an unknown label or an invalid header, saying which and why', async () => {
    const dir = tempDir();
    writeSession(dir, { turns: TALK });
    const odd = writeSession(dir, { turns: TALK });
    writeFileSync(odd, readFileSync(odd, 'utf8').replace('"strategy":"Question"', '"strategy":"Hugging"'));
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, `${JSON.stringify({ ...makeHeader(), personas: undefined })}\n`);
    const c = captureIo();
    expect(await runStatsCommand([dir, '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.stdout()) as { sessions: number };
    expect(report.sessions).toBe(2);
    expect(c.stderr()).toContain('broken.jsonl');
    expect(c.stderr()).toContain('personas is missing');
    expect(c.stderr()).toMatch(/line \d+ left out: turn\.strategy must be one of/);
  });
});
