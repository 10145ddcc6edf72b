import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../src/core/engine/events.js';
import type { Turn } from '../../../src/core/domain.js';
import { listSessions } from '../../../src/core/sessions/list.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { SessionRecorder } from '../../../src/core/sessions/recorder.js';
import { replaySession, type ReplayConversation } from '../../../src/core/sessions/replay.js';
import { MAX_GAP_MS, defaultGapMs, recordedGaps, scaled, streamChunks, turnTimings } from '../../../src/core/sessions/replay-timing.js';
import type { SessionEvent } from '../../../src/core/sessions/records.js';
import { makeHeader, makeTurns, tempDir, truncateWithPartialLine, writeSession } from './fixtures.js';

const TALK = [
  ['seeker', 'The ferry line closes in spring and I have not told anyone.'],
  ['supporter', 'How long have you been carrying that on your own?', 'Question'],
  ['seeker', 'Two weeks. It feels like longer.'],
  ['supporter', 'Keeping it in for two weeks sounds exhausting.', 'Reflection of Feelings'],
] as const;

const METER: SessionEvent = {
  type: 'meter',
  speaker: 'seeker',
  afterTurn: 0,
  hexaco: { E: { score: 4.5, confidence: 0.7 } },
  csi: { expressiveness: { score: 2, confidence: 0.5 } },
};
const PERCEIVED: SessionEvent = { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true };

/** Reads every event until the replay ends. */
async function collect(replay: ReplayConversation): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  for await (const e of replay.events()) events.push(e);
  return events;
}

/** Event types with runs of text deltas folded into one "text", so order is easy to read. */
function shape(events: EngineEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const name = e.type === 'text-delta' ? 'text' : 'index' in e ? `${e.type}:${e.index}` : e.type === 'turn-finished' ? `finished:${e.turn.index}` : e.type === 'meter' ? `meter:${e.afterTurn}` : e.type;
    if (name !== out.at(-1) || name !== 'text') out.push(name);
  }
  return out;
}

function textOf(events: EngineEvent[], index: number): string {
  return events.flatMap((e) => (e.type === 'text-delta' && e.index === index ? [e.text] : [])).join('');
}

