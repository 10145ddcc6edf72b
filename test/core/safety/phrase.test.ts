import { describe, expect, it } from 'vitest';
import { LexiconError, PhraseCompiler } from '../../../src/core/safety/phrase.js';
import { normalize } from '../../../src/core/safety/normalize.js';

const compiler = new PhraseCompiler({
  families: { self: ['myself', 'my self'], loop: ['{loop}'], pill: ['pill*', 'meds'] },
  spellings: { about: ['bout', 'abt'] },
  gapStoppers: ['not', 'never'],
});
const matches = (phrase: string, text: string): boolean =>
  new RegExp(`(?:${compiler.compile(phrase, 'test')})(?= )`).test(normalize(text).text);

describe('phrase syntax', () => {
  it('matches whole words after normalisation', () => {
    expect(matches("don't kill {self}", 'I dont kil my self')).toBe(true);
    expect(matches('kill {self}', 'skill myself')).toBe(false);
  });

  it('supports alternatives, optional parts, prefixes, gaps, numbers and clause ends', () => {
    expect(matches('(want | wish) to die', 'I wish to die')).toBe(true);
    expect(matches('want [really] to die', 'want to die')).toBe(true);
    expect(matches('suicid*', 'feeling suicidal')).toBe(true);
    expect(matches('took ... {pill}', 'took all of my pills')).toBe(true);
    expect(matches('took ... {pill}', 'took one two three four pills')).toBe(false);
    expect(matches('took ## {pill}', 'took 20 pills')).toBe(true);
    expect(matches('took ## {pill}', 'took 2 pills')).toBe(false);
    expect(matches('took # {pill}', 'took 2 pills')).toBe(true);
    expect(matches('want to cut $', 'I want to cut.')).toBe(true);
    expect(matches('want to cut $', 'I want to cut my hair')).toBe(false);
  });

  it('a long gap reaches up to twelve words, across clause breaks, never across a negation', () => {
    expect(matches('letter ~ my will', 'I wrote a letter for my kids, and put it in the drawer with my will')).toBe(true);
    expect(matches('letter ~ my will', 'letter one two three four five six seven eight nine ten eleven twelve thirteen my will')).toBe(false);
    expect(matches('letter ~ my will', 'a letter but not my will')).toBe(false);
  });

  it('reads a word in any of its chat spellings', () => {
    expect(matches('thinking about ending it', 'thinking bout ending it')).toBe(true);
    expect(matches('thinking about ending it', 'thinkin abt ending it')).toBe(false);
    expect(matches('about*', 'bouts')).toBe(false);
  });

  it('knows the words a phrase can start with, through optional parts and families', () => {
    const starts = compiler.compileWithStarts('[really | so] (want | {pill}) to die', 'test').starts;
    expect([...starts.words].sort()).toEqual(['meds', 'realy', 'so', 'want']);
    expect([...starts.prefixes]).toEqual(['pil']);
    expect(starts.numbers).toBe(false);
    expect(compiler.compileWithStarts('# pills', 'test').starts.numbers).toBe(true);
    expect(compiler.compileWithStarts('... die', 'test').starts.any).toBe(true);
    expect([...compiler.compileWithStarts('about it', 'test').starts.words].sort()).toEqual(['about', 'abt', 'bout']);
  });

  it('keeps a gap from crossing a negation or a clause break', () => {
    expect(matches('i ... hurt {self}', 'i never hurt myself')).toBe(false);
    expect(matches('i ... hurt {self}', 'i. hurt myself')).toBe(false);
    expect(matches('i ... hurt {self}', 'i sometimes hurt myself')).toBe(true);
  });

  it.each([
    ['reasons? to live', 'unexpected "?"'],
    ['(want | wish to die', '"(" without a matching ")"'],
    ['want to die)', 'unexpected ")"'],
    ['{nope} to die', 'unknown word family {nope}'],
    ['{loop}', 'refers to itself'],
    ['(want | ) to die', 'an alternative is empty'],
    ['[really] ...', 'needs at least one word'],
    ['$ die', 'cannot start with "$"'],
    ['want * die', '"*" must follow a word'],
    ['want ? die', 'unexpected "?"'],
  ])('rejects "%s" with an error naming the phrase', (phrase, why) => {
    expect(() => compiler.compile(phrase, 'ideation')).toThrow(LexiconError);
    expect(() => compiler.compile(phrase, 'ideation')).toThrow(why);
    expect(() => compiler.compile(phrase, 'ideation')).toThrow(`crisis lexicon, `);
  });
});
