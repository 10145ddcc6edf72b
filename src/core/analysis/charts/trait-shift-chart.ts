import type { TopLevelSpec } from 'vega-lite';
import type { ShiftCell } from '../trait-fidelity.js';
import { armColours, CHART_CONFIG, dimensionLabel, label, OUTLINE, SCHEMA } from './palette.js';

/**
 * RQ2 bars: mean absolute difference between target and measured traits per
 * dimension, one bar per arm, with the bootstrap 95% interval as an error bar;
 * optionally one panel per value of a factor (e.g. role).
 */

export interface TraitShiftChartOptions {
  /** Factors whose values name an arm (joined with " · "), e.g. ['condition'] or ['model']. */
  armBy: readonly string[];
  /** A factor to draw one panel per value of, e.g. 'role'. */
  panelBy?: string;
  title?: string;
}

type LayerChart = Extract<TopLevelSpec, { layer: unknown }>;

interface ShiftRow {
  dimension: string;
  arm: string;
  panel: string;
  mad: number;
  n: number;
  lower?: number;
  upper?: number;
}

function factor(cell: ShiftCell, key: string): string {
  const value = cell.group[key];
  if (value === undefined) throw new RangeError(`trait-shift cell has no factor "${key}" (grouped by ${Object.keys(cell.group).join(', ')})`);
  return label(value);
}

export function traitShiftRows(cells: readonly ShiftCell[], options: TraitShiftChartOptions): ShiftRow[] {
  return cells.map((cell) => ({
    dimension: dimensionLabel(cell.dimension),
    arm: options.armBy.map((k) => factor(cell, k)).join(' · '),
    panel: options.panelBy ? factor(cell, options.panelBy) : '',
    mad: cell.meanAbsoluteDifference,
    n: cell.n,
    ...(cell.ci.ok ? { lower: cell.ci.lower, upper: cell.ci.upper } : {}),
  }));
}

export function traitShiftChartSpec(cells: readonly ShiftCell[], options: TraitShiftChartOptions): TopLevelSpec {
  const rows = traitShiftRows(cells, options);
  const arms = [...new Set(rows.map((r) => r.arm))];
  const dimensions = [...new Set(rows.map((r) => r.dimension))];
  const y = { field: 'dimension', type: 'nominal', title: null, sort: dimensions, axis: { labelLimit: 0 } } as const;
  const yOffset = { field: 'arm', type: 'nominal', sort: arms } as const;
  const layered: Pick<LayerChart, 'width' | 'height' | 'layer'> = {
    width: 320,
    // With an offset channel the step sizes each bar, not each category.
    height: { step: 12 },
    layer: [
      {
        mark: { type: 'bar', stroke: OUTLINE, strokeWidth: 0.5 },
        encoding: {
          y,
          yOffset,
          x: { field: 'mad', type: 'quantitative', title: 'mean |measured − target| (1–5 scale)', scale: { domainMin: 0 } },
          color: { field: 'arm', type: 'nominal', title: options.armBy.join(' · '), sort: arms, scale: { domain: arms, range: armColours(arms.length) } },
          tooltip: [
            { field: 'arm', type: 'nominal' },
            { field: 'dimension', type: 'nominal' },
            { field: 'mad', type: 'quantitative', format: '.2f' },
            { field: 'n', type: 'quantitative' },
          ],
        },
      },
      // A white halo under a black line: the interval reads over the darkest bar and on white alike.
      {
        transform: [{ filter: 'isValid(datum.lower)' }],
        mark: { type: 'rule', color: '#ffffff', strokeWidth: 3.5 },
        encoding: { y, yOffset, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
      {
        transform: [{ filter: 'isValid(datum.lower)' }],
        mark: { type: 'rule', color: '#000000', strokeWidth: 1.3 },
        encoding: { y, yOffset, x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
    ],
  };
  const title = {
    text: options.title ?? 'Trait shift per dimension',
    subtitle: 'Bars: mean absolute difference between target and measured traits; lines: bootstrap 95% interval over conversations.',
  };
  if (options.panelBy) {
    return { $schema: SCHEMA, title, config: CHART_CONFIG, data: { values: rows }, facet: { column: { field: 'panel', type: 'nominal', title: options.panelBy } }, spec: layered };
  }
  return { $schema: SCHEMA, title, config: CHART_CONFIG, data: { values: rows }, ...layered };
}
