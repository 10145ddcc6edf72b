import type { TopLevelSpec } from 'vega-lite';
import { STRATEGIES, type Strategy } from '../../strategies.js';
import type { StrategyMix } from '../strategy-comparison.js';
import { armColours, CHART_CONFIG, label, OUTLINE, REFERENCE_FILL, SCHEMA } from './palette.js';

/**
 * RQ3 bars: the share of each ESConv strategy per arm, with the human
 * reference row as one more, outlined white bar beside them.
 */

export interface StrategyMixChartOptions {
  reference?: { label: string; shares: Readonly<Record<Strategy, number>> };
  title?: string;
}

interface MixRow {
  strategy: Strategy;
  arm: string;
  share: number;
  n: number;
}

export function strategyMixRows(mix: readonly StrategyMix[], reference?: StrategyMixChartOptions['reference']): MixRow[] {
  const rows = mix.flatMap((m) => STRATEGIES.map((s) => ({ strategy: s, arm: label(`${m.arm} (n = ${m.n})`), share: m.shares[s], n: m.n })));
  if (reference) rows.push(...STRATEGIES.map((s) => ({ strategy: s, arm: label(reference.label), share: reference.shares[s], n: 0 })));
  return rows;
}

export function strategyMixChartSpec(mix: readonly StrategyMix[], options: StrategyMixChartOptions = {}): TopLevelSpec {
  const rows = strategyMixRows(mix, options.reference);
  const arms = [...new Set(rows.map((r) => r.arm))];
  const colours = armColours(mix.length);
  if (options.reference) colours.push(REFERENCE_FILL);
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? 'Support strategies per arm', subtitle: 'Share of labelled supporter turns using each ESConv strategy.' },
    config: CHART_CONFIG,
    data: { values: rows },
    width: 360,
    // With an offset channel the step sizes each bar, not each category.
    height: { step: 12 },
    mark: { type: 'bar', stroke: OUTLINE, strokeWidth: 0.6 },
    encoding: {
      y: { field: 'strategy', type: 'nominal', title: null, sort: [...STRATEGIES], axis: { labelLimit: 0 } },
      yOffset: { field: 'arm', type: 'nominal', sort: arms },
      x: { field: 'share', type: 'quantitative', title: 'share of supporter turns', axis: { format: '.0%' }, scale: { domainMin: 0 } },
      color: { field: 'arm', type: 'nominal', title: null, sort: arms, scale: { domain: arms, range: colours }, legend: { orient: 'bottom', columns: 1 } },
      tooltip: [
        { field: 'arm', type: 'nominal' },
        { field: 'strategy', type: 'nominal' },
        { field: 'share', type: 'quantitative', format: '.1%' },
      ],
    },
  };
}
