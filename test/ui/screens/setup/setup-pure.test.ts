import { TURN_CAP } from '../../../../src/core/config/settings.js';
import { describe, expect, it } from 'vitest';
import { formatScore, traitBar, wrap as wrapText } from '../../../../src/core/text.js';
import { scrollWindow } from '../../../../src/ui/layout/scrollWindow.js';
import { previewLines, traitRow, type PreviewLine } from '../../../../src/ui/screens/setup/previewLines.js';

const lineText = (line: PreviewLine) => line.map((s) => s.text).join('');
import { setupLayout } from '../../../../src/ui/screens/setup/setupLayout.js';
import { choiceFrom, initialSetupState, setupReducer, type SetupAction, type SetupState } from '../../../../src/ui/screens/setup/setupState.js';
import { seekerPersona, supporterPersona } from '../../setup-helpers.js';

describe('traitBar', () => {
  it('fills in proportion to 1–5, with half cells', () => {
    expect(traitBar(1, 4)).toBe('░░░░');
    expect(traitBar(5, 4)).toBe('████');
    expect(traitBar(3, 4)).toBe('██░░');
    expect(traitBar(3.5, 4)).toBe('██▌░');
    expect(traitBar(1.5, 4)).toBe('▌░░░');
    expect(traitBar(4.5, 8)).toBe('███████░');
  });
  it('clamps out-of-range and non-numbers, and keeps its width', () => {
    expect(traitBar(9, 5)).toBe('█████');
    expect(traitBar(-2, 5)).toBe('░░░░░');
    expect(traitBar(Number.NaN, 3)).toBe('░░░');
    for (const v of [1, 1.5, 2.2, 3.7, 5]) expect([...traitBar(v, 7)]).toHaveLength(7);
  });
  it('formats scores with at most one decimal', () => {
    expect(formatScore(4)).toBe('4');
    expect(formatScore(3.5)).toBe('3.5');
    expect(formatScore(2.25)).toBe('2.3');
  });
});

describe('scrollWindow and wrapText', () => {
  it('keeps the focus in view', () => {
    expect(scrollWindow(3, 2, 5)).toEqual({ start: 0, end: 3 });
    expect(scrollWindow(20, 0, 5)).toEqual({ start: 0, end: 5 });
    expect(scrollWindow(20, 10, 5)).toEqual({ start: 8, end: 13 });
    expect(scrollWindow(20, 19, 5)).toEqual({ start: 15, end: 20 });
  });
  it('wraps on words and cuts words longer than the width', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('a\nb', 10)).toEqual(['a', 'b']);
  });
});

describe('previewLines', () => {
  it('never exceeds the width and labels every trait', () => {
    for (const width of [30, 58, 62, 90]) {
      const lines = previewLines(seekerPersona(), width).map(lineText);
      for (const line of lines) expect([...line.trimEnd()].length).toBeLessThanOrEqual(width);
      const all = lines.join('\n');
      for (const label of ['Honesty-Humility', 'eXtraversion', 'Openness', 'Verbal aggress.', 'Impression manip.']) expect(all).toContain(label);
    }
  });
  it('shows the seeker context only for personas that can seek', () => {
    expect(previewLines(seekerPersona(), 60).map(lineText).join('\n')).toContain('Situation: Rotating shifts');
    expect(previewLines(supporterPersona(), 60).map(lineText).join('\n')).not.toContain('Situation');
  });
  it('marks a baseline and shows no bars for it', () => {
    const text = previewLines({ id: 'none', role: 'supporter', name: 'None', baseline: true, description: 'x' }, 60).map(lineText).join('\n');
    expect(text).toContain('Baseline');
    expect(text).not.toContain('HEXACO');
  });
  it('pads a trait row to its width so two columns line up', () => {
    expect(lineText(traitRow('Emotionality', 2, 40))).toHaveLength(40);
  });
});

describe('setupLayout', () => {
  it('puts the preview beside the lists only when wide, and fits the rows', () => {
    const narrow = setupLayout(60, 20, { seekers: 9, supporters: 9, errors: 0 });
    expect(narrow.wide).toBe(false);
    // title + status + list title + list + preview title + preview + 2 options + help
    expect(2 + 1 + narrow.listRows + 1 + narrow.previewRows + 2 + narrow.helpRows).toBe(20);
    const wide = setupLayout(120, 40, { seekers: 3, supporters: 3, errors: 2 });
    expect(wide.wide).toBe(true);
    expect(wide.listRows).toBe(3);
    expect(wide.errorRows).toBe(3); // summary + both errors
  });
});

describe('setupReducer', () => {
  const start = initialSetupState(['a', 'b'], ['x', 'y', 'z']);
  const run = (state: SetupState, ...actions: SetupAction[]) => actions.reduce(setupReducer, state);

  it('moves selections within lists and clamps at the ends', () => {
    const s = run(start, { type: 'down' }, { type: 'down' }, { type: 'down' });
    expect(s.seekerIndex).toBe(1);
    expect(run(s, { type: 'tab', back: false }, { type: 'down' }, { type: 'down' }).supporterIndex).toBe(2);
  });
  it('tabs round all fields and cycles option values', () => {
    const s = run(start, { type: 'tab', back: true });
    expect(s.focus).toBe('turnCap');
    const capped = run(s, ...Array.from({ length: TURN_CAP.max }, () => ({ type: 'right' }) as const));
    expect(capped.turnCap).toBe(TURN_CAP.max);
    const mode = run(start, { type: 'tab', back: true }, { type: 'up' }, { type: 'left' });
    expect(mode.mode).toBe('join-supporter');
  });
  it('builds the choice, or none while a list is empty', () => {
    expect(choiceFrom(run(start, { type: 'down' }), ['a', 'b'], ['x', 'y', 'z'])).toMatchObject({ seekerId: 'b', supporterId: 'x' });
    expect(choiceFrom(initialSetupState([], ['x']), [], ['x'])).toBeUndefined();
  });
  it('clamps selections when the library shrinks', () => {
    const s = run(start, { type: 'down' }, { type: 'counts', seekers: 1, supporters: 3 });
    expect(s.seekerIndex).toBe(0);
  });
});
