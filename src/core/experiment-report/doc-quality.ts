import type { Computed } from '../analysis/computable.js';
import type { Summary } from '../analysis/summary.js';
import { cleanForDisplay as clean } from '../sanitize.js';
import { QUALITY_METRICS } from './aggregate.js';
import { p, type Block, type Section } from './doc-model.js';
import { int, METRIC_LABEL, METRIC_SHORT, num, plural, pValue } from './format.js';
import type { ExperimentReport, QualityTest } from './report.js';

/** Dialogue quality per arm: the judge's ESConv-survey ratings, compared with rank tests. */

export function summaryCell(s: Computed<Summary>): string {
  return s.ok ? `${num(s.median, 1)} (${num(s.mean)})` : '—';
}

export function testCells(t: QualityTest): string[] {
  const test = t.test;
  if (!test.ok) return ['—', '—', '—', '—', '—', `not computed: ${test.reason}`];
  const small = test.smallSample ? 'an arm has fewer than 5 ratings: approximate' : '';
  const dropped = test.dropped.length > 0 ? `no ratings: ${test.dropped.map(clean).join(', ')}` : '';
  const note = [small, dropped].filter(Boolean).join('; ');
  if (test.test === 'mann-whitney') return ['Mann–Whitney U', num(test.u, 1), pValue(test.pValue), test.pHolm !== undefined ? pValue(test.pHolm) : '—', `rank-biserial r = ${num(test.rankBiserial)}`, note];
  return [`Kruskal–Wallis H (${test.df} df)`, num(test.h), pValue(test.pValue), test.pHolm !== undefined ? pValue(test.pHolm) : '—', `ε² = ${num(test.epsilonSquared)}`, note];
}

export function qualitySection(r: ExperimentReport): Section {
  const q = r.quality;
  const blocks: Block[] = [];
  blocks.push(
    p(
      "A judge model read each finished conversation's transcript — without its personas, its arm or its strategy labels — and rated, as ESConv's seekers did in their survey, the supporter's empathy and relevance and the seeker's emotion intensity at the start and at the end (whole numbers 1–5). ",
      `${plural(q.rated, 'conversation')} rated; ${int(q.missing)} finished without a rating`,
      q.dropped > 0 ? ` (${int(q.dropped)} rating attempts were dropped after two unusable answers)` : '',
      q.invalid > 0 ? `; ${plural(q.invalid, 'quality record')} held numbers outside 1–5 or not whole and ${q.invalid === 1 ? 'was' : 'were'} not used` : '',
      '.',
    ),
  );
  if (q.rated === 0) {
    blocks.push(p('Nothing to compare: rate conversations with ', { code: 'quality: true' }, ' in the plan, or one by one with ', { code: 'persona-talks measure SESSION --quality' }, '.'));
    return { id: 'quality', title: 'Dialogue quality', blocks };
  }
  blocks.push({
    kind: 'table',
    caption: "Median (mean) per arm: the supporter's empathy and relevance, the seeker's emotion intensity at the start and at the end (1 mild … 5 overwhelming), and how much it dropped",
    head: ['arm', 'rated', ...QUALITY_METRICS.map((m) => METRIC_SHORT[m])],
    rows: q.arms.map((a) => [clean(a.arm), int(a.n), ...QUALITY_METRICS.map((m) => summaryCell(a.metrics[m]))]),
    numeric: [false, true, ...QUALITY_METRICS.map(() => true)],
  });
  blocks.push({
    kind: 'table',
    caption: `Across arms: a rank test per rating, Holm-adjusted over the ${plural(q.family, 'test')} made`,
    head: ['rating', 'test', 'statistic', 'p', 'p (Holm)', 'effect size', ''],
    rows: q.tests.map((t) => [METRIC_LABEL[t.metric], ...testCells(t)]),
    numeric: [false, false, true, true, true, true, false],
  });
  blocks.push({ kind: 'figure', chart: 'quality', caption: 'Share of conversations given each score, per arm (darker = higher).' });
  blocks.push({
    kind: 'caveat',
    title: 'What this shows, and what it does not',
    items: [
      ["These are a model's ratings of a transcript, not the seekers' own survey answers as in ESConv: they tell how the judge model reads the conversations. A judge of the same family as the supporter may favour its own style."],
      ['The ratings are ordinal, so the arms are compared by ranks (Mann–Whitney for two arms, Kruskal–Wallis for more), which assume independent conversations. The rank-biserial r runs from −1 to 1 (positive: the first arm tends to be rated higher); ε² from 0 to 1.'],
      ['Many conversations share a score on a five-point scale; the tests correct for ties, but with few conversations a real difference can easily go undetected.'],
    ],
  });
  return { id: 'quality', title: 'Dialogue quality', blocks };
}