/** Consumes events in the background, so a test can look at what arrived so far. */
function consume(replay: ReplayConversation) {
  const events: EngineEvent[] = [];
  const done = (async () => {
    for await (const e of replay.events()) events.push(e);
  })();
  const until = async (check: (events: EngineEvent[]) => boolean) => {
    const deadline = Date.now() + 5_000;
    while (!check(events)) {
      if (Date.now() > deadline) throw new Error(`events never matched; got ${events.map((e) => e.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  return { events, done, until };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('replaySession', () => {
  it('plays a finished session instantly with the live engine’s events, labels and recorded meter values', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK, extra: [METER, PERCEIVED] });
    const events = await collect(replaySession(readSession(path), { speed: 'instant' }));

    expect(shape(events)).toEqual([
      'session-started',
      'turn-started:0', 'text', 'usage', 'finished:0', 'meter:0',
      'turn-started:1', 'strategy:1', 'text', 'usage', 'finished:1', 'perceived:1',
      'turn-started:2', 'text', 'usage', 'finished:2',
      'turn-started:3', 'strategy:3', 'text', 'usage', 'finished:3',
      'ended',
    ]);
    const started = events[0] as Extract<EngineEvent, { type: 'session-started' }>;
    expect(started.path).toBe(path);
    expect(started.header.personas.seeker.name).toBe('Odile Marsh');
    TALK.forEach(([, text], i) => expect(textOf(events, i)).toBe(text));
    // Text arrives in several pieces, so it appears to stream.
    expect(events.filter((e) => e.type === 'text-delta' && e.index === 0).length).toBeGreaterThan(3);
    const strategies = events.flatMap((e) => (e.type === 'strategy' ? [[e.index, e.strategy, e.labelSource]] : []));
    expect(strategies).toEqual([[1, 'Question', 'declared'], [3, 'Reflection of Feelings', 'declared']]);
    const meter = events.find((e) => e.type === 'meter');
    expect(meter).toMatchObject({ speaker: 'seeker', afterTurn: 0, hexaco: { E: { score: 4.5, confidence: 0.7 } } });
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'turn-cap', turns: 4 });
  });

  it('ends an unfinished recording as stopped, with notices and resume marks where they were recorded', async () => {
    const dir = tempDir();
    const turns = makeTurns(TALK);
    const path = writeSession(dir, { turns: turns.slice(0, 2), ended: false, extra: [{ type: 'notice', level: 'warn', message: 'supporter model was slow' }, { type: 'session-started', header: makeHeader() }] });
    const events = await collect(replaySession(readSession(path), { speed: 'instant' }));
    expect(shape(events).slice(-4)).toEqual(['finished:1', 'notice', 'notice', 'ended']);
    expect(events.filter((e) => e.type === 'notice').map((e) => (e as { message: string }).message)).toEqual(['supporter model was slow', 'the session was resumed here']);
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'stopped', turns: 2 });
  });

  it('plays the agents’ summary where it was recorded, a quiet marker between turns, its text neutralised', async () => {
    const header = makeHeader({ window: 2 });
    const recorder = SessionRecorder.create(tempDir(), header.id);
    const turns = makeTurns(TALK);
    recorder.record({ type: 'session-started', header });
    for (const turn of turns.slice(0, 3)) recorder.record({ type: 'turn-finished', turn });
    recorder.record({ type: 'summary', throughTurn: 0, text: 'The ferry line closes.\u001b[2J' });
    recorder.record({ type: 'turn-finished', turn: turns[3]! });
    recorder.record({ type: 'ended', reason: 'turn-cap', turns: 4 });
    recorder.close();
    const events = await collect(replaySession(readSession(recorder.path), { speed: 'instant' }));
    expect(shape(events).slice(-8)).toEqual(['finished:2', 'summary', 'turn-started:3', 'strategy:3', 'text', 'usage', 'finished:3', 'ended']);
    const summary = events.find((e) => e.type === 'summary');
    expect(summary).toMatchObject({ type: 'summary', throughTurn: 0, text: expect.stringContaining('The ferry line closes.') });
    expect(summary?.type === 'summary' && summary.text).not.toContain('\u001b');
  });

  it('plays at the recorded pace in the same order as instant', async () => {
    const dir = tempDir();
    // Small recorded gaps (tens of milliseconds) so a paced run stays quick.
    const turns: Turn[] = makeTurns(TALK).map((t, i) => ({ ...t, startedAt: `2025-03-01T10:00:00.${String(i * 30).padStart(3, '0')}Z`, finishedAt: `2025-03-01T10:00:00.${String(i * 30 + 25).padStart(3, '0')}Z` }));
    const path = writeSession(dir, { turns, extra: [METER] });
    const session = readSession(path);
    const paced = await collect(replaySession(session, { speed: 2 }));
    const instant = await collect(replaySession(session, { speed: 'instant' }));
    expect(shape(paced)).toEqual(shape(instant));
    TALK.forEach(([, text], i) => expect(textOf(paced, i)).toBe(text));
  });

  it('presenter mode: starts paused and releases exactly one turn per step', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK });
    const replay = replaySession(readSession(path), { speed: 'instant', startPaused: true });
    const { events, done, until } = consume(replay);
    const finished = () => events.filter((e) => e.type === 'turn-finished').length;
    await until((ev) => ev.some((e) => e.type === 'paused'));
    await settle();
    expect(finished()).toBe(0);
    for (let step = 1; step <= 3; step++) {
      replay.step();
      await until(() => finished() === step);
      await settle();
      expect(finished()).toBe(step);
      expect(events.filter((e) => e.type === 'turn-started').length).toBe(step);
    }
    replay.resume();
    await done;
    expect(finished()).toBe(4);
    expect(events.at(-1)).toMatchObject({ type: 'ended', reason: 'turn-cap' });
  });

  it('pause holds before the next turn, resume goes on, stop ends it as stopped', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK });
    const replay = replaySession(readSession(path), { speed: 'instant' });
    replay.pause();
    const { events, done, until } = consume(replay);
    await until((ev) => ev.some((e) => e.type === 'paused'));
    await settle();
    expect(events.some((e) => e.type === 'turn-started')).toBe(false);
    replay.step();
    await until((ev) => ev.some((e) => e.type === 'turn-finished'));
    replay.stop();
    await done;
    expect(events.at(-1)).toEqual({ type: 'ended', reason: 'stopped', turns: 1 });
    // steer and submitHuman are no-ops on a recording.
    replay.steer('Question');
    replay.submitHuman('hello');
  });

  it('a new speed cuts the wait in progress (a capped 8 s gap would outlast this test)', { timeout: 3_000 }, async () => {
    const dir = tempDir();
    const turns = makeTurns([['seeker', 'Hi.']]).map((t) => ({ ...t, startedAt: '2025-03-01T10:00:00.000Z', finishedAt: '2025-03-01T10:05:00.000Z' }));
    const path = writeSession(dir, { turns });
    const replay = replaySession(readSession(path), { speed: 1 });
    const { events, done, until } = consume(replay);
    await until((ev) => ev.some((e) => e.type === 'session-started'));
    replay.setSpeed('instant');
    await done;
    expect(textOf(events, 0)).toBe('Hi.');
    expect(replay.speed).toBe('instant');
  });

  it('a session file with a truncated last line is still listed and replayable', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK, ended: false });
    truncateWithPartialLine(path);
    const { sessions } = listSessions(dir);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ path, turns: 4, finished: false, skippedLines: 1 });
    const events = await collect(replaySession(readSession(path), { speed: 'instant' }));
    expect(events.filter((e) => e.type === 'turn-finished')).toHaveLength(4);
    expect(textOf(events, 3)).toBe(TALK[3][1]);
  });

  it('refuses a speed that is not positive', () => {
    const dir = tempDir();
    const session = readSession(writeSession(dir, { turns: TALK }));
    expect(() => replaySession(session, { speed: 0 })).toThrow(/positive/);
  });
});

describe('replay pacing (pure)', () => {
  it('uses the recorded gaps between finished turns, capped, with a default where timestamps say nothing', () => {
    const turns = makeTurns([['seeker', 'one'], ['supporter', 'two', 'Question'], ['seeker', 'three'], ['supporter', 'four', 'Others']]);
    turns[0] = { ...turns[0]!, startedAt: '2025-03-01T10:00:00.000Z', finishedAt: '2025-03-01T10:00:01.500Z' };
    turns[1] = { ...turns[1]!, finishedAt: '2025-03-01T10:00:04.000Z' };
    turns[2] = { ...turns[2]!, finishedAt: '2025-03-01T10:02:00.000Z' }; // two minutes: capped
    turns[3] = { ...turns[3]!, finishedAt: '2025-03-01T10:02:00.000Z' }; // equal timestamps, as imports write
    expect(recordedGaps(turns, '2025-03-01T09:59:00.000Z')).toEqual([1_500, 2_500, MAX_GAP_MS, defaultGapMs('four')]);
    expect(defaultGapMs('four')).toBe(1_000 + 35 * 4);
  });

  it('splits each gap into thinking and streaming, and scales by speed', () => {
    const turns = makeTurns([['seeker', 'x'.repeat(40)]]).map((t) => ({ ...t, startedAt: '2025-03-01T10:00:00.000Z', finishedAt: '2025-03-01T10:00:04.000Z' }));
    const [timing] = turnTimings(turns, '2025-03-01T10:00:00.000Z');
    expect(timing!.thinkMs + timing!.streamMs).toBe(4_000);
    expect(timing!.streamMs).toBe(40 * 25);
    expect(scaled(4_000, 2)).toBe(2_000);
    expect(scaled(4_000, 4)).toBe(1_000);
    expect(scaled(4_000, 'instant')).toBe(0);
  });

  it('chunks rebuild the text exactly and never split an emoji', () => {
    const text = 'Thank you 🙂 for listening tonight, it helped more than I expected.';
    const chunks = streamChunks(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) expect(c).not.toMatch(/[\uD800-\uDBFF]$/);
  });
});
