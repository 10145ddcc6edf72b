import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../../src/core/safety.js';
import { normalize } from '../../../src/core/safety/normalize.js';

describe('normalize', () => {
  it('lower-cases, joins contractions, squeezes repeated letters and marks clause breaks', () => {
    expect(normalize('Don\u2019t   STOP!! sooo-good, k1ll 100 pills.').text).toBe(' dont stop . so god . kil 100 pils . ');
  });

  it('maps every character back to the input when asked', () => {
    const input = 'I’m  OK';
    const { text, origin } = normalize(input, { origin: true });
    expect(text).toBe(' im ok . ');
    expect(origin).toHaveLength(text.length);
    expect(input[origin[text.indexOf('ok')]!]).toBe('O');
  });

  it('folds accents, full-width and styled letters; drops zero-width characters; emoji separate words', () => {
    expect(normalize('Caf\u00e9 \uff2b\uff29\uff2c\uff2c').text).toBe(' cafe kil . ');
    expect(normalize('\ud835\uddf8\ud835\uddf6\ud835\uddf9\ud835\uddf9').text).toBe(' kil . ');
    expect(normalize('ki\u200bll\u00adme').text).toBe(' kilme . ');
    expect(normalize('sad\ud83d\ude22day').text).toBe(' sad day . ');
  });

  it('reads look-alike digits as letters only between letters', () => {
    expect(normalize('su1c1de at 10 or 2day').text).toBe(' suicide at 10 or 2day . ');
  });

  it('reads a censoring star between letters as "i", and as a separator elsewhere', () => {
    expect(normalize('k*ll su*cide *so* tired').text).toBe(' kil suicide so tired . ');
  });
});

describe('robust matching', () => {
  it.each([
    ['case', 'I WANT TO KILL MYSELF'],
    ['curly apostrophes', 'I don\u2019t want to live anymore'],
    ['repeated letters', 'i wanna dieeeee sooo bad'],
    ['stretched words', 'kiiiill myselfff'],
    ['misspelled "myself"', 'i want to kill myslef'],
    ['misspelled "suicide"', 'thinking about sucide'],
    ['misspelled "suicidal"', 'i feel suicidle again'],
    ['a censored word', 'i want to k*ll myself'],
    ['chat spellings', 'ngl been thinkin bout ending it'],
    ['second-language English', 'i want die, i cannot continue this life'],
    ['missing apostrophes', 'im going to kill myself'],
    ['look-alike digits', 'k1ll mys3lf'],
    ['styled letters', '\ud835\uddf8\ud835\uddf6\ud835\uddf9\ud835\uddf9 \ud835\uddfa\ud835\ude06\ud835\ude00\ud835\uddf2\ud835\uddf9\ud835\uddf3'],
    ['hyphens', 'I relapsed on self-harm'],
    ['"kms"', 'ugh kms'],
    ['"kys" said of oneself', 'i might just kys'],
    ['"unalive"', 'i want to unalive myself'],
    ['"sewerslide"', 'thinking about sewerslide'],
    ['"sh" for self-harm', 'I relapsed with sh last night'],
    ['not wanting to wake up', "I've been not wanting to wake up"],
    ['better off without me', 'everyone would be better off without me'],
    ['saving pills', "I've been saving up my pills"],
    ['goodbye letters', 'I wrote letters to say goodbye'],
    ['abuse when drinking', 'he hits me when he drinks'],
  ])('%s: "%s"', (_what, text) => {
    expect(detectCrisis(text).matched).toBe(true);
  });

  it.each([
    ['"kys" said to someone else', 'lol kys'],
    ['"shh"', 'shhh the baby is asleep'],
    ['kilometres', 'I ran 10 kms'],
  ])('%s is not crisis language: "%s"', (_what, text) => {
    expect(detectCrisis(text).matched).toBe(false);
  });
});
