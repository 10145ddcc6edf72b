import type { TopLevelSpec } from 'vega-lite';
import { correlationHeatmapSpec } from '../analysis/charts/correlation-heatmap.js';
import { qualityChartSpec, type QualityRating } from '../analysis/charts/quality-chart.js';
import { renderSvg } from '../analysis/charts/render-svg.js';
import { strategyMixChartSpec } from '../analysis/charts/strategy-mix-chart.js';
import { traitShiftChartSpec } from '../analysis/charts/trait-shift-chart.js';
import type { ArmComparison } from '../analysis/rank-tests.js';
import { QUALITY_METRICS } from './aggregate.js';
import { FACTOR_LABEL, METRIC_SHORT } from './format.js';
import type { ExperimentReport } from './report.js';

/**
 * The report's charts: Vega-Lite specifications from src/core/analysis/charts
 * (data inline, so they re-plot anywhere), rendered to SVG offline. A chart
 * with nothing to draw is left out and the report says why in its section.
 */

export interface ChartSpec {
  /** File name stem and element id: "rq1-pearson". */
  id: string;
  title: string;
  spec: TopLevelSpec;
}

export interface RenderedChart extends ChartSpec {
  svg: string;
}

export function reportChartSpecs(report: ExperimentReport): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const { matrix } = report.rq1;
  if (matrix.ok) {
    charts.push({ id: 'rq1-pearson', title: 'HEXACO × CSI correlations (Pearson)', spec: correlationHeatmapSpec(matrix.matrix, { method: 'pearson' }) });
    charts.push({ id: 'rq1-spearman', title: 'HEXACO × CSI correlations (Spearman)', spec: correlationHeatmapSpec(matrix.matrix, { method: 'spearman' }) });
  }
  if (report.rq2.shift.ok) {
    const armBy = report.rq2.groupBy.filter((f) => f !== 'role');
    charts.push({
      id: 'rq2-trait-shift',
      title: 'Trait shift per dimension',
      spec: traitShiftChartSpec(report.rq2.shift.cells, { armBy, panelBy: 'role', title: `Trait shift per dimension, by ${armBy.map((f) => FACTOR_LABEL[f as keyof typeof FACTOR_LABEL] ?? f).join(' · ')}` }),
    });
  }
  for (const c of report.rq3.comparisons) {
    charts.push({
      id: `rq3-${c.factor}`,
      title: `Support strategies per ${FACTOR_LABEL[c.factor]}`,
      spec: strategyMixChartSpec(c.mix, { reference: report.rq3.reference, title: `Support strategies per ${FACTOR_LABEL[c.factor]}` }),
    });
  }
  if (report.quality.rated > 0) {
    const ratings: QualityRating[] = [];
    for (const arm of report.quality.arms) {
      for (const metric of QUALITY_METRICS) {
        for (const [score, count] of Object.entries(arm.scores[metric])) {
          for (let i = 0; i < count; i++) ratings.push({ arm: arm.arm, metric: METRIC_SHORT[metric], value: Number(score) });
        }
      }
    }
    const tests: Record<string, ArmComparison> = Object.fromEntries(report.quality.tests.map((t) => [METRIC_SHORT[t.metric], t.test]));
    charts.push({ id: 'quality', title: 'Dialogue quality per arm', spec: qualityChartSpec(ratings, { tests, title: 'Dialogue quality per arm (judge ratings, 1–5)' }) });
  }
  return charts;
}

/** Every chart rendered to SVG, one at a time, each with its own id prefix so they can share a page. */
export async function renderReportCharts(specs: readonly ChartSpec[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const chart of specs) out.push({ ...chart, svg: await renderSvg(chart.spec, { idPrefix: chart.id }) });
  return out;
}
