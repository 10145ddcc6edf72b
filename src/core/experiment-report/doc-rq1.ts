import { predictedCells, type CorrelationCell, type SignCheck } from '../analysis/correlation-matrix.js';
import type { CorrelationResult } from '../analysis/correlation.js';
import { cleanForDisplay as clean } from '../sanitize.js';
import { p, type Block, type Section } from './doc-model.js';
import { csiName, hexacoName, interval, num, plural, pValue, signMark } from './format.js';
import type { ExperimentReport } from './report.js';

/** RQ1: do the personas' HEXACO scores go with their communication styles (CSI) as psychology predicts? */

function coefficient(result: CorrelationResult): string {
  return result.ok ? `${num(result.coefficient)} ${interval(result.ci)}` : `n/a (${result.reason})`;
}

function holm(check: SignCheck | undefined): string {
  return check?.ok ? pValue(check.pHolm) : '—';
}

function agreement(cell: CorrelationCell): string {
  const pe = cell.predicted?.pearson;
  const sp = cell.predicted?.spearman;
  const word = (c: SignCheck | undefined) => (!c?.ok ? 'n/a' : c.agrees ? 'yes' : c.observedSign === 0 ? 'no (0)' : 'no');
  return `${word(pe)} / ${word(sp)}`;
}

export function pairName(cell: CorrelationCell): string {
  return `${hexacoName(cell.hexaco)} ↔ ${csiName(cell.csi)} (${signMark(cell.predicted?.expectedSign ?? 0)})`;
}

export function rq1Section(r: ExperimentReport): Section {
  const blocks: Block[] = [];
  const { matrix } = r.rq1;
  blocks.push(
    p(
      `Each persona the finished conversations used (seekers and supporters, each counted once; the no-persona baseline has no scores) brings its HEXACO and CSI scores as its persona file gives them — for generated personas, scored from their descriptions by the measurement pipeline. `,
      `Across these ${plural(r.rq1.personas, 'persona')}, each HEXACO dimension is correlated with each CSI dimension.`,
    ),
  );
  if (r.rq1.conflicting.length > 0) {
    blocks.push(p(`Personas whose scores differ between sessions (edited during the experiment?): ${r.rq1.conflicting.map(clean).join(', ')} — the first scores seen are used.`));
  }
  if (!matrix.ok) {
    blocks.push(p(`Not computed: ${matrix.reason}.`));
    return { id: 'rq1', title: 'RQ1 — Personality and communication style', blocks };
  }
  const cells = predictedCells(matrix.matrix);
  blocks.push({
    kind: 'table',
    caption: 'The six pairs psychology predicts, with the expected sign: coefficient [95% CI by Fisher z], p Holm-adjusted over the six',
    head: ['pair (expected sign)', 'n', 'Pearson r [95% CI]', 'p (Holm)', 'Spearman ρ [95% CI]', 'p (Holm)', 'sign agrees (r / ρ)'],
    rows: cells.map((c) => [pairName(c), String(c.n), coefficient(c.pearson), holm(c.predicted?.pearson), coefficient(c.spearman), holm(c.predicted?.spearman), agreement(c)]),
    numeric: [false, true, true, true, true, true, false],
  });
  const agreeing = cells.filter((c) => c.predicted?.pearson.ok && c.predicted.pearson.agrees).length;
  const significant = cells.filter((c) => c.predicted?.pearson.ok && c.predicted.pearson.agrees && c.predicted.pearson.pHolm < 0.05).length;
  blocks.push(p(`Pearson's r has the predicted sign for ${agreeing} of 6 pairs; ${significant} of them ${significant === 1 ? 'is' : 'are'} significant at 0.05 after Holm's correction.`));
  blocks.push({ kind: 'figure', chart: 'rq1-pearson', caption: 'Pearson r per HEXACO × CSI pair; the predicted pairs outlined (solid: observed sign agrees; dashed: it does not).' });
  blocks.push({ kind: 'figure', chart: 'rq1-spearman', caption: 'The same with Spearman ρ (rank correlation; less sensitive to a few extreme personas).' });
  const hexacoKeys = matrix.matrix.hexacoKeys;
  const csiKeys = matrix.matrix.csiKeys;
  blocks.push({
    kind: 'table',
    caption: 'All 36 Pearson correlations: r (two-sided p, uncorrected)',
    head: ['HEXACO \\ CSI', ...csiKeys.map(csiName)],
    rows: hexacoKeys.map((h) => [
      hexacoName(h),
      ...csiKeys.map((c) => {
        const cell = matrix.matrix.cells.find((x) => x.hexaco === h && x.csi === c)!;
        return cell.pearson.ok ? `${num(cell.pearson.coefficient)} (${pValue(cell.pearson.pValue)})` : 'n/a';
      }),
    ]),
    numeric: [false, ...csiKeys.map(() => true)],
  });
  blocks.push({
    kind: 'caveat',
    title: 'What this shows, and what it does not',
    items: [
      ['The correlations describe this set of personas — how the scores given to them go together — not people in general. Personas written or generated for a study are not a random sample of anyone.'],
      [`With ${plural(r.rq1.personas, 'persona')} the intervals are ${r.rq1.personas < 30 ? 'wide: a correlation has to be large to be told apart from zero' : 'as wide as shown'}. The p-value tests "no correlation"; it says nothing about the size of one that is there — read the interval for that.`],
      ['Only the six predicted pairs are corrected for multiple testing. Among the other 30 cells, about one or two would pass p < 0.05 by chance alone even if nothing were related.'],
      ['Scores generated by one model from one description share that model\'s habits: a correlation may reflect how the scorer writes about people as much as how people are.'],
    ],
  });
  return { id: 'rq1', title: 'RQ1 — Personality and communication style', blocks };
}
