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
  sources: readonly string[];
  /** One expression per phrase, built the first time the combined one's match is turned down. */
  each?: RegExp[];
}

export interface PhraseGroup {
  phrases: readonly string[];
  /** Names the group in lexicon errors. */
  where: string;
}

interface Compiled {
  source: string;
  headLength: number;
}

/**
 * One alternation of phrases, those with the same first word or family
 * sharing it: head(?:rest|rest). Longer rests come first, so a longer phrase
 * behind a head is tried before a shorter one.
 */
function factored(phrases: readonly Compiled[]): string {
  const byHead = new Map<string, string[]>();
  for (const { source, headLength } of phrases) {
    const head = source.slice(0, headLength);
    const rests = byHead.get(head);
    if (rests) rests.push(source.slice(headLength));
    else byHead.set(head, [source.slice(headLength)]);
  }
  return [...byHead.entries()]
    .map(([head, rests]) => (rests.length === 1 ? head + rests[0] : `${head}(?:${[...rests].sort((a, b) => b.length - a.length).join('|')})`))
    .join('|');
}

/** Prefix buckets are keyed by a word's first letters, so a word checks only the prefixes it could have. */
const PREFIX_KEY_LENGTH = 2;

export class PhraseIndex {
  private readonly byWord = new Map<string, Candidate[]>();
  private readonly byPrefix = new Map<string, { prefix: string; candidates: Candidate[] }[]>();
  private readonly forNumbers: Candidate[];

  constructor(compiler: PhraseCompiler, groups: readonly PhraseGroup[]) {
    const words = new Map<string, Map<number, Compiled[]>>();
    const prefixes = new Map<string, Map<number, Compiled[]>>();
    const numbers = new Map<number, Compiled[]>();
    const add = (into: Map<number, Compiled[]>, group: number, compiled: Compiled): void => {
      const list = into.get(group);
      if (list) list.push(compiled);
      else into.set(group, [compiled]);
    };
    const keyed = (outer: Map<string, Map<number, Compiled[]>>, key: string): Map<number, Compiled[]> => {
      let inner = outer.get(key);
      if (!inner) outer.set(key, (inner = new Map()));
      return inner;
    };
    groups.forEach(({ phrases, where }, group) => {
      for (const phrase of phrases) {
        const { source, starts, headLength } = compiler.compileWithStarts(phrase, where);
        const compiled = { source, headLength };
        if (starts.any) throw new LexiconError(`crisis lexicon, ${where}: "${phrase}": must start with a word, not a gap`);
        for (const word of starts.words) add(keyed(words, word), group, compiled);
        for (const prefix of starts.prefixes) {
          if (prefix.length < PREFIX_KEY_LENGTH) throw new LexiconError(`crisis lexicon, ${where}: "${phrase}": "${prefix}*" is too short a prefix`);
          add(keyed(prefixes, prefix), group, compiled);
        }
        if (starts.numbers) add(numbers, group, compiled);
      }
    });
    const candidates = (perGroup: Map<number, Compiled[]>): Candidate[] =>
      [...perGroup.entries()]
        .sort(([a], [b]) => a - b)
        .map(([group, phrases]) => ({
          group,
          sources: phrases.map((p) => p.source),
          pattern: new RegExp(`(?:${factored(phrases)})(?= )`, 'y'),
        }));
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
   * Calls `visit` with matches word by word through `text` (normalised, see
   * normalize.ts): the match's group and its span [start, end). `visit`
   * returns whether the match counts. The combined expression gives one
   * match per group and word; when that one does not count (an idiom covers
   * it, say), every phrase of the group is tried there on its own, so a longer
   * phrase behind it still gets its turn. Groups `skip` rules out are not
   * tried; the scan ends once `finished` says so.
   */
  scan(
    text: string,
    skip: (group: number) => boolean,
    visit: (group: number, start: number, end: number) => boolean,
    finished: () => boolean = () => false,
  ): void {
    const tryOne = (group: number, pattern: RegExp, at: number, skipEnd: number): boolean | undefined => {
      pattern.lastIndex = at;
      const m = pattern.exec(text);
      if (!m || at + m[0].length === skipEnd) return undefined;
      return visit(group, at + 1, at + m[0].length);
    };
    const tryAll = (list: readonly Candidate[] | undefined, at: number): boolean => {
      if (!list) return false;
      for (const candidate of list) {
        const { group, pattern } = candidate;
        if (skip(group)) continue;
        pattern.lastIndex = at;
        const m = pattern.exec(text);
        if (!m) continue;
        const end = at + m[0].length;
        let counted = visit(group, at + 1, end);
        if (!counted && candidate.sources.length > 1) {
          candidate.each ??= candidate.sources.map((source) => new RegExp(`(?:${source})(?= )`, 'y'));
          for (const one of candidate.each) if ((counted = tryOne(group, one, at, end) === true)) break;
        }
        if (counted && finished()) return true;
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
