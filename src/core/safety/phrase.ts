import { normalize } from './normalize.js';

/**
 * The lexicon's phrase syntax, compiled to regular-expression source that runs
 * on normalised text (see normalize.ts). Kept small on purpose so a reviewer
 * who does not program can read and extend the lexicon:
 *
 *   words          matched as whole words, after the same normalisation as the
 *                  text ("don't" = "dont", "kill" = "kil", "self-harm" = "self harm")
 *   word*          any word starting with "word" ("suicid*": suicide, suicidal)
 *   (a | b c)      one of the alternatives
 *   [a | b]        optionally one of them
 *   {family}       any entry of a word family ("{self}": myself, my self, myslef…)
 *   ...            up to three other words of the same clause, none a negation
 *   ~              up to twelve other words, across clause breaks, none a negation:
 *                  two signals that only count together ("a letter for my kids ~ my will")
 *   #              any number;  ##  a number of ten or more
 *   $              the clause ends here
 *
 * Every compiled piece begins with the space that precedes its first word, so
 * pieces concatenate without separators and a match starts at a word boundary.
 */

export class LexiconError extends Error {
  override name = 'LexiconError';
}

export interface PhraseContext {
  families: Readonly<Record<string, readonly string[]>>;
  /**
   * Chat spellings of single words ("bout", "abt" for "about"): wherever a
   * phrase has the word, the text may have any of them. Saves writing
   * "(about | bout | abt)" in every phrase.
   */
  spellings?: Readonly<Record<string, readonly string[]>>;
  /** Words a `...` gap may not cross, so "I don't self harm" never reads as "I … self harm". */
  gapStoppers: readonly string[];
}

type Token =
  | { kind: 'open' | 'close' | 'optOpen' | 'optClose' | 'bar' | 'gap' | 'longGap' | 'end' | 'number' | 'bigNumber' }
  | { kind: 'family'; name: string }
  | { kind: 'word'; word: string; prefix: boolean };

const WORD_SOURCE = '[a-z0-9]+';

