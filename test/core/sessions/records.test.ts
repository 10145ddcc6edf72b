import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MeasurementResult } from '../../../src/core/domain.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { eventFor, type SessionEvent } from '../../../src/core/sessions/records.js';
import { makeHeader, makeTurns, tempDir, truncateWithPartialLine } from './fixtures.js';

const [seekerTurn, plainSupporterTurn, lateTurn] = makeTurns([
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks, and I have told no one.'],
]);
/** A turn whose reasoning was kept (keepReasoning on): the log keeps it with the turn. */
const supporterTurn = { ...plainSupporterTurn!, reasoning: 'They sound alone with it; ask before offering anything.' };

const MEASUREMENT: MeasurementResult = {
  speaker: 'seeker',
  afterTurn: 1,
  card: { age_band: '35-44', gender: null, occupation: 'ferry clerk', description: 'Works on the ferries.' },
  behaviours: {
    hexaco: { H: 'h', E: 'e', X: 'x', A: 'a', C: 'c', O: 'o' },
    csi: { expressiveness: 'x', preciseness: 'p', verbal_aggressiveness: 'v', questioningness: 'q', emotionality: 'e', impression_manipulativeness: 'i' },
  },
  hexaco: { E: 4.2 },
  csi: { emotionality: 4 },
  answers: { E1: 4 },
  missing: [],
  inventories: { hexaco: 'hexaco v1', csi: 'csi v1' },
  model: { baseURL: 'http://127.0.0.1:1/v1', model: 'judge' },
  prompts: { 'measurement-card': '1' },
};

