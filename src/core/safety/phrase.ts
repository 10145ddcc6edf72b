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
  /** Words a `...` gap may not cross, so "I don't self harm" never reads as "I … self harm". */
  gapStoppers: readonly string[];
}

type Token =
  | { kind: 'open' | 'close' | 'optOpen' | 'optClose' | 'bar' | 'gap' | 'end' | 'number' | 'bigNumber' }
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
    if (!/[\p{L}\p{N}\s'\u2019-]/u.test(ch)) fail(`unexpected "${ch}": a phrase has words and ( ) [ ] | { } * ... # ## $ only`);
    literal += ch;
  }
  flush(false);
  return tokens;
}

/** Compiles phrases of one lexicon to regular-expression source, sharing compiled families. */
export class PhraseCompiler {
  private readonly familySource = new Map<string, string>();
  private readonly compiling = new Set<string>();
  private readonly gap: string;

  constructor(private readonly context: PhraseContext) {
    const stoppers = context.gapStoppers.map((w) => this.compile(w, `gap stopper "${w}"`)).join('|');
    this.gap = stoppers ? `(?:(?!(?:${stoppers})(?= ))(?: ${WORD_SOURCE})){0,3}` : `(?: ${WORD_SOURCE}){0,3}`;
  }

  /** Regular-expression source for one phrase; throws LexiconError naming `where` and the phrase. */
  compile(phrase: string, where: string): string {
    const fail = (why: string): never => {
      throw new LexiconError(`crisis lexicon, ${where}: "${phrase}": ${why}`);
    };
    const tokens = tokenize(phrase, fail);
    let pos = 0;
    const sequence = (closers: readonly Token['kind'][]): { source: string; hasWord: boolean } => {
      let source = '';
      let hasWord = false;
      while (pos < tokens.length && !closers.includes(tokens[pos]!.kind)) {
        const token = tokens[pos++]!;
        switch (token.kind) {
          case 'word':
            source += ` ${token.word}${token.prefix ? '[a-z0-9]*' : ''}`;
            hasWord = true;
            break;
          case 'family':
            source += this.family(token.name, fail);
            hasWord = true;
            break;
          case 'number':
            source += ' [0-9]+';
            hasWord = true;
            break;
          case 'bigNumber':
            source += ' [1-9][0-9]+';
            hasWord = true;
            break;
          case 'gap':
            source += this.gap;
            break;
          case 'end':
            source += '(?= \\.)';
            break;
          case 'open':
          case 'optOpen': {
            const closer = token.kind === 'open' ? 'close' : 'optClose';
            const choices: string[] = [];
            let allHaveWords = true;
            for (;;) {
              const choice = sequence(['bar', closer, token.kind === 'open' ? 'optClose' : 'close']);
              if (!choice.source) fail('an alternative is empty');
              choices.push(choice.source);
              allHaveWords &&= choice.hasWord;
              const next = tokens[pos++];
              if (next?.kind === 'bar') continue;
              if (next?.kind !== closer) fail(token.kind === 'open' ? '"(" without a matching ")"' : '"[" without a matching "]"');
              break;
            }
            source += `(?:${choices.join('|')})${token.kind === 'optOpen' ? '?' : ''}`;
            if (token.kind === 'open' && allHaveWords) hasWord = true;
            break;
          }
          default:
            fail(`unexpected "${({ close: ')', optClose: ']', bar: '|' } as Record<string, string>)[token.kind] ?? token.kind}"`);
        }
      }
      return { source, hasWord };
    };
    const result = sequence([]);
    if (pos < tokens.length) fail('unbalanced brackets');
    if (!result.hasWord) fail('needs at least one word that is always present');
    if (tokens[0]?.kind === 'end') fail('cannot start with "$"');
    return result.source;
  }

  private family(name: string, fail: (why: string) => never): string {
    const cached = this.familySource.get(name);
    if (cached) return cached;
    const entries = this.context.families[name];
    if (!entries || entries.length === 0) fail(`unknown word family {${name}}`);
    if (this.compiling.has(name)) fail(`word family {${name}} refers to itself`);
    this.compiling.add(name);
    const source = `(?:${entries!.map((entry) => this.compile(entry, `family {${name}}`)).join('|')})`;
    this.compiling.delete(name);
    this.familySource.set(name, source);
    return source;
  }
}
