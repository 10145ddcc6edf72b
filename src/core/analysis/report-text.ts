import { STRATEGY_SHORT, type Strategy } from '../strategies.js';
import { plural, wrap as wrapText } from '../text.js';
import type { ChiSquareResult } from './chi-square.js';
import type { GroupStats, SpeakerTraitShift, StatsReport, TraitShiftRow } from './report.js';

/**
 * The stats report as plain terminal text: bar charts from block characters,
 * laid out for the given width, no colour (so NO_COLOR and pipes need nothing special).
 */

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const REFERENCE_MARK = '┊';

/** A bar of `value / max` of `width` cells, in eighth-cell steps; always exactly `width` characters. */
export function bar(value: number, max: number, width: number): string {
  if (width <= 0) return '';
  const share = max > 0 && Number.isFinite(value) ? Math.min(1, Math.max(0, value / max)) : 0;
  const eighths = Math.round(share * width * 8);
  const full = Math.floor(eighths / 8);
  const rest = EIGHTHS[eighths % 8] as string;
  return ('█'.repeat(full) + rest).padEnd(width, ' ');
}

/** A bar with a thin mark where the reference value falls, when that spot is still empty. */
function barWithMark(value: number, reference: number, max: number, width: number): string {
  const cells = [...bar(value, max, width)];
  const at = Math.min(width - 1, Math.round((reference / max) * width));
  if (at >= 0 && cells[at] === ' ') cells[at] = REFERENCE_MARK;
  return cells.join('');
}

