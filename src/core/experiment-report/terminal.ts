import { predictedCells } from '../analysis/correlation-matrix.js';
import { wrap } from '../analysis/report-text.js';
import { cleanForDisplay as clean } from '../sanitize.js';
import { QUALITY_METRICS } from './aggregate.js';
import { pairName } from './doc-rq1.js';
import { conversationsSentence } from './doc-overview.js';
import { summaryCell, testCells } from './doc-quality.js';
import { FACTOR_LABEL, int, interval, METRIC_LABEL, num, percent, plural, pValue } from './format.js';
import type { ExperimentReport } from './report.js';

/**
 * The terminal summary of an experiment report: the headline numbers of each
 * research question in plain text, laid out for the terminal's width, no
 * colour (pipes and NO_COLOR need nothing special). The full tables are in
 * report.md and report.html; this points there.
 */

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
}

function columns(rows: readonly string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows.map((r) => `  ${pad(r, widths)}`);
}

function rq1Lines(r: ExperimentReport): string[] {
  const out = [`RQ1 · HEXACO × CSI over ${plural(r.rq1.personas, 'persona')}: the six predicted pairs (Pearson r [95% CI], p Holm-adjusted)`];
  if (!r.rq1.matrix.ok) return [...out, `  not computed: ${r.rq1.matrix.reason}`];
  const rows = predictedCells(r.rq1.matrix.matrix).map((c) => {
    const check = c.predicted?.pearson;
    return [
      pairName(c),
      c.pearson.ok ? `r = ${num(c.pearson.coefficient)} ${interval(c.pearson.ci)}` : `n/a (${c.pearson.reason})`,
      check?.ok ? `p ${pValue(check.pHolm)}` : '',
      check?.ok ? (check.agrees ? 'sign agrees' : 'sign differs') : '',
    ];
  });
  return [...out, ...columns(rows)];
}

function rq2Lines(r: ExperimentReport): string[] {
  const q = r.rq2;
  const m = q.measuredFrom;
  const out = [`RQ2 · trait shift, mean |measured − target| over all dimensions [95% CI] (measured by ${int(m.measurement)} post-hoc measurements, ${int(m.meter)} meter readings; ${int(m.none)} speakers unmeasured)`];
  if (!q.byArm.ok || !q.fidelity.ok) return [...out, `  not computed: ${q.byArm.ok ? '' : q.byArm.reason}`];
  const rows: string[][] = [];
  for (const t of q.byArm.tables) for (const row of t.rows) rows.push([t.role, `arm ${clean(row.model)}`, `${num(row.meanAbsoluteDifference)} ${interval(row.ci)}`, plural(row.conversations, 'conversation')]);
  for (const t of q.fidelity.tables) for (const row of t.rows) rows.push([t.role, `model ${clean(row.model)} (rank ${row.rank})`, `${num(row.meanAbsoluteDifference)} ${interval(row.ci)}`, plural(row.conversations, 'conversation')]);
  return [...out, ...columns(rows)];
}

function rq3Lines(r: ExperimentReport): string[] {
  const q = r.rq3;
  const out = [`RQ3 · support strategies: ${int(q.labelled)} labelled supporter turns (Holm over ${plural(q.family, 'test')})`];
  if (q.noComparison) out.push(`  no comparison: ${q.noComparison}`);
  for (const c of q.comparisons) {
    const t = c.independence;
    if (!q.noComparison) {
      out.push(
        t.ok
          ? `  by ${FACTOR_LABEL[c.factor]}: χ²(${t.df}) = ${num(t.statistic)}, p ${pValue(t.pValue)} (Holm ${pValue(t.pHolm)}), Cramér's V = ${num(t.cramersV)}, N = ${int(t.n)}${t.lowExpected ? ' (approximate)' : ''}`
          : `  by ${FACTOR_LABEL[c.factor]}: not computed — ${t.reason}`,
      );
    }
    for (const f of c.fits) {
      out.push(f.ok ? `    ${clean(f.arm)} vs ESConv: χ²(${f.df}) = ${num(f.statistic)}, p ${pValue(f.pValue)} (Holm ${pValue(f.pHolm)}), n = ${int(f.n)}` : `    vs ESConv: not computed — ${f.reason}`);
    }
  }
  for (const a of [...q.agreement.map((x) => ({ name: clean(x.arm), result: x.result })), { name: 'all arms', result: q.overallAgreement }]) {
    const res = a.result;
    out.push(res.ok ? `  declared vs perceived, ${a.name}: κ = ${num(res.kappa)}, agree ${percent(res.observed)} of ${plural(res.n, 'turn')}` : `  declared vs perceived, ${a.name}: not computed — ${res.reason}`);
  }
  return out;
}

