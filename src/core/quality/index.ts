/** The dialogue-quality rating: a judge model rates a saved conversation on ESConv's survey dimensions. */
export { parseQualityAnswer, type ParsedQualityAnswer, type QualityScores } from './schema.js';
export { QUALITY_PROMPT, rateQuality, type QualityFailure, type QualityRating, type RateOptions } from './rate.js';
