import { describe, expect, it } from 'vitest';
import { bothEnded, compareReducer, initialCompareState } from '../../../src/ui/compare/compareState.js';
import { compareLayout } from '../../../src/ui/compare/compareLayout.js';
import { mixBar, mixCounts, strategyMix, traitReading } from '../../../src/ui/compare/stripText.js';
import { header, turn } from '../scriptedConversation.js';


describe('the side-by-side reducer', () => {
  it('sends each side its own events and keeps the other side as it was', () => {
    let state = initialCompareState({ turnCap: 8 });
    expect(state.sides.A.turnCap).toBe(8);
    const before = state.sides.B;
    state = compareReducer(state, { type: 'comparison', event: { type: 'side', side: 'A', event: { type: 'session-started', header: header({ id: 'a' }) } } });
    state = compareReducer(state, { type: 'comparison', event: { type: 'side', side: 'A', event: { type: 'turn-finished', turn: turn(0, 'seeker', 'Hello') } } });
    state = compareReducer(state, { type: 'deltas', side: 'A', items: [{ index: 1, text: 'Hi th' }] });
    expect(state.sides.A.header?.id).toBe('a');
    expect(state.sides.A.turns.map((t) => t.text)).toEqual(['Hello']);
    expect(state.sides.B).toBe(before);
  });

  it('knows when both have ended, keeps the link path and the divergence', () => {
    let state = initialCompareState();
    for (const s of ['A', 'B'] as const) {
      expect(bothEnded(state)).toBe(false);
      state = compareReducer(state, { type: 'comparison', event: { type: 'side', side: s, event: { type: 'ended', reason: 'turn-cap', turns: 2 } } });
    }
    expect(bothEnded(state)).toBe(true);
    state = compareReducer(state, { type: 'comparison', event: { type: 'linked', link: {} as never, path: '/tmp/x.comparison.json' } });
    expect(state.linkPath).toBe('/tmp/x.comparison.json');
  });

  it('switches the narrow view: both stacked, only A, only B, both again', () => {
    let state = initialCompareState();
    const seen = [state.view];
    for (let i = 0; i < 3; i++) {
      state = compareReducer(state, { type: 'switch-view' });
      seen.push(state.view);
    }
    expect(seen).toEqual(['both', 'A', 'B', 'both']);
  });
});

describe('the side-by-side layout', () => {
  it('two columns from 100 columns, the panes filling what the strip leaves', () => {
    const l = compareLayout(120, 30, 'both');
    expect(l.arrangement).toBe('columns');
    expect(l.paneWidth * 2 + 3).toBeLessThanOrEqual(l.width);
    expect(l.paneRows.A).toBe(l.paneRows.B);
    expect(1 + (l.paneRows.A + 1) + l.stripRows + 2).toBe(30);
  });

  it('stacked below 100 columns, or one side at a time, within the rows', () => {
    const stacked = compareLayout(60, 20, 'both');
    expect(stacked.arrangement).toBe('stacked');
    expect(1 + stacked.paneRows.A + 1 + stacked.paneRows.B + 1 + stacked.stripRows + 2).toBeLessThanOrEqual(20);
    expect(stacked.paneRows.A).toBeGreaterThan(0);
    const onlyB = compareLayout(60, 20, 'B');
    expect(onlyB).toMatchObject({ arrangement: 'single', paneRows: { A: 0 } });
    expect(onlyB.paneRows.B).toBeGreaterThan(stacked.paneRows.B);
    expect(compareLayout(99, 30, 'both').arrangement).toBe('stacked');
  });
});

describe('the strip', () => {
  const turns = [turn(0, 'seeker', 'a'), turn(1, 'supporter', 'b', { strategy: 'Question' }), turn(3, 'supporter', 'c', { strategy: 'Question' }), turn(5, 'supporter', 'd', { strategy: 'Reflection of Feelings' })];

  it('counts the supporter strategies so far and draws them in a bar of the given width', () => {
    const mix = strategyMix(turns);
    expect(mix).toEqual([{ strategy: 'Question', count: 2 }, { strategy: 'Reflection of Feelings', count: 1 }]);
    expect(mixBar(mix, 12)).toEqual([{ strategy: 'Question', cells: 8 }, { strategy: 'Reflection of Feelings', cells: 4 }]);
    const odd = mixBar(mix, 10);
    expect(odd.reduce((n, b) => n + b.cells, 0)).toBe(10);
    expect(mixCounts(mix)).toMatch(/^QUE 2 · REF 1$/i);
    expect(mixBar([], 10)).toEqual([]);
  });

  it('reads the latest trait reading, or says there is none', () => {
    expect(traitReading(undefined)).toBe('not measured yet');
    expect(traitReading(undefined, true)).toBe('judge off');
    const meter = { afterTurn: 3, hexaco: { A: { current: { value: 1.54, confidence: 1, samples: 1 }, trajectory: [1.54] } }, csi: {} };
    expect(traitReading(meter)).toMatch(/^H – E – X – A 1\.5 C – O – \(after turn 4\)$/);
  });
});