function qualityLines(r: ExperimentReport): string[] {
  const q = r.quality;
  const out = [`Dialogue quality: ${int(q.rated)} conversations rated by the judge (median (mean) per arm; rank test across arms, Holm over ${int(q.family)})`];
  if (q.rated === 0) return [...out, '  no ratings: set quality: true in the plan, or run persona-talks measure SESSION --quality'];
  const rows = QUALITY_METRICS.map((m) => {
    const test = q.tests.find((t) => t.metric === m)!;
    const cells = testCells(test);
    const result = test.test.ok ? `${cells[0]}, p ${cells[2]} (Holm ${cells[3]}), ${cells[4]}` : cells[5] ?? '';
    return [METRIC_LABEL[m], q.arms.map((a) => `${clean(a.arm)} ${summaryCell(a.metrics[m])}`).join(' · '), result];
  });
  return [...out, ...columns(rows)];
}

function refusalLines(r: ExperimentReport): string[] {
  const refused = r.refusals.filter((t) => t.refusals > 0);
  if (refused.length === 0) return ['Refusals: none'];
  return ['Refusals (per model and role):', ...columns(refused.map((t) => [t.role, clean(t.model), `${plural(t.refusals, 'refusal')} in ${int(t.conversationsWithRefusal)} of ${plural(t.conversations, 'conversation')}`]))];
}

function costLines(r: ExperimentReport): string[] {
  const c = r.costs;
  const wall = c.perConversation.wallSeconds;
  const tokens = c.perConversation.generationTokens;
  return [
    `Costs: ${int(c.totals.generationCalls)} generation calls, ${int(c.totals.judgeCalls)} recorded judge answers, ${int(c.totals.measurements)} measurement runs; ${int(c.totals.promptTokens + c.totals.completionTokens)} tokens reported`,
    `  per conversation: ${wall.ok ? `median ${num(wall.median, 1)} s wall time` : 'no wall time'}, ${tokens.ok ? `median ${int(tokens.median)} generation tokens` : 'no token counts'}`,
  ];
}

export function renderTerminalSummary(r: ExperimentReport, width = 80, written?: { dir: string; files: readonly string[] }): string {
  const w = Math.max(40, Math.floor(width));
  const lines: string[] = [`Experiment report: ${clean(r.title)} — ${conversationsSentence(r)}`];
  if (r.data.unreadable.length > 0) {
    lines.push(`Unreadable session files, left out (${int(r.data.unreadable.length)}):`);
    for (const u of r.data.unreadable) lines.push(`  ${clean(u.file)}: ${clean(u.reason)}`);
  }
  if (r.data.damaged.length > 0) lines.push(`${plural(r.data.damaged.length, 'session')} had unreadable lines, left out (see report.md)`);
  for (const problem of r.data.problems) lines.push(`Note: ${clean(problem)}`);
  lines.push('', ...rq1Lines(r), '', ...rq2Lines(r), '', ...rq3Lines(r), '', ...qualityLines(r), '', ...refusalLines(r), '', ...costLines(r));
  if (written) lines.push('', `Written to ${clean(written.dir)}: ${written.files.join(', ')}`);
  return `${lines.flatMap((l) => wrap(l, w)).join('\n')}\n`;
}