function tokenize(phrase: string, fail: (why: string) => never): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  const flush = (prefixFollows: boolean): void => {
    if (!literal.trim()) {
      if (prefixFollows) fail('"*" must follow a word');
      literal = '';
      return;
    }
    const words = normalize(literal).text.split(' ').filter((w) => w && w !== '.');
    if (words.length === 0) fail(`"${literal.trim()}" has no letters or digits`);
    if (prefixFollows && /\s$/.test(literal)) fail('"*" must follow a word directly');
    words.forEach((word, i) => tokens.push({ kind: 'word', word, prefix: prefixFollows && i === words.length - 1 }));
    literal = '';
  };
  for (let i = 0; i < phrase.length; i++) {
    const ch = phrase[i]!;
    if (ch === '*') {
      flush(true);
      continue;
    }
    const simple = ({ '(': 'open', ')': 'close', '[': 'optOpen', ']': 'optClose', '|': 'bar', $: 'end' } as const)[ch as '(' | ')' | '[' | ']' | '|' | '$'];
    if (simple) {
      flush(false);
      tokens.push({ kind: simple });
      continue;
    }
    if (ch === '#') {
      flush(false);
      if (phrase[i + 1] === '#') {
        tokens.push({ kind: 'bigNumber' });
        i++;
      } else tokens.push({ kind: 'number' });
      continue;
    }
    if (ch === '.' && phrase.startsWith('...', i)) {
      flush(false);
      tokens.push({ kind: 'gap' });
      i += 2;
      continue;
    }
    if (ch === '~') {
      flush(false);
      tokens.push({ kind: 'longGap' });
      continue;
    }
    if (ch === '{') {
      flush(false);
      const close = phrase.indexOf('}', i);
      if (close < 0) fail('"{" without a closing "}"');
      const name = phrase.slice(i + 1, close).trim();
      if (!/^[a-z][a-z0-9_-]*$/.test(name)) fail(`"{${name}}" is not a family name (lower-case letters, digits, "_" or "-")`);
      tokens.push({ kind: 'family', name });
      i = close;
      continue;
    }
    // Anything else that is not part of a word would be read silently as a clause break: refuse it.
    if (!/[\p{L}\p{N}\s'\u2019-]/u.test(ch)) fail(`unexpected "${ch}": a phrase has words and ( ) [ ] | { } * ... ~ # ## $ only`);
    literal += ch;
  }
  flush(false);
  return tokens;
}

/**
 * The words a phrase can start with. An index of phrases by first word
 * (phrase-index.ts) tries at each word of a message only the phrases that can
 * start there, instead of every phrase of the lexicon.
 */
export interface PhraseStarts {
  words: Set<string>;
  /** "suicid*" starts with any word beginning "suicid". */
  prefixes: Set<string>;
  numbers: boolean;
  /** The phrase can start with any word (it begins with a gap). */
  any: boolean;
}

interface Compiled {
  source: string;
  /**
   * How much of `source` compiles the phrase's first word or family, when it
   * starts with one: phrases sharing that head ("{abuser} hits me", "{abuser}
   * threatened me") can then be combined as head(?:rest|rest), which tries
   * the head once instead of once per phrase.
   */
  headLength?: number;
  starts: PhraseStarts;
  /** True when the phrase can match no word at all (only inside brackets). */
  nullable: boolean;
}

const noStarts = (): PhraseStarts => ({ words: new Set(), prefixes: new Set(), numbers: false, any: false });

function addStarts(into: PhraseStarts, from: PhraseStarts): void {
  for (const w of from.words) into.words.add(w);
  for (const p of from.prefixes) into.prefixes.add(p);
  into.numbers ||= from.numbers;
  into.any ||= from.any;
}

/** Compiles phrases of one lexicon to regular-expression source, sharing compiled families. */
export class PhraseCompiler {
  private readonly familyCompiled = new Map<string, Compiled>();
  private readonly compiling = new Set<string>();
  private readonly gap: string;
  private readonly longGap: string;
  private readonly spellings = new Map<string, string[]>();

  constructor(private readonly context: PhraseContext) {
    const oneWord = (w: string): string => {
      const words = normalize(w).text.split(' ').filter((x) => x && x !== '.');
      if (words.length !== 1 || !/^[a-z0-9]+$/.test(words[0]!)) throw new LexiconError(`crisis lexicon, spellings: "${w}" is not one word`);
      return words[0]!;
    };
    for (const [word, others] of Object.entries(context.spellings ?? {})) this.spellings.set(oneWord(word), others.map(oneWord));
    const stoppers = context.gapStoppers.map((w) => this.compile(w, `gap stopper "${w}"`)).join('|');
    const notStopper = stoppers ? `(?!(?:${stoppers})(?= ))` : '';
    this.gap = `(?:${notStopper}(?: ${WORD_SOURCE})){0,3}`;
    // Bounded, so a long paste costs at most twelve steps per place the phrase's first part matched.
    this.longGap = `(?:${notStopper}(?: (?:${WORD_SOURCE}|\\.))){0,12}`;
  }

  /** Regular-expression source for one phrase; throws LexiconError naming `where` and the phrase. */
  compile(phrase: string, where: string): string {
    return this.build(phrase, where).source;
  }

  /** The source and the words the phrase can start with. */
  compileWithStarts(phrase: string, where: string): { source: string; starts: PhraseStarts; headLength: number } {
    const { source, starts, headLength } = this.build(phrase, where);
    return { source, starts, headLength: headLength ?? 0 };
  }

  private build(phrase: string, where: string): Compiled {
    const fail = (why: string): never => {
      throw new LexiconError(`crisis lexicon, ${where}: "${phrase}": ${why}`);
    };
    const tokens = tokenize(phrase, fail);
    let pos = 0;
    let headLength: number | undefined;
    const sequence = (closers: readonly Token['kind'][]): Compiled & { hasWord: boolean } => {
      const topLevel = closers.length === 0;
      let source = '';
      let hasWord = false;
      const starts = noStarts();
      let open = true; // every piece so far may match nothing, so the next one may start the phrase
      const piece = (pieceStarts: PhraseStarts, nullable: boolean): void => {
        if (!open) return;
        addStarts(starts, pieceStarts);
        open = nullable;
      };
      while (pos < tokens.length && !closers.includes(tokens[pos]!.kind)) {
        const token = tokens[pos++]!;
        switch (token.kind) {
          case 'word': {
            const others = token.prefix ? undefined : this.spellings.get(token.word);
            source += others ? ` (?:${[token.word, ...others].join('|')})` : ` ${token.word}${token.prefix ? '[a-z0-9]*' : ''}`;
            hasWord = true;
            const wordStarts = noStarts();
            (token.prefix ? wordStarts.prefixes : wordStarts.words).add(token.word);
            for (const other of others ?? []) wordStarts.words.add(other);
            piece(wordStarts, false);
            break;
          }
          case 'family': {
            const family = this.family(token.name, fail);
            source += family.source;
            hasWord = true;
            piece(family.starts, family.nullable);
            break;
          }
          case 'number':
          case 'bigNumber':
            source += token.kind === 'number' ? ' [0-9]+' : ' [1-9][0-9]+';
            hasWord = true;
            piece({ ...noStarts(), numbers: true }, false);
            break;
          case 'gap':
          case 'longGap':
            source += token.kind === 'gap' ? this.gap : this.longGap;
            piece({ ...noStarts(), any: true }, true);
            break;
          case 'end':
            source += '(?= \\.)';
            break;
          case 'open':
          case 'optOpen': {
            const closer = token.kind === 'open' ? 'close' : 'optClose';
            const choices: string[] = [];
            const groupStarts = noStarts();
            let allHaveWords = true;
            let someNullable = token.kind === 'optOpen';
            for (;;) {
              const choice = sequence(['bar', closer, token.kind === 'open' ? 'optClose' : 'close']);
              if (!choice.source) fail('an alternative is empty');
              choices.push(choice.source);
              addStarts(groupStarts, choice.starts);
              someNullable ||= choice.nullable;
              allHaveWords &&= choice.hasWord;
              const next = tokens[pos++];
              if (next?.kind === 'bar') continue;
              if (next?.kind !== closer) fail(token.kind === 'open' ? '"(" without a matching ")"' : '"[" without a matching "]"');
              break;
            }
            source += `(?:${choices.join('|')})${token.kind === 'optOpen' ? '?' : ''}`;
            if (token.kind === 'open' && allHaveWords) hasWord = true;
            piece(groupStarts, someNullable);
            break;
          }
          default:
            fail(`unexpected "${({ close: ')', optClose: ']', bar: '|' } as Record<string, string>)[token.kind] ?? token.kind}"`);
        }
        if (topLevel && headLength === undefined) headLength = token.kind === 'word' || token.kind === 'family' ? source.length : 0;
      }
      return { source, hasWord, starts, nullable: open };
    };
    const result = sequence([]);
    if (pos < tokens.length) fail('unbalanced brackets');
    if (!result.hasWord) fail('needs at least one word that is always present');
    if (tokens[0]?.kind === 'end') fail('cannot start with "$"');
    return { source: result.source, starts: result.starts, nullable: result.nullable, headLength };
  }

  private family(name: string, fail: (why: string) => never): Compiled {
    const cached = this.familyCompiled.get(name);
    if (cached) return cached;
    const entries = this.context.families[name];
    if (!entries || entries.length === 0) fail(`unknown word family {${name}}`);
    if (this.compiling.has(name)) fail(`word family {${name}} refers to itself`);
    this.compiling.add(name);
    const built = entries!.map((entry) => this.build(entry, `family {${name}}`));
    const starts = noStarts();
    for (const entry of built) addStarts(starts, entry.starts);
    const compiled: Compiled = {
      source: `(?:${built.map((entry) => entry.source).join('|')})`,
      starts,
      nullable: built.some((entry) => entry.nullable),
    };
    this.compiling.delete(name);
    this.familyCompiled.set(name, compiled);
    return compiled;
  }
}
