/** `doctor`'s public surface: the CLI command and the TUI ("check this model") both use these. */
export { runDoctor, MIN_CONTEXT, SLOW_TOKENS_PER_SECOND, type DoctorOptions } from './run-doctor.js';
export { doctorReportLines } from './report-text.js';
export { probeContextLength, serverRoot, type ContextLength } from './context-length.js';
export type { CheckId, CheckStatus, DoctorCheck, DoctorMeasurements, DoctorReport, QuirkFound, Recommendation, Verdict } from './types.js';
