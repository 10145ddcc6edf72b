/**
 * Chart specifications (Vega-Lite, pure: results in, spec out) and one
 * headless SVG renderer. Kept apart from the statistics index so that code
 * which only needs numbers does not load Vega.
 */
export { correlationHeatmapSpec, heatmapRows, type HeatmapOptions } from './correlation-heatmap.js';
export { ARM_COLOURS, armColours, dimensionLabel, relativeLuminance, REFERENCE_FILL } from './palette.js';
export { qualityChartSpec, qualityRows, testSummary, type QualityChartOptions, type QualityRating } from './quality-chart.js';
export { renderSvg, renumberIds, type RenderOptions } from './render-svg.js';
export { strategyMixChartSpec, strategyMixRows, type StrategyMixChartOptions } from './strategy-mix-chart.js';
export { traitShiftChartSpec, traitShiftRows, type TraitShiftChartOptions } from './trait-shift-chart.js';
