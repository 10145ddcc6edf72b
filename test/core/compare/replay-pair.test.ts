import { describe, expect, it } from 'vitest';
import { replayComparison } from '../../../src/core/compare/replay-pair.js';
import type { ComparisonEvent } from '../../../src/core/compare/types.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { tempDir, writeSession } from '../sessions/fixtures.js';

const OPENING = ['seeker', 'The bakery wants me on nights again.'] as const;

function pair() {
  const dir = tempDir();
  const A = readSession(
    writeSession(dir, {
      turns: [OPENING, ['supporter', 'How do you feel about that?', 'Question'], ['seeker', 'Tired already.'], ['supporter', 'That sounds exhausting.', 'Reflection of Feelings']],
    }),
  );
  const B = readSession(writeSession(dir, { turns: [OPENING, ['supporter', 'Say no to them.', 'Providing Suggestions'], ['seeker', 'I cannot.']] }));
  return { A, B };
}

const finished = (events: ComparisonEvent[]) => events.flatMap((e) => (e.type === 'side' && e.event.type === 'turn-finished' ? [`${e.side}${e.event.turn.index}`] : []));

describe('a comparison replayed side by side', () => {
  it('plays turn i of both sides together, lets the shorter side end first, and closes with where they diverged', async () => {
    const events: ComparisonEvent[] = [];
    for await (const e of replayComparison(pair(), { speed: 'instant', sharedTurns: 1 }).events()) events.push(e);
    expect(finished(events)).toEqual(['A0', 'B0', 'A1', 'B1', 'A2', 'B2', 'A3']);
    const ends = events.flatMap((e) => (e.type === 'side' && e.event.type === 'ended' ? [[e.side, e.event.turns]] : []));
    expect(ends).toEqual([
      ['A', 4],
      ['B', 3],
    ]);
    const last = events.at(-1);
    expect(last?.type).toBe('compared');
    if (last?.type !== 'compared') return;
    expect(last.divergence.sharedTurns).toBe(1);
    expect(last.divergence.firstDifferentStrategy).toMatchObject({ index: 1, A: 'Question', B: 'Providing Suggestions' });
  });

  it('step by step: nothing plays until step(), then one turn of each side per step; stop ends both as stopped', async () => {
    const replay = replayComparison(pair(), { speed: 1, startPaused: true, sharedTurns: 1 });
    const events: ComparisonEvent[] = [];
    const seen = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (finished(events).length >= n ? resolve() : setTimeout(check, 5));
        check();
      });
    const reading = (async () => {
      for await (const e of replay.events()) events.push(e);
    })();
    await new Promise((r) => setTimeout(r, 60));
    expect(finished(events)).toEqual([]);
    replay.step();
    await seen(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(finished(events)).toEqual(['A0', 'B0']);
    replay.step();
    await seen(4);
    await new Promise((r) => setTimeout(r, 60));
    expect(finished(events)).toEqual(['A0', 'B0', 'A1', 'B1']);
    replay.stop();
    await reading;
    const ends = events.flatMap((e) => (e.type === 'side' && e.event.type === 'ended' ? [[e.side, e.event.reason, e.event.turns]] : []));
    expect(ends).toEqual([
      ['A', 'stopped', 2],
      ['B', 'stopped', 2],
    ]);
  });
});
