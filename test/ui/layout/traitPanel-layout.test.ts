import { describe, expect, it } from 'vitest';
import { meterRows, type DimensionMeter } from '../../../src/core/traits/meter.js';
import { HEXACO_KEYS, type HexacoKey } from '../../../src/core/traits/dimensions.js';
import { meterHeaderSegments, meterRowSegments, segmentsWidth, type HeaderInput } from '../../../src/ui/layout/meterRowText.js';
import { driftLevel, formatDelta, meterStrip, ROW_BASE, scaleCell, traitPanelLayout, type TraitPanelLayout } from '../../../src/ui/layout/traitBars.js';

/** Columns one row takes under a layout: the base, and the strip and sparkline where shown. */
const rowWidth = (layout: Pick<TraitPanelLayout, 'barWidth' | 'sparkWidth'>) =>
  ROW_BASE + (layout.barWidth ? layout.barWidth + 1 : 0) + (layout.sparkWidth ? layout.sparkWidth + 1 : 0);

const dim = (value: number, confidence: number, trajectory: number[] = [value]): DimensionMeter => ({ current: { value, confidence, samples: trajectory.length }, trajectory });
const text = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('trait panel layout', () => {
  it('fits both speakers side by side at 60 columns (compact: no strip) and adds the strip when wide', () => {
    const at60 = traitPanelLayout(59);
    expect(at60).toMatchObject({ speakers: 2, barWidth: 0, sparkWidth: 8 });
    expect(at60.columnWidth * 2 + at60.gap).toBeLessThanOrEqual(59);
    const at100 = traitPanelLayout(99);
    expect(at100).toMatchObject({ speakers: 2, barWidth: 20, sparkWidth: 8 });
  });

  it('shows one speaker when a compact pair would lose the trajectory, and sheds parts down to very narrow', () => {
    expect(traitPanelLayout(47).speakers).toBe(1);
    expect(traitPanelLayout(48).speakers).toBe(2);
    expect(traitPanelLayout(40)).toMatchObject({ speakers: 1, columnWidth: 40, sparkWidth: 8, barWidth: 12 });
    expect(traitPanelLayout(22)).toMatchObject({ speakers: 1, sparkWidth: 0, barWidth: 0 });
  });

  it('never lays out a row wider than its column, at any width from 20 to 200', () => {
    for (let width = 20; width <= 200; width++) {
      const l = traitPanelLayout(width);
      if (l.columnWidth >= ROW_BASE) expect(rowWidth(l), `width ${width}`).toBeLessThanOrEqual(l.columnWidth);
      expect(l.columnWidth * l.speakers + (l.speakers - 1) * l.gap).toBeLessThanOrEqual(width);
    }
  });

  it('row segments take exactly the laid-out width, measured or not, with or without a target', () => {
    const measured: Partial<Record<HexacoKey, DimensionMeter>> = { E: dim(2.2, 0.9, [3, 2.5, 2.2]), H: dim(4.3, 0.2) };
    for (const width of [30, 59, 99, 160]) {
      const l = traitPanelLayout(width);
      for (const targets of [{ H: 4, E: 5, X: 2, A: 4, C: 3, O: 3 }, undefined]) {
        for (const row of meterRows(HEXACO_KEYS, targets, measured)) {
          expect(segmentsWidth(meterRowSegments(row, row.key, l)), `${width} ${row.key}`).toBe(rowWidth(l));
        }
      }
    }
  });
});

