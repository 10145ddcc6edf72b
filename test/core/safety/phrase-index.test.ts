import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/core/safety/normalize.js';
import { LexiconError, PhraseCompiler } from '../../../src/core/safety/phrase.js';
import { PhraseIndex } from '../../../src/core/safety/phrase-index.js';

const compiler = new PhraseCompiler({ families: { pill: ['pills', 'tablets'] }, gapStoppers: ['not'] });

/** Every match the index reports, as [group, words matched]. */
function matchesOf(index: PhraseIndex, input: string, skip: (group: number) => boolean = () => false): [number, string][] {
  const { text } = normalize(input);
  const found: [number, string][] = [];
  index.scan(text, skip, (group, start, end) => {
    found.push([group, text.slice(start, end)]);
    return true;
  });
  return found;
}

describe('PhraseIndex', () => {
  const index = new PhraseIndex(compiler, [
    { phrases: ['took all my {pill}', '[i] want to die', '## {pill}'], where: 'a' },
    { phrases: ['suicid*', 'want to go'], where: 'b' },
  ]);

  it('reports every match, overlapping ones too, in text order, with its group', () => {
    expect(matchesOf(index, 'I want to die. I took all my tablets, 20 pills. Suicidal and I want to go')).toEqual([
      [0, 'i want to die'],
      [0, 'want to die'],
      [0, 'tok al my tablets'],
      [0, '20 pils'],
      [1, 'suicidal'],
      [1, 'want to go'],
    ]);
  });

  it('phrases sharing a first word report the longest match behind it', () => {
    const shared = new PhraseIndex(compiler, [{ phrases: ['live', 'live in this world'], where: 'e' }]);
    expect(matchesOf(shared, 'I do not want to live in this world')).toEqual([[0, 'live in this world']]);
  });

  it('tries a word against every group that has a phrase starting with it', () => {
    expect(matchesOf(index, 'want to die or want to go')).toEqual([
      [0, 'want to die'],
      [1, 'want to go'],
    ]);
  });

  it('skips the groups the caller rules out, and stops when asked', () => {
    expect(matchesOf(index, 'I want to die, suicidal', (group) => group === 0)).toEqual([[1, 'suicidal']]);
    const { text } = normalize('suicidal and suicide');
    let calls = 0;
    index.scan(
      text,
      () => false,
      () => ++calls > 0,
      () => true,
    );
    expect(calls).toBe(1);
  });

  it('when the first phrase matching at a word does not count, tries the others there one by one', () => {
    // Different heads, so the combined expression tries them in the lexicon's order.
    const shortFirst = new PhraseIndex(compiler, [{ phrases: ['live', '(live | exist) in this world'], where: 'd' }]);
    const { text } = normalize('I do not want to live in this world');
    const seen: string[] = [];
    shortFirst.scan(
      text,
      () => false,
      (_group, start, end) => {
        seen.push(text.slice(start, end));
        return end - start > 'live'.length; // the short match is turned down, as an idiom would
      },
    );
    expect(seen).toEqual(['live', 'live in this world']);
  });

  it('refuses a phrase that could start with any word, and a prefix too short to index', () => {
    expect(() => new PhraseIndex(compiler, [{ phrases: ['... die'], where: 'c' }])).toThrow(LexiconError);
    expect(() => new PhraseIndex(compiler, [{ phrases: ['d* die'], where: 'c' }])).toThrow('too short a prefix');
  });
});
