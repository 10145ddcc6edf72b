import { LexiconError, type PhraseCompiler } from './phrase.js';

/**
 * Phrases indexed by the words they can start with. One regular expression
 * holding every phrase of a category tries each of its alternatives at every
 * word of a message, so its cost grows with the lexicon; the index looks each
 * word up in a map and runs, anchored at that word, only the phrases that can
 * start with it. A 1 MB paste then costs about the same whatever the lexicon's
 * size, and adding phrases stays cheap.
 */

/** The phrases of one group (a category, say) that can start at a given word, as one anchored expression. */
interface Candidate {
  group: number;
  pattern: RegExp;
}

export interface PhraseGroup {
  phrases: readonly string[];
  /** Names the group in lexicon errors. */
  where: string;
}

/** Prefix buckets are keyed by a word's first letters, so a word checks only the prefixes it could have. */
const PREFIX_KEY_LENGTH = 2;

export class PhraseIndex {
  private readonly byWord = new Map<string, Candidate[]>();
  private readonly byPrefix = new Map<string, { prefix: string; candidates: Candidate[] }[]>();
  private readonly forNumbers: Candidate[];

  constructor(compiler: PhraseCompiler, groups: readonly PhraseGroup[]) {
    const words = new Map<string, Map<number, string[]>>();
    const prefixes = new Map<string, Map<number, string[]>>();
    const numbers = new Map<number, string[]>();
    const add = (into: Map<number, string[]>, group: number, source: string): void => {
      const list = into.get(group);
      if (list) list.push(source);
      else into.set(group, [source]);
    };
    const keyed = (outer: Map<string, Map<number, string[]>>, key: string): Map<number, string[]> => {
      let inner = outer.get(key);
      if (!inner) outer.set(key, (inner = new Map()));
      return inner;
    };
    groups.forEach(({ phrases, where }, group) => {
      for (const phrase of phrases) {
        const { source, starts } = compiler.compileWithStarts(phrase, where);
        if (starts.any) throw new LexiconError(`crisis lexicon, ${where}: "${phrase}": must start with a word, not a gap`);
        for (const word of starts.words) add(keyed(words, word), group, source);
        for (const prefix of starts.prefixes) {
          if (prefix.length < PREFIX_KEY_LENGTH) throw new LexiconError(`crisis lexicon, ${where}: "${phrase}": "${prefix}*" is too short a prefix`);
          add(keyed(prefixes, prefix), group, source);
        }
        if (starts.numbers) add(numbers, group, source);
      }
    });
    const candidates = (perGroup: Map<number, string[]>): Candidate[] =>
      [...perGroup.entries()]
        .sort(([a], [b]) => a - b)
        .map(([group, sources]) => ({ group, pattern: new RegExp(`(?:${sources.join('|')})(?= )`, 'y') }));
    for (const [word, perGroup] of words) this.byWord.set(word, candidates(perGroup));
    for (const [prefix, perGroup] of prefixes) {
      const key = prefix.slice(0, PREFIX_KEY_LENGTH);
      const bucket = this.byPrefix.get(key) ?? [];
      bucket.push({ prefix, candidates: candidates(perGroup) });
      this.byPrefix.set(key, bucket);
    }
    this.forNumbers = candidates(numbers);
  }

  /**
   * Calls `visit` for every match, word by word through `text` (normalised,
   * see normalize.ts), with the match's group and its span [start, end).
   * Groups `skip` rules out are not tried; `visit` returns true to stop.
   */
  scan(text: string, skip: (group: number) => boolean, visit: (group: number, start: number, end: number) => boolean): void {
    const tryAll = (list: readonly Candidate[] | undefined, at: number): boolean => {
      if (!list) return false;
      for (const { group, pattern } of list) {
        if (skip(group)) continue;
        pattern.lastIndex = at;
        const m = pattern.exec(text);
        if (m && visit(group, at + 1, at + m[0].length)) return true;
      }
      return false;
    };
    for (let at = 0; at < text.length - 1; ) {
      const next = text.indexOf(' ', at + 1);
      if (next < 0) break;
      const word = text.slice(at + 1, next);
      if (word !== '.' && word !== '') {
        if (tryAll(this.byWord.get(word), at)) return;
        const bucket = this.byPrefix.get(word.slice(0, PREFIX_KEY_LENGTH));
        if (bucket) for (const { prefix, candidates } of bucket) if (word.startsWith(prefix) && tryAll(candidates, at)) return;
        if (word.charCodeAt(0) <= 57 && /^[0-9]+$/.test(word) && tryAll(this.forNumbers, at)) return;
      }
      at = next;
    }
  }
}
