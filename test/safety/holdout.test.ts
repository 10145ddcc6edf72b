import { describe, expect, it } from 'vitest';
import { describeScore, loadCorpus, scoreCorpus } from './corpus.js';

/**
 * Phrases written before the lexicon and never used to tune it: the figures
 * say how well the lexicon generalises. They are printed, not held to the
 * corpus bar; the floor below only catches a lexicon that got much worse.
 */
describe('crisis check on the hold-out phrases', () => {
  it('reports recall and false positives, above a regression floor', () => {
    const score = scoreCorpus(loadCorpus('corpus-holdout.yaml'));
    console.log(describeScore('hold-out', score));
    expect(score.positives + score.negatives).toBeGreaterThanOrEqual(80);
    expect(score.recall, describeScore('hold-out', score)).toBeGreaterThanOrEqual(0.6);
    expect(score.falsePositiveRate, describeScore('hold-out', score)).toBeLessThanOrEqual(0.15);
  });
});
