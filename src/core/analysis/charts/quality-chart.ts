import type { TopLevelSpec } from 'vega-lite';
import type { ArmComparison } from '../rank-tests.js';
import { formatP } from '../report-text.js';
import { CHART_CONFIG, label, OUTLINE, SCHEMA } from './palette.js';

/**
 * Dialogue quality across arms: for each rating (empathy, relevance, change
 * in emotion intensity …) a 100% stacked bar per arm of how often each score
 * was given — the usual picture for ordinal ratings — in a sequential scheme
 * that runs light to dark, so it prints in greyscale. Each panel's title
 * carries its rank test and effect size when given.
 */

export interface QualityRating {
  arm: string;
  metric: string;
  value: number;
}

export interface QualityChartOptions {
  /** The rank test per metric (from compareArms), shown in the panel title. */
  tests?: Readonly<Record<string, ArmComparison>>;
  title?: string;
}

interface QualityRow {
  arm: string;
  panel: string;
  score: string;
  order: number;
  count: number;
  share: number;
}

/** "Mann–Whitney p = 0.012, r = 0.62" or the reason there is no test. */
export function testSummary(test: ArmComparison): string {
  if (!test.ok) return `no test: ${test.reason}`;
  if (test.test === 'mann-whitney') return `Mann–Whitney p ${formatP(test.pValue)}, rank-biserial r = ${test.rankBiserial.toFixed(2)}`;
  return `Kruskal–Wallis p ${formatP(test.pValue)}, ε² = ${test.epsilonSquared.toFixed(2)}`;
}

function scoreLabel(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** Counts per arm × metric × score: a few dozen rows however many conversations were rated. */
export function qualityRows(ratings: readonly QualityRating[], tests: QualityChartOptions['tests'] = {}): QualityRow[] {
  const counts = new Map<string, { arm: string; metric: string; value: number; count: number }>();
  const totals = new Map<string, number>();
  ratings.forEach((r, i) => {
    if (!Number.isFinite(r.value)) throw new RangeError(`rating ${i} (${r.arm}, ${r.metric}) is not a finite number`);
    const key = JSON.stringify([r.arm, r.metric, r.value]);
    const entry = counts.get(key) ?? { arm: r.arm, metric: r.metric, value: r.value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
    const total = JSON.stringify([r.arm, r.metric]);
    totals.set(total, (totals.get(total) ?? 0) + 1);
  });
  return [...counts.values()]
    .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.arm < b.arm ? -1 : a.arm > b.arm ? 1 : a.value - b.value))
    .map((e) => {
      const test = tests[e.metric];
      return {
        arm: label(e.arm),
        panel: label(test ? `${e.metric} — ${testSummary(test)}` : e.metric),
        score: scoreLabel(e.value),
        order: e.value,
        count: e.count,
        share: e.count / (totals.get(JSON.stringify([e.arm, e.metric])) as number),
      };
    });
}

export function qualityChartSpec(ratings: readonly QualityRating[], options: QualityChartOptions = {}): TopLevelSpec {
  const rows = qualityRows(ratings, options.tests);
  const scores = [...new Set(rows.map((r) => r.order))].sort((a, b) => a - b).map(scoreLabel);
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? 'Dialogue quality per arm', subtitle: 'Share of conversations given each score; darker = higher score.' },
    config: CHART_CONFIG,
    data: { values: rows },
    facet: { row: { field: 'panel', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontSize: 12, labelLimit: 640 } } },
    spec: {
      width: 420,
      height: { step: 22 },
      mark: { type: 'bar', stroke: OUTLINE, strokeWidth: 0.5 },
      encoding: {
        y: { field: 'arm', type: 'nominal', title: null, axis: { labelLimit: 300 } },
        x: { field: 'share', type: 'quantitative', stack: 'normalize', title: 'share of conversations', axis: { format: '.0%' } },
        color: { field: 'score', type: 'ordinal', title: 'score', sort: scores, scale: { scheme: 'greys', domain: scores } },
        order: { field: 'order', type: 'quantitative' },
        tooltip: [
          { field: 'arm', type: 'nominal' },
          { field: 'score', type: 'ordinal' },
          { field: 'count', type: 'quantitative' },
          { field: 'share', type: 'quantitative', format: '.0%' },
        ],
      },
    },
    resolve: { scale: { color: 'shared' } },
  };
}
