import { describe, expect, it } from 'vitest';
import { describeScore, loadCorpus, scoreCorpus } from './corpus.js';

/**
 * The crisis check against phrases written for this project (corpus.yaml).
 * Recall is the share of crisis phrases that raise the banner; the
 * false-positive rate is the share of hard negatives (idioms, hyperbole,
 * denials, other topics) that raise it anyway.
 */
describe('crisis check on the corpus', () => {
  const corpus = loadCorpus('corpus.yaml');

  it('has at least 150 phrases, roughly half of each kind', () => {
    const positives = corpus.filter((e) => e.crisis).length;
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(positives / corpus.length).toBeGreaterThan(0.4);
    expect(positives / corpus.length).toBeLessThan(0.6);
    expect(new Set(corpus.map((e) => e.text)).size).toBe(corpus.length);
  });

  it('reaches recall >= 0.95 with false positives <= 0.05', () => {
    const score = scoreCorpus(corpus);
    console.log(describeScore('corpus', score));
    expect(score.recall, describeScore('corpus', score)).toBeGreaterThanOrEqual(0.95);
    expect(score.falsePositiveRate, describeScore('corpus', score)).toBeLessThanOrEqual(0.05);
  });
});
