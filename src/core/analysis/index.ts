/** Pure statistics for reports: strategy mixes, chi-square tests, trait shift, label agreement, correlations, rank tests. */
export { agreement, cohenKappa, type Agreement } from './agreement.js';
export { bootstrapClusteredMean, bootstrapMean, quantileSorted, seedFor, type BootstrapInterval, type BootstrapOptions, type Cluster } from './bootstrap.js';
export { chiSquareTest, goodnessOfFit, type ChiSquareResult } from './chi-square.js';
export { notComputable, type Computed, type Interval, type NotComputable } from './computable.js';
export { contingencyTest, type ContingencyCell, type ContingencyTest } from './contingency.js';
export { fisherInterval, pearson, spearman, type Correlation, type CorrelationMethod, type CorrelationOptions, type CorrelationResult } from './correlation.js';
export { predictedCells, traitCorrelationMatrix, type CorrelationCell, type PersonaTraits, type PredictedPair, type SignCheck, type TraitCorrelationMatrix } from './correlation-matrix.js';
export { standardNormalQuantile, twoSidedNormalPValue, twoSidedTPValue } from './distributions.js';
export { jensenShannon, type JensenShannon } from './divergence.js';
export { chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma.js';
export { holmAdjust } from './holm.js';
export { compareArms, kruskalWallis, mannWhitney, type ArmComparison, type ArmValues, type KruskalWallis, type MannWhitney, type RankTestOptions } from './rank-tests.js';
export { averageRanks, type Ranking } from './ranks.js';
export {
  compareStrategies,
  fitToReference,
  REFERENCE_ARM,
  referenceShares,
  strategyIndependence,
  strategyMix,
  type ArmCounts,
  type ReferenceFit,
  type StrategyComparison,
  type StrategyMix,
} from './strategy-comparison.js';
export { strategyCounts, strategyDistribution, strategyRow, type StrategyCounts } from './strategy-distribution.js';
export { describe, type Summary } from './summary.js';
export {
  personaFidelity,
  traitShiftByGroup,
  type FidelityOptions,
  type FidelityRow,
  type FidelityTable,
  type ShiftCell,
  type ShiftOptions,
  type TraitObservation,
} from './trait-fidelity.js';
export {
  meanAbsoluteDifference,
  traitShift,
  traitShiftSummary,
  type DimensionShift,
  type TargetMeasured,
} from './trait-shift.js';
