import { describe, expect, it } from 'vitest';
import { describeScore, loadCorpus, scoreCorpus } from './corpus.js';

/**
 * Phrases written by a second engineer before reading the lexicon (see the
 * header of corpus-independent.yaml). Printed so the generalisation figure
 * stays visible.
 */
describe('crisis check on the independent phrases', () => {
  const corpus = loadCorpus('corpus-independent.yaml');

  it('has at least 200 distinct phrases, both kinds well represented', () => {
    const positives = corpus.filter((e) => e.crisis).length;
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(positives / corpus.length).toBeGreaterThan(0.4);
    expect(positives / corpus.length).toBeLessThan(0.6);
    expect(new Set(corpus.map((e) => e.text)).size).toBe(corpus.length);
  });

  it('reports recall and false positives', () => {
    const score = scoreCorpus(corpus);
    console.log(describeScore('independent', score));
    expect(score.positives).toBeGreaterThan(0);
  });
});
