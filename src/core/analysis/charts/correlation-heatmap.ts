import type { TopLevelSpec } from 'vega-lite';
import { CSI_NAMES, HEXACO_NAMES } from '../../traits/dimensions.js';
import type { CorrelationMethod } from '../correlation.js';
import type { TraitCorrelationMatrix } from '../correlation-matrix.js';
import { CHART_CONFIG, NOT_COMPUTABLE_FILL, OUTLINE, SCHEMA } from './palette.js';

/**
 * RQ1 heatmap: HEXACO rows × CSI columns, coloured by the coefficient on a
 * diverging scale, each cell printing its value (so sign and size survive a
 * greyscale print). The six pairs psychology predicts get a heavy outline —
 * solid where the observed sign agrees, dashed where it does not — and their
 * expected sign in the corner.
 */

export interface HeatmapOptions {
  method?: CorrelationMethod;
  title?: string;
}

interface HeatmapRow {
  hexaco: string;
  csi: string;
  computable: boolean;
  coefficient?: number;
  text: string;
  /** White text on the darkest cells. */
  dark: boolean;
  predicted: boolean;
  expected: string;
  agrees: boolean;
}

function stars(p: number): string {
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

function signed(value: number): string {
  // A real minus sign, and no "-0.00".
  const fixed = value.toFixed(2);
  return fixed === '-0.00' ? '0.00' : fixed.replace('-', '−');
}

export function heatmapRows(matrix: TraitCorrelationMatrix, method: CorrelationMethod): HeatmapRow[] {
  return matrix.cells.map((cell) => {
    const result = cell[method];
    const check = cell.predicted?.[method];
    return {
      hexaco: HEXACO_NAMES[cell.hexaco],
      csi: CSI_NAMES[cell.csi],
      computable: result.ok,
      ...(result.ok ? { coefficient: result.coefficient } : {}),
      text: result.ok ? `${signed(result.coefficient)}${stars(result.pValue)}` : 'n/a',
      dark: result.ok && Math.abs(result.coefficient) >= 0.6,
      predicted: cell.predicted !== undefined,
      expected: cell.predicted ? `exp. ${cell.predicted.expectedSign > 0 ? '+' : '−'}` : '',
      agrees: check?.ok === true && check.agrees,
    };
  });
}

export function correlationHeatmapSpec(matrix: TraitCorrelationMatrix, options: HeatmapOptions = {}): TopLevelSpec {
  const method = options.method ?? 'pearson';
  const name = method === 'pearson' ? 'Pearson r' : 'Spearman ρ';
  const x = { field: 'csi', type: 'nominal', title: 'CSI (communication style)', sort: matrix.csiKeys.map((k) => CSI_NAMES[k]), axis: { labelAngle: -30, labelLimit: 0 } } as const;
  const y = { field: 'hexaco', type: 'nominal', title: 'HEXACO (personality)', sort: matrix.hexacoKeys.map((k) => HEXACO_NAMES[k]), axis: { labelLimit: 0 } } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: options.title ?? `HEXACO × CSI correlations (${name}) over ${matrix.personas} personas`,
      subtitle: ['Outlined: the six pairs psychology predicts (solid = observed sign agrees, dashed = it does not).', '* p < 0.05, ** p < 0.01, *** p < 0.001 (two-sided, uncorrected); n/a = not computable.'],
    },
    config: CHART_CONFIG,
    data: { values: heatmapRows(matrix, method) },
    width: 6 * 82,
    height: 6 * 46,
    encoding: { x, y },
    layer: [
      { mark: { type: 'rect', fill: NOT_COMPUTABLE_FILL, stroke: 'white', strokeWidth: 1 } },
      {
        transform: [{ filter: 'datum.computable' }],
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: { field: 'coefficient', type: 'quantitative', title: name, scale: { scheme: 'blueorange', domain: [-1, 1] }, legend: { direction: 'vertical', gradientLength: 180 } },
        },
      },
      { transform: [{ filter: 'datum.predicted && datum.agrees' }], mark: { type: 'rect', fill: null, stroke: OUTLINE, strokeWidth: 3 } },
      { transform: [{ filter: 'datum.predicted && !datum.agrees' }], mark: { type: 'rect', fill: null, stroke: OUTLINE, strokeWidth: 3, strokeDash: [6, 4] } },
      {
        mark: { type: 'text', fontSize: 12, fontWeight: 'bold' },
        encoding: { text: { field: 'text', type: 'nominal' }, color: { condition: { test: 'datum.dark', value: 'white' }, value: 'black' } },
      },
      {
        transform: [{ filter: 'datum.predicted' }],
        mark: { type: 'text', fontSize: 9, dy: -14, dx: 22 },
        encoding: { text: { field: 'expected', type: 'nominal' }, color: { condition: { test: 'datum.dark', value: 'white' }, value: 'black' } },
      },
    ],
  };
}