describe('meter row text', () => {
  const layout = { barWidth: 0, sparkWidth: 8 };
  const rows = meterRows(HEXACO_KEYS, { H: 4, E: 5, X: 2, A: 4, C: 3, O: 3 }, { E: dim(2.2, 0.9, [3, 2.5, 2.2]), H: dim(4.3, 0.2), X: dim(2.4, 0.9) });
  const row = (k: HexacoKey) => rows.find((r) => r.key === k)!;

  it('marks a large drift with "!" and colours it by size; a small one gets neither', () => {
    const e = meterRowSegments(row('E'), 'E', layout);
    expect(text(e)).toMatch(/^E {3}5\.0→2\.2 {2}−2\.8! +▅▄▃$/); // 3, 2.5, 2.2 on the 1–5 sparkline scale
    expect(e.find((s) => s.text.startsWith('−2.8'))?.role).toBe('drift-severe');
    const x = meterRowSegments(row('X'), 'X', layout);
    expect(text(x)).toContain('+0.4 ');
    expect(x.find((s) => s.text.startsWith('+0.4'))?.role).toBe('drift');
  });

  it('marks low confidence with "?" and draws it faint', () => {
    const h = meterRowSegments(row('H'), 'H', layout);
    expect(text(h)).toContain('4.0→4.3?');
    expect(h.find((s) => s.role === 'measured')?.faint).toBe(true);
    expect(meterRowSegments(row('E'), 'E', layout).find((s) => s.role === 'measured')?.faint).toBe(false);
  });

  it('before a reading shows the target alone; without a target a dash', () => {
    expect(text(meterRowSegments(row('C'), 'C', layout)).trimEnd()).toBe('C   3.0');
    const [noTarget] = meterRows(['E'] as const, undefined, { E: dim(3.1, 0.9) });
    expect(text(meterRowSegments(noTarget!, 'E', layout))).toMatch(/^E {5}–→3\.1 {8}/);
  });

  it('draws the strip filled to the measured value with a notch at the target, on one 1–5 scale', () => {
    expect(scaleCell(1, 5)).toBe(0);
    expect(scaleCell(5, 5)).toBe(4);
    expect(meterStrip(3, 3, 5)).toEqual([{ kind: 'fill', text: '██' }, { kind: 'target', text: '┃' }, { kind: 'empty', text: '░░' }]);
    expect(meterStrip(undefined, 5, 5)).toEqual([{ kind: 'empty', text: '░░░░' }, { kind: 'target', text: '┃' }]);
    expect(meterStrip(5, undefined, 3)).toEqual([{ kind: 'fill', text: '███' }]);
  });

  it('formats differences with a sign and grades drift', () => {
    expect(formatDelta(0.84)).toBe('+0.8');
    expect(formatDelta(-1.26)).toBe('−1.3');
    expect(formatDelta(0.01)).toBe(' 0.0');
    expect(driftLevel(false, 0.5)).toBe('none');
    expect(driftLevel(true, -1.2)).toBe('large');
    expect(driftLevel(true, 2.1)).toBe('severe');
  });
});

describe('meter header', () => {
  const base: HeaderInput = { speaker: 'seeker', name: 'Mara', view: 'hexaco', status: { kind: 'measuring' }, noTarget: false, legend: true, switchHint: false, width: 80 };

  it('names speaker, inventory and status, with the legend when there is room', () => {
    expect(text(meterHeaderSegments(base))).toBe('Mara · HEXACO · measuring… · ! drift ? unsure');
    expect(text(meterHeaderSegments({ ...base, status: { kind: 'measured', afterTurn: 5 }, view: 'csi', legend: false }))).toBe('Mara · CSI · after turn 6');
    expect(text(meterHeaderSegments({ ...base, status: { kind: 'judge-off' }, width: 28 }))).toBe('Mara · HEXACO · judge off');
  });

  it('keeps "no target" and the status before the inventory name in a narrow column, shortening long names', () => {
    const narrow = text(meterHeaderSegments({ ...base, speaker: 'supporter', name: 'Plain helper', noTarget: true, status: { kind: 'judge-off' }, width: 28 }));
    expect(narrow).toContain('no target');
    expect(Array.from(narrow).length).toBeLessThanOrEqual(28);
    const long = text(meterHeaderSegments({ ...base, name: 'Bartholomew Featherstonehaugh-Smythe', width: 28 }));
    expect(long).toMatch(/^Bartholo.*… · measuring…$/u);
    expect(Array.from(long).length).toBeLessThanOrEqual(28);
  });
});
