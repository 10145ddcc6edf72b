import { afterEach, describe, expect, it } from 'vitest';
import { CompareScreen } from '../../../../src/ui/screens/compare/CompareScreen.js';
import { press, renderAtSize, waitForFrame, widestLine, withKeys, type Rendered } from '../../helpers.js';
import { streamedTurn, turn } from '../../scriptedConversation.js';
import { playTurns, scriptedComparison, startBoth } from '../../compare/scriptedComparison.js';

const changes = [{ kind: 'persona' as const, role: 'supporter' as const, from: 'test-supporter', to: 'blunt' }];
let r: Rendered | undefined;
afterEach(() => r?.unmount());

function show(columns: number, rows: number, onExit = () => {}) {
  const pair = scriptedComparison();
  r = renderAtSize(withKeys(<CompareScreen comparison={pair.comparison} changes={changes} turnCap={10} deltaFlushMs={0} onExit={onExit} />, { fullScreen: true }), columns, rows);
  startBoth(pair.A, pair.B);
  playTurns(pair.A, pair.B, { A: 'Question', B: 'Providing Suggestions' });
  return { ...pair, r: r! };
}

const rowsOf = (frame: string) => frame.split('\n');

describe('two conversations side by side', () => {
  it('at 120 columns: two columns with their badges, the mix strip, within the screen', async () => {
    const { r } = show(120, 30);
    const frame = await waitForFrame(r, 'Make a plan and stick to it');
    expect(frame).toContain('Side by side · A: supporter test-supporter · B: supporter blunt');
    // The two sides' words on the same rows, left and right of the divider.
    const row = rowsOf(frame).find((l) => l.includes('What keeps you awake'))!;
    expect(row).toMatch(/What keeps you awake.*│.*Everyone has exams/);
    const badges = rowsOf(frame).find((l) => l.includes('[QUE]'))!;
    expect(badges).toMatch(/\[QUE\].*│.*\[SUG\]/);
    expect(frame).toMatch(/ A .*Jonas/);
    expect(frame).toMatch(/ B .*Frank/);
    expect(frame).toMatch(/A █+ QUE 1/);
    expect(frame).toMatch(/B █+ SUG 1/);
    expect(frame).toContain('not measured yet');
    expect(rowsOf(frame).length).toBeLessThanOrEqual(30);
    expect(widestLine(frame)).toBeLessThanOrEqual(120);
  });

  it('at 60 columns: stacked, still live, and Tab shows one side at a time', async () => {
    const { r, B } = show(60, 20);
    const frame = await waitForFrame(r, 'Make a plan');
    const lines = rowsOf(frame);
    const a = lines.findIndex((l) => /^ A /.test(l));
    const b = lines.findIndex((l) => /^ B /.test(l));
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(widestLine(frame)).toBeLessThanOrEqual(60);
    await press(r, 'tab');
    const onlyA = await waitForFrame(r, (f) => !/^ B /m.test(f));
    expect(onlyA).toMatch(/^ A /m);
    await press(r, 'tab');
    await waitForFrame(r, (f) => /^ B /m.test(f) && !/^ A /m.test(f));
    // Still live: side B's next turn streams in while only B is shown.
    B.emit(...streamedTurn(turn(2, 'seeker', 'That is not what I need right now.')));
    await waitForFrame(r, 'That is not what I need right now.');
  });

  it('space pauses both, n steps both, q stops both', async () => {
    const { r, A, B } = show(120, 30);
    await waitForFrame(r, 'Make a plan');
    await press(r, 'space');
    await waitForFrame(r, /^paused/m);
    await press(r, 'n');
    await press(r, 'q');
    for (const side of [A, B]) expect(side.calls.map((c) => c.call)).toEqual(['pause', 'step', 'stop']);
  });

  it('after both end: where they diverged, and Enter goes home', async () => {
    let left = 0;
    const { r, A, B } = show(120, 30, () => (left += 1));
    await waitForFrame(r, 'Make a plan');
    A.emit({ type: 'ended', reason: 'turn-cap', turns: 2 });
    B.emit({ type: 'ended', reason: 'turn-cap', turns: 2 });
    const frame = await waitForFrame(r, 'Where they diverged');
    expect(frame).toContain('turns: A 2 · B 2 (both start with the same turn)');
    expect(frame).toContain('first different words: turn 2');
    expect(frame).toContain('first different strategy: turn 2 (A Question, B Providing Suggestions)');
    expect(frame).toMatch(/Jensen–Shannon divergence 1\.000 bits/);
    expect(frame).toContain('both ended');
    await press(r, 'enter');
    expect(left).toBe(1);
  });
});
