import { sparkline, type MeterRow } from '../../core/traits/meter.js';
import type { CsiKey } from '../../core/traits/dimensions.js';
import { driftLevel, formatDelta, formatScore, LABEL_WIDTH, meterStrip, type TraitPanelLayout } from './traitBars.js';

/**
 * The text of the meter panel's lines as role-tagged segments: pure, so widths
 * and markers are tested without Ink, and the component only maps roles to
 * theme colours. Every meaning colour carries is also in the text ("!" for a
 * large drift, "?" for low confidence, "┃" for the target), so NO_COLOR loses nothing.
 */
export type SegmentRole =
  | 'plain'
  | 'muted'
  | 'fill'
  | 'target'
  | 'measured'
  | 'drift'
  | 'drift-large'
  | 'drift-severe'
  | 'spark'
  | 'seeker'
  | 'supporter';

export interface Segment {
  text: string;
  role: SegmentRole;
  /** Low confidence: drawn faint (dimColor) as well as marked "?". */
  faint?: boolean;
}

export const CSI_LABELS: Readonly<Record<CsiKey, string>> = {
  expressiveness: 'Exp',
  preciseness: 'Pre',
  verbal_aggressiveness: 'VAg',
  questioningness: 'Que',
  emotionality: 'Emo',
  impression_manipulativeness: 'IMa',
};

export const LOW_CONFIDENCE_MARK = '?';
export const DRIFT_MARK = '!';
const NO_TARGET = '–';

export function meterRowSegments<K extends string>(row: MeterRow<K>, label: string, layout: Pick<TraitPanelLayout, 'barWidth' | 'sparkWidth'>): Segment[] {
  const faint = row.measured !== undefined && row.lowConfidence;
  const out: Segment[] = [{ text: label.slice(0, LABEL_WIDTH).padEnd(LABEL_WIDTH), role: 'plain' }];
  if (layout.barWidth > 0) {
    out.push({ text: ' ', role: 'plain' });
    for (const run of meterStrip(row.measured, row.target, layout.barWidth)) {
      out.push(run.kind === 'fill' ? { text: run.text, role: 'fill', faint } : { text: run.text, role: run.kind === 'target' ? 'target' : 'muted' });
    }
  }
  out.push({ text: ' ', role: 'plain' });
  out.push(row.target === undefined ? { text: NO_TARGET.padStart(3), role: 'muted' } : { text: formatScore(row.target).padStart(3), role: 'target' });
  if (row.measured === undefined) {
    out.push({ text: ' '.repeat(5), role: 'plain' });
  } else {
    out.push({ text: '→', role: 'muted' });
    out.push({ text: formatScore(row.measured).padStart(3) + (faint ? LOW_CONFIDENCE_MARK : ' '), role: 'measured', faint });
  }
  out.push({ text: ' ', role: 'plain' });
  if (row.drift === undefined) {
    out.push({ text: ' '.repeat(5), role: 'plain' });
  } else {
    const level = driftLevel(row.largeDrift, row.drift);
    const role: SegmentRole = level === 'severe' ? 'drift-severe' : level === 'large' ? 'drift-large' : 'drift';
    out.push({ text: formatDelta(row.drift) + (level === 'none' ? ' ' : DRIFT_MARK), role, faint });
  }
  if (layout.sparkWidth > 0) {
    out.push({ text: ' ', role: 'plain' });
    out.push({ text: sparkline(row.trajectory, layout.sparkWidth), role: 'spark', faint });
  }
  return out;
}

export type MeterStatus = { kind: 'judge-off' } | { kind: 'measuring' } | { kind: 'measured'; afterTurn: number };

export function meterStatusText(status: MeterStatus): string {
  switch (status.kind) {
    case 'judge-off':
      return 'judge off';
    case 'measuring':
      return 'measuring…';
    case 'measured':
      return `after turn ${status.afterTurn + 1}`;
  }
}

export interface HeaderInput {
  speaker: 'seeker' | 'supporter';
  name: string;
  view: 'hexaco' | 'csi';
  status: MeterStatus;
  /** The persona gives no traits (baseline supporter). */
  noTarget: boolean;
  /** The persona has traits, not scored yet (a character card imported with no model): say so, not "no target". */
  unscored?: boolean;
  /** Explain the marks when they are in use and there is room. */
  legend: boolean;
  /** Only one speaker fits: remind that `w` shows the other. */
  switchHint: boolean;
  width: number;
}

const MIN_NAME = 8;

function shorten(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

/**
 * "Mara · HEXACO · after turn 4 · ! drift ? unsure". In a narrow column the
 * parts are kept by importance — name, "no target", status, inventory, hints —
 * and shown in their usual order; the name gives way first, down to 8 characters.
 */
export function meterHeaderSegments(h: HeaderInput): Segment[] {
  const parts: Array<Segment & { priority: number; order: number }> = [];
  const add = (text: string, role: SegmentRole, priority: number) => parts.push({ text: ` · ${text}`, role, priority, order: parts.length });
  add(h.view === 'hexaco' ? 'HEXACO' : 'CSI', 'muted', 3);
  if (h.unscored) add('not scored yet', 'drift-large', 1);
  else if (h.noTarget) add('no target', 'muted', 1);
  add(meterStatusText(h.status), h.status.kind === 'judge-off' ? 'drift-large' : 'muted', 2);
  if (h.switchHint) add('w other speaker', 'muted', 4);
  if (h.legend) add(`${DRIFT_MARK} drift ${LOW_CONFIDENCE_MARK} unsure`, 'muted', 5);

  const nameWidth = Array.from(h.name).length;
  const kept: typeof parts = [];
  let used = Math.min(nameWidth, MIN_NAME);
  for (const part of [...parts].sort((x, y) => x.priority - y.priority)) {
    const w = Array.from(part.text).length;
    if (used + w > h.width) break;
    kept.push(part);
    used += w;
  }
  kept.sort((x, y) => x.order - y.order);
  const name = shorten(h.name, Math.max(Math.min(nameWidth, MIN_NAME), h.width - segmentsWidth(kept)));
  return [{ text: name, role: h.speaker }, ...kept.map(({ text, role }) => ({ text, role }))];
}

export function segmentsWidth(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + Array.from(s.text).length, 0);
}
