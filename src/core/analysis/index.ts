/** Pure statistics for reports: strategy mixes, chi-square tests, trait shift, label agreement. */
export { agreement, type Agreement } from './agreement.js';
export { chiSquareTest, goodnessOfFit, type ChiSquareResult } from './chi-square.js';
export { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma.js';
export { strategyCounts, strategyDistribution, strategyRow, type StrategyCounts } from './strategy-distribution.js';
export {
  meanAbsoluteDifference,
  traitShift,
  traitShiftSummary,
  type DimensionShift,
  type TargetMeasured,
} from './trait-shift.js';
