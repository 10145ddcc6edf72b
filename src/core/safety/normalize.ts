/**
 * Text normalisation for the crisis check. The same function shapes what a
 * person typed and the words of the lexicon, so both meet in one form:
 *
 * - lower case; accents, full-width and other compatibility forms folded;
 * - apostrophes (straight or curly) inside a word dropped: "don't" → "dont";
 * - look-alike digits and symbols between letters read as letters: "k1ll" → "kill";
 *   a censoring "*" reads as "i", the letter people most often star out ("k*ll", "su*cide");
 * - runs of one letter squeezed to one: "sooo" → "so", "kill" → "kil",
 *   "diee" → "die", which also forgives doubled or dropped double letters;
 * - words separated by single spaces; clause punctuation (. , ; : ! ? …) and
 *   line breaks become a "." token so a phrase or a negation never reaches
 *   across a clause; every other symbol or emoji separates words.
 *
 * The result starts with a space and ends with " . " so every word, the first
 * included, is preceded by a space and every clause ends in a "." token.
 * `origin[i]` is the index in the input of the character that produced
 * `text[i]`, so a match can be quoted from what the person wrote.
 */
export interface NormalizedText {
  text: string;
  /** Empty unless asked for: most messages match nothing and never need it. */
  origin: number[];
}

const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '\u02bc', '`', '\u00b4', '\u2032']);
const CLAUSE_BREAKS = new Set(['.', ',', ';', ':', '!', '?', '\n', '\r', '\u2026', '(', ')', '"', '\u201c', '\u201d', '\u2014', '\u2013']);
/** Characters that vanish without separating words (zero-width joiners, soft hyphen, combining marks). */
const isInvisible = (code: number): boolean =>
  code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || (code >= 0x300 && code <= 0x36f);
/** Read as a letter only when standing between two letters ("su1c1de", "k!ll", "mys3lf"). */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i', '*': 'i' };

const isLetter = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';
const isWordChar = (c: string): boolean => isLetter(c) || (c >= '0' && c <= '9');

/** Lower-cases and folds one character to ASCII word characters, or returns '' when it has none. */
function fold(ch: string): string {
  const lower = ch.toLowerCase();
  if (lower.length === 1 && isWordChar(lower)) return lower;
  const folded = lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return /^[a-z0-9]+$/.test(folded) ? folded : '';
}

/** The ASCII letter a character reads as, or undefined. Cheap path for plain ASCII. */
function letterAt(input: string, i: number): string | undefined {
  const ch = input[i];
  if (ch === undefined) return undefined;
  const code = ch.charCodeAt(0);
  if (code < 128) {
    const lower = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
    return isLetter(lower) ? lower : undefined;
  }
  const folded = fold(ch);
  return folded.length > 0 && isLetter(folded[0]) ? folded : undefined;
}

export function normalize(input: string, options: { origin?: boolean } = {}): NormalizedText {
  let text = ' ';
  const origin: number[] = [];
  const track = options.origin === true;
  if (track) origin.push(0);
  let inWord = false; // the last character written is a word character
  let gap: 'none' | 'space' | 'clause' = 'none'; // what separates the next word from the last one
  let wroteWord = false;
  // The last character written. Reading it back from `text` would flatten the
  // string being built on every character: quadratic on a large paste.
  let last = ' ';

  const emit = (chars: string, at: number): void => {
    for (const c of chars) {
      if (!inWord && wroteWord) {
        if (gap === 'clause') {
          text += ' .';
          if (track) origin.push(at, at);
        }
        text += ' ';
        if (track) origin.push(at);
      }
      // Squeeze repeated letters inside a word ("sooo" → "so"); digits keep their count.
      if (inWord && isLetter(c) && last === c) continue;
      text += c;
      last = c;
      if (track) origin.push(at);
      inWord = true;
      wroteWord = true;
      gap = 'none';
    }
  };
  const betweenLetters = (i: number): boolean => inWord && isLetter(last) && letterAt(input, i + 1) !== undefined;
  const separate = (kind: 'space' | 'clause'): void => {
    inWord = false;
    if (kind === 'clause' || gap === 'none') gap = kind;
  };

  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    const code = ch.charCodeAt(0);
    if (code < 128) {
      const lower = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      if (isWordChar(lower)) {
        const asLetter = LOOK_ALIKES[lower];
        emit(asLetter !== undefined && betweenLetters(i) ? asLetter : lower, i);
        continue;
      }
      if (APOSTROPHES.has(ch)) {
        // "don't" → "dont"; a quote mark at a word's edge just separates.
        if (!(inWord && letterAt(input, i + 1))) separate('space');
        continue;
      }
      const asLetter = LOOK_ALIKES[ch];
      if (asLetter !== undefined && betweenLetters(i)) {
        emit(asLetter, i);
        continue;
      }
      separate(CLAUSE_BREAKS.has(ch) ? 'clause' : 'space');
      continue;
    }
    if (APOSTROPHES.has(ch)) {
      if (!(inWord && letterAt(input, i + 1))) separate('space');
      continue;
    }
    if (CLAUSE_BREAKS.has(ch)) {
      separate('clause');
      continue;
    }
    if (isInvisible(code)) continue;
    // A surrogate pair is one symbol: an emoji separates words, a styled letter (𝐤𝐢𝐥𝐥) folds to ASCII.
    if (code >= 0xd800 && code <= 0xdbff) {
      const folded = fold(input.slice(i, i + 2));
      if (folded) emit(folded, i);
      else separate('space');
      i++;
      continue;
    }
    const folded = fold(ch);
    if (folded) emit(folded, i);
    else separate('space');
  }
  const end = input.length;
  text += ' . ';
  if (track) origin.push(end, end, end);
  return { text, origin };
}