describe('the session log mapping (recorder → file → replay)', () => {
  it('gives back every event the log keeps, in order, and nothing it does not', () => {
    const header = makeHeader();
    const dir = tempDir();
    const recorder = SessionRecorder.create(dir, header.id);
    const path = recorder.path;
    const started: SessionEvent = { type: 'session-started', header, path };
    const warning: SessionEvent = { type: 'notice', level: 'warn', message: 'supporter label "Asking" read as "Question"' };
    const failure: SessionEvent = { type: 'error', message: 'supporter turn failed: the server went away', recoverable: false };
    const meter: SessionEvent = { type: 'meter', speaker: 'seeker', afterTurn: 0, hexaco: { E: { score: 4.5, confidence: 0.6 } }, csi: {} };
    const perceived: SessionEvent = { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true };
    const labelledByJudge: SessionEvent = { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true, via: 'judge' };
    const summary: SessionEvent = { type: 'summary', throughTurn: 1, text: 'The seeker works the ferry line, which closes in spring; the supporter asked how long she has known.' };
    const refused: SessionEvent = {
      type: 'refusal',
      index: 2,
      role: 'seeker',
      model: 'small-model',
      text: "I can't pretend to be someone else.",
      kind: 'refusal',
      reason: 'declined to play the role',
      attempt: 2,
      outcome: 'turn-paused',
    };
    const stopped: SessionEvent = { type: 'ended', reason: 'stopped', turns: 2 };
    const events: SessionEvent[] = [
      started,
      { type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' },
      { type: 'text-delta', index: 0, speaker: 'seeker', text: 'The ferry' },
      { type: 'turn-reset', index: 0, speaker: 'seeker', reason: 'stream cut' },
      { type: 'usage', role: 'seeker', usage: { promptTokens: 10, completionTokens: 5 } },
      { type: 'turn-finished', turn: seekerTurn! },
      meter,
      { type: 'notice', level: 'info', message: 'script: 400 characters written…' },
      warning,
      { type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' },
      { type: 'thinking', index: 1, speaker: 'supporter', elapsedMs: 0 },
      { type: 'thinking', index: 1, speaker: 'supporter', elapsedMs: 1200, done: true },
      { type: 'strategy', index: 1, strategy: 'Question', labelSource: 'declared' },
      { type: 'turn-finished', turn: supporterTurn },
      perceived,
      labelledByJudge,
      summary,
      refused,
      { type: 'paused' },
      failure,
      { type: 'resumed' },
      { type: 'awaiting-human', index: 2, speaker: 'seeker' },
      stopped,
      { type: 'measurement', ...MEASUREMENT },
    ];
    for (const event of events) recorder.record(event);
    recorder.close();

    // Later the conversation is resumed on the same log: it starts again with the same header.
    const again = SessionRecorder.continue(path);
    const later: SessionEvent[] = [started, { type: 'turn-finished', turn: lateTurn! }, { type: 'ended', reason: 'turn-cap', turns: 3 }];
    for (const event of later) again.record(event);
    again.close();

    const session = readSession(path);
    expect(session.records.map((r) => r.type)).toEqual(['header', 'turn', 'meter', 'notice', 'turn', 'perceived', 'perceived', 'summary', 'refusal', 'error', 'ended', 'measurement', 'resumed', 'turn', 'ended']);
    expect(session.records.slice(1).every((r) => 'v' in r && 'at' in r)).toBe(true);
    const back = session.records.map((r) => eventFor(r, session.header, path));
    expect(back).toEqual([
      started,
      { type: 'turn-finished', turn: seekerTurn },
      meter,
      warning,
      { type: 'turn-finished', turn: supporterTurn },
      perceived,
      labelledByJudge,
      summary,
      refused,
      failure,
      stopped,
      { type: 'measurement', ...MEASUREMENT },
      ...later,
    ]);
  });

  it('keeps an error as history: it comes back as not recoverable', () => {
    const header = makeHeader();
    const recorder = SessionRecorder.create(tempDir(), header.id);
    recorder.record({ type: 'session-started', header });
    recorder.record({ type: 'error', message: 'rate limited', recoverable: true });
    recorder.close();
    const session = readSession(recorder.path);
    expect(eventFor(session.records[1]!, session.header)).toEqual({ type: 'error', message: 'rate limited', recoverable: false });
  });

  it('continuing a log after a crash finishes its half-written last line first', () => {
    const header = makeHeader();
    const recorder = SessionRecorder.create(tempDir(), header.id);
    recorder.record({ type: 'session-started', header });
    recorder.record({ type: 'turn-finished', turn: seekerTurn! });
    recorder.close();
    truncateWithPartialLine(recorder.path);
    for (let i = 0; i < 2; i++) {
      // Twice: the second time the log already ends with a newline and nothing more is added.
      const again = SessionRecorder.continue(recorder.path);
      again.record({ type: 'notice', level: 'warn', message: `measurement ${i}` });
      again.close();
    }
    const text = readFileSync(recorder.path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\n\n');
    const session = readSession(recorder.path);
    expect(session.skippedLines).toHaveLength(1);
    expect(session.records.filter((r) => r.type === 'notice')).toHaveLength(2);
    expect(session.turns).toHaveLength(1);
  });

  it('keeps a quality rating after the end, and gives it back as it was recorded', () => {
    const header = makeHeader();
    const recorder = SessionRecorder.create(tempDir(), header.id);
    const rating: SessionEvent = {
      type: 'quality',
      empathy: 4,
      relevance: 3,
      initialIntensity: 5,
      finalIntensity: 2,
      afterTurn: 1,
      model: { baseURL: 'http://127.0.0.1:1/v1', model: 'judge' },
      prompt: 'quality@1',
      usage: { calls: 2, promptTokens: 610, completionTokens: 75 },
    };
    const events: SessionEvent[] = [{ type: 'session-started', header }, { type: 'turn-finished', turn: seekerTurn! }, { type: 'ended', reason: 'turn-cap', turns: 1 }, rating];
    for (const event of events) recorder.record(event);
    recorder.close();
    const session = readSession(recorder.path);
    expect(session.records.map((r) => r.type)).toEqual(['header', 'turn', 'ended', 'quality']);
    expect(session.records[3]).toMatchObject({ v: 1, at: expect.any(String) as string });
    expect(session.records.map((r) => eventFor(r, session.header))).toEqual(events);
    // A rating after the end does not reopen the conversation.
    expect(session.ended?.reason).toBe('turn-cap');
  });

  it('never overwrites a log with the same id', () => {
    const header = makeHeader();
    const dir = tempDir();
    SessionRecorder.create(dir, header.id).close();
    expect(() => SessionRecorder.create(dir, header.id)).toThrow(/EEXIST/);
  });
});