export function formatP(p: number): string {
  if (p < 0.001) return '< 0.001';
  return `= ${p.toFixed(3)}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function chiLine(result: ChiSquareResult): string {
  const stat = Number.isFinite(result.statistic) ? result.statistic.toFixed(2) : '∞';
  return `χ² = ${stat}, df = ${result.df}, p ${formatP(result.pValue)}${result.lowExpected ? ' (approximate: low expected counts)' : ''}`;
}

function strategyName(s: Strategy, wide: boolean): string {
  return wide ? s : STRATEGY_SHORT[s];
}


function mixBlock(report: StatsReport, group: GroupStats, width: number, scale: number): string[] {
  const wide = width >= 72;
  const nameWidth = wide ? Math.max(...report.strategies.map((s) => s.length)) : 3;
  const countWidth = Math.max(3, String(group.labelledTurns).length);
  // name + count + share + ref share, with single spaces; at least 8 cells of bar.
  const barWidth = Math.max(8, width - (2 + nameWidth + 1 + countWidth + 1 + 6 + 1 + 1 + 6));
  const lines = [`${group.label} · ${plural(group.sessions, 'session')} · ${plural(group.labelledTurns, 'labelled supporter turn')}`];
  lines.push(`  ${(wide ? 'strategy' : '').padEnd(nameWidth)} ${'n'.padStart(countWidth)} ${'share'.padStart(6)} ${(barWidth >= 12 ? '(┊ = ESConv)' : '').padEnd(barWidth)} ${'ESConv'.padStart(6)}`);
  for (const s of report.strategies) {
    const share = group.distribution[s];
    const ref = report.reference.distribution[s];
    lines.push(
      `  ${strategyName(s, wide).padEnd(nameWidth)} ${String(group.counts[s]).padStart(countWidth)} ${percent(share).padStart(6)} ${barWithMark(share, ref, scale, barWidth)} ${percent(ref).padStart(6)}`,
    );
  }
  return lines;
}

function shiftRowLine(row: TraitShiftRow, nameWidth: number, barWidth: number): string {
  const signed = `${row.meanShift >= 0 ? '+' : ''}${row.meanShift.toFixed(2)}`;
  // The 1–5 scale allows a difference of at most 4.
  return `    ${row.name.padEnd(nameWidth)} ${String(row.n).padStart(3)} ${signed.padStart(6)} ${row.meanAbsoluteDifference.toFixed(2).padStart(5)} ${bar(row.meanAbsoluteDifference, 4, barWidth).trimEnd()}`;
}

function shiftBlock(group: GroupStats, shift: SpeakerTraitShift, width: number): string[] {
  const hexaco = shift.hexaco.map((r) => ({ ...r, name: `${r.key} ${r.name}` }));
  const csi = shift.csi;
  const nameWidth = Math.min(28, Math.max(9, ...[...hexaco, ...csi].map((r) => r.name.length)));
  const barWidth = Math.max(4, width - (4 + nameWidth + 1 + 3 + 1 + 6 + 1 + 5 + 1));
  const line = (r: TraitShiftRow) => shiftRowLine({ ...r, name: r.name.slice(0, nameWidth) }, nameWidth, barWidth);
  const lines = [`  ${group.label} · ${shift.speaker} (${plural(shift.sessions, 'session')})`];
  lines.push(`    ${'dimension'.padEnd(nameWidth)} ${'n'.padStart(3)} ${'shift'.padStart(6)} ${'MAD'.padStart(5)}`);
  if (hexaco.length > 0) lines.push('    HEXACO', ...hexaco.map(line));
  if (csi.length > 0) lines.push('    CSI', ...csi.map(line));
  return lines;
}

/** Word-wraps a prose line that is too wide, keeping its spacing; continuation lines are indented under its text. */
export function wrap(line: string, width: number): string[] {
  const lead = (/^\s*(- )?/.exec(line)?.[0] ?? '').replace('-', ' ');
  return wrapText(line, width, { spaces: 'keep', indent: lead.length + 2 < width / 2 ? `${lead}  ` : '' });
}

/** The whole report as text lines for a terminal `width` columns wide (40 at least). */
export function renderStatsReport(report: StatsReport, width = 80): string {
  const w = Math.max(40, Math.floor(width));
  if (report.sessions === 0) return 'No sessions found.\n';
  const out: string[] = [];
  out.push(`Strategy mix by ${report.groupBy} — ${plural(report.sessions, 'session')}, ${plural(report.overall.labelledTurns, 'labelled supporter turn')}`);
  out.push(`Reference: ${report.reference.label} (Liu et al., 2021)`);
  // One scale for all groups so bars compare across blocks.
  const scale = Math.max(...report.groups.flatMap((g) => report.strategies.map((s) => g.distribution[s])), ...Object.values(report.reference.distribution));
  for (const g of report.groups) out.push('', ...mixBlock(report, g, w, scale));

  out.push('', 'Between groups (chi-square test of independence):');
  if (report.between) out.push(`  ${report.between.groups.length} groups, strategies nobody used left out: ${chiLine(report.between)}`);
  else out.push('  not tested (needs two groups with labelled supporter turns)');

  const fitted = report.groups.filter((g) => g.vsReference);
  if (fitted.length > 0) {
    out.push('', 'Each group against the ESConv reference (goodness of fit):');
    const labelWidth = Math.min(30, Math.max(...fitted.map((g) => g.label.length)));
    for (const g of fitted) out.push(`  ${g.label.slice(0, labelWidth).padEnd(labelWidth)}  ${chiLine(g.vsReference as ChiSquareResult)}`);
  }

  const agreeing = report.groups.filter((g) => g.agreement);
  if (agreeing.length > 0) {
    out.push('', 'Declared vs perceived strategy:');
    const labelWidth = Math.min(30, Math.max(...agreeing.map((g) => g.label.length)));
    for (const g of agreeing) {
      const a = g.agreement!;
      const kappa = a.kappa === undefined ? 'κ undefined (one label throughout)' : `κ = ${a.kappa.toFixed(2)}`;
      out.push(`  ${g.label.slice(0, labelWidth).padEnd(labelWidth)}  ${plural(a.n, 'turn')}, agree ${percent(a.observed)}, ${kappa}`);
    }
  }

  const refused = report.groups.filter((g) => g.refusals.total > 0);
  if (refused.length > 0) {
    out.push('', 'Refused replies (asked again, or the turn paused):');
    const labelWidth = Math.min(30, Math.max(...refused.map((g) => g.label.length)));
    for (const g of refused) {
      const r = g.refusals;
      out.push(`  ${g.label.slice(0, labelWidth).padEnd(labelWidth)}  ${r.total} refused repl${r.total === 1 ? 'y' : 'ies'} in ${plural(r.sessions, 'session')} (${r.refusal} refusal${r.refusal === 1 ? '' : 's'}, ${r.outOfPersona} out of persona)`);
    }
  }

  const shifted = report.groups.filter((g) => g.traitShift.length > 0);
  if (shifted.length > 0) {
    out.push('', 'Trait shift (measured − target; MAD = mean absolute difference, bar out of 4):');
    for (const g of shifted) for (const s of g.traitShift) out.push(...shiftBlock(g, s, w));
  }

  if (report.notes.length > 0) out.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  return `${out.flatMap((line) => wrap(line, w)).join('\n')}\n`;
}
