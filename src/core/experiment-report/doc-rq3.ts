import { cleanForDisplay as clean } from '../sanitize.js';
import { STRATEGIES } from '../strategies.js';
import { code, p, strong, type Block, type Section } from './doc-model.js';
import { FACTOR_LABEL, int, num, percent, plural, pValue } from './format.js';
import type { ExperimentReport, StrategyFactorComparison } from './report.js';

/** RQ3: does the persona (and the other switches) change the mix of support strategies? */

const LABEL_SOURCE: Readonly<Record<string, string>> = {
  declared: 'declared by the model',
  parsed: 'read from free text',
  fallback: 'fallback "Others" (no label could be read)',
  steered: 'steered',
  human: 'picked by a person',
  perceived: 'from the classifier (a person skipped picking)',
  imported: 'imported',
  none: 'no label',
};

/** "2.31 ▲" for a strategy used more than independence predicts (|residual| > 1.96), "−2.10 ▼" for less. */
function residual(value: number): string {
  return `${num(value)}${value > 1.96 ? ' ▲' : value < -1.96 ? ' ▼' : ''}`;
}

function comparisonBlocks(c: StrategyFactorComparison, r: ExperimentReport, compared: boolean): Block[] {
  const blocks: Block[] = [];
  const levels = c.mix.map((m) => clean(m.arm));
  if (compared) blocks.push({ kind: 'subheading', text: `By ${FACTOR_LABEL[c.factor]}` });
  blocks.push({
    kind: 'table',
    caption: `Supporter turns per strategy: count (share of the ${c.factor === 'arm' ? "arm's" : "level's"} labelled turns), beside ESConv's human supporters`,
    head: ['strategy', ...c.mix.map((m) => `${clean(m.arm)} (n ${int(m.n)})`), 'ESConv'],
    rows: STRATEGIES.map((s) => [s, ...c.mix.map((m) => `${int(m.counts[s])} (${percent(m.shares[s])})`), percent(r.rq3.reference.shares[s])]),
    numeric: [false, ...c.mix.map(() => true), true],
  });
  if (compared) {
    const t = c.independence;
    if (t.ok) {
      blocks.push(
        p(
          strong('Test of independence: '),
          `χ²(${t.df}) = ${num(t.statistic)}, p ${pValue(t.pValue)}, Holm-adjusted p ${pValue(t.pHolm)}; Cramér's V = ${num(t.cramersV)} over ${plural(t.n, 'labelled turn')}.`,
          t.lowExpected ? ' Some cells expect fewer than 5 turns: the p-value is only approximate.' : '',
          t.dropped.columns.length > 0 ? ` Strategies nobody used are left out of the test: ${t.dropped.columns.join(', ')}.` : '',
          t.dropped.rows.length > 0 ? ` Levels without labelled turns are left out: ${t.dropped.rows.map(clean).join(', ')}.` : '',
        ),
      );
      blocks.push({
        kind: 'table',
        caption: 'Adjusted standardised residuals: ▲ used more, ▼ used less than if the mix were the same everywhere (|residual| > 1.96)',
        head: ['strategy', ...t.rows.map(clean)],
        rows: t.columns.map((s) => [s, ...t.rows.map((row) => residual(t.cells.find((x) => x.row === row && x.column === s)!.adjustedResidual))]),
        numeric: [false, ...t.rows.map(() => true)],
      });
    } else blocks.push(p(strong('Test of independence: '), `not computed — ${t.reason}.`));
  }
  blocks.push({
    kind: 'table',
    caption: "Each level against ESConv's human supporters (goodness of fit, 7 df)",
    head: [FACTOR_LABEL[c.factor], 'labelled turns', 'χ²', 'p', 'p (Holm)', ''],
    rows: c.fits.map((f, i) => (f.ok ? [clean(f.arm), int(f.n), num(f.statistic), pValue(f.pValue), pValue(f.pHolm), f.lowExpected ? 'approximate: some strategies expect < 5 turns' : ''] : [levels[i] ?? '', '—', '—', '—', '—', `not computed: ${f.reason}`])),
    numeric: [false, true, true, true, true, false],
  });
  blocks.push({ kind: 'figure', chart: `rq3-${c.factor}`, caption: `Share of labelled supporter turns per strategy, by ${FACTOR_LABEL[c.factor]}, with ESConv's human supporters as the white bar.` });
  return blocks;
}

export function rq3Section(r: ExperimentReport): Section {
  const q = r.rq3;
  const blocks: Block[] = [];
  blocks.push(p(`${plural(q.supporterTurns, 'supporter turn')} in the finished conversations, ${int(q.labelled)} with a strategy label. How the labels were obtained:`));
  blocks.push({ kind: 'list', items: Object.entries(q.labelSources).map(([source, n]) => [`${LABEL_SOURCE[source] ?? clean(source)}: ${int(n)}`]) });
  if ((q.labelSources.fallback ?? 0) > 0) blocks.push(p(`Fallback labels count as "Others" in the mix below; ${percent((q.labelSources.fallback ?? 0) / Math.max(1, q.supporterTurns))} of supporter turns got one, so the "Others" share is partly the model not giving a label.`));
  if (q.noComparison) blocks.push(p(`No comparison: ${q.noComparison}. Each arm is still set against ESConv.`));
  else blocks.push(p(`Holm's correction runs over the ${plural(q.family, 'test')} in this section (every test of independence and every goodness of fit).`));
  for (const c of q.comparisons) blocks.push(...comparisonBlocks(c, r, !q.noComparison));

  blocks.push({ kind: 'subheading', text: 'Declared vs perceived strategy' });
  blocks.push(
    p(
      'The strategy classifier labels each supporter turn from its words without seeing the declared label. Turns whose declared label was a fallback or came from the classifier itself are left out. ',
      q.withoutPerceived > 0 ? `${plural(q.withoutPerceived, 'comparable turn')} got no perceived label (classifier off, or its answer unusable).` : '',
    ),
  );
  const row = (name: string, a: ExperimentReport['rq3']['overallAgreement']): string[] =>
    a.ok ? [name, int(a.n), percent(a.observed), percent(a.chance), num(a.kappa)] : [name, '—', '—', '—', `not computed: ${a.reason}`];
  blocks.push({
    kind: 'table',
    caption: "Agreement per arm: share of turns where both name the same strategy, what chance alone would give, and Cohen's κ",
    head: ['arm', 'turns', 'agree', 'by chance', 'κ'],
    rows: [...q.agreement.map((a) => row(clean(a.arm), a.result)), row('all arms', q.overallAgreement)],
    numeric: [false, true, true, true, true],
  });
  blocks.push({
    kind: 'caveat',
    title: 'What this shows, and what it does not',
    items: [
      ['The chi-square tests count turns as if each were an independent draw. Turns within a conversation are not: a supporter that asks one question tends to ask the next. The p-values are therefore optimistic (too small); Cramér\'s V, the size of the difference, is the safer number to read.'],
      ['A residual marks the strategies that drive a difference; it does not say the difference matters in practice.'],
      ['ESConv\'s row comes from crowd workers supporting each other in text chats (Liu et al., 2021): a reference for how people mix strategies, not a target a model should match.'],
      ['κ says how far the classifier and the declared labels agree beyond chance — not which of the two is right.'],
      ['Labels can be read in the tidy data: ', code('turns.csv'), ' has one row per supporter turn with its declared and perceived strategy.'],
    ],
  });
  return { id: 'rq3', title: 'RQ3 — Support strategies', blocks };
}
