import { CRISIS_CATEGORIES, type CrisisCategory } from './categories.js';
import { CHAT_SPELLINGS, WORD_FAMILIES } from './lexicon/families.js';
import { IDIOMS } from './lexicon/idioms.js';
import { MENTIONS } from './lexicon/mentions.js';
import { NEGATION } from './lexicon/negation.js';
import { CRISIS_PHRASES } from './lexicon/phrases.js';
import { normalize } from './normalize.js';
import { PhraseCompiler } from './phrase.js';
import { PhraseIndex } from './phrase-index.js';

export interface CrisisDetection {
  matched: boolean;
  /** The categories that matched, in CRISIS_CATEGORIES order. */
  categories: readonly CrisisCategory[];
  /** For each matched category, the words of the message that matched, as typed. */
  evidence: readonly string[];
}

/** How many words before a match a negation cue may stand. */
const NEGATION_WINDOW_WORDS = 6;
/** How far around a bare mention ("suicidal") its clause is read for whom or what it is about. */
const MENTION_WORDS_BEFORE = 10;
const MENTION_WORDS_AFTER = 8;
/** How far after a match a later denial may stand ("I used to cut myself, but I've been clean for years"). */
const LATER_DENIAL_WORDS = 10;

// Everything is compiled once, when the module loads: the check runs on every
// typed message and every AI seeker turn. A broken lexicon fails here, loudly.
const compiler = new PhraseCompiler({ families: WORD_FAMILIES, spellings: CHAT_SPELLINGS, gapStoppers: NEGATION.cues });
const alternation = (phrases: readonly string[], where: string): string =>
  phrases.map((phrase) => compiler.compile(phrase, where)).join('|');

/** Per category, its phrases, then its bare mentions (which count only when not about someone else). */
const GROUPS: readonly { category: number; mention: boolean; phrases: readonly string[]; where: string }[] = CRISIS_CATEGORIES.flatMap(
  (category, index) => {
    const mentions = MENTIONS.phrases[category];
    return [
      { category: index, mention: false, phrases: CRISIS_PHRASES[category], where: category },
      ...(mentions ? [{ category: index, mention: true, phrases: mentions, where: `mentions of ${category}` }] : []),
    ];
  },
);
const CATEGORY_INDEX = new PhraseIndex(compiler, GROUPS);
const IDIOM_INDEX = new PhraseIndex(compiler, [{ phrases: IDIOMS, where: 'idioms' }]);
const TOPIC_PATTERN = new RegExp(`(?:${alternation(MENTIONS.topics, 'mention topics')})(?= )`);
const PERSON_PATTERN = new RegExp(
  `(${alternation(MENTIONS.speaker, 'mention speaker')})(?= )|(?:${alternation(MENTIONS.others, 'mention others')})(?= )`,
  'g',
);
const EVENT_PATTERN = new RegExp(`(?:${alternation(MENTIONS.events, 'mention events')})$`);
// A cue right after "if" ("if I didn't have my cat I'd be dead") sets up a condition, it denies nothing.
const CUE_PATTERN = new RegExp(
  `(?<! if(?: [a-z0-9]+)?)(?:${alternation(NEGATION.cues, 'negation cues')})(?!(?:${alternation(NEGATION.notNegations, 'not-negations')})(?= ))(?= )`,
  'g',
);
const SCOPE_END_PATTERN = new RegExp(`(?:${alternation(NEGATION.scopeEnds, 'scope ends')})(?= )`);
const DENIAL_PATTERN = new RegExp(`(?:${alternation(NEGATION.denials, 'denials')})(?= )`, 'y');
const LATER_DENIAL_PATTERN = new RegExp(
  `(?: (?:[a-z0-9]+|\\.)){0,${LATER_DENIAL_WORDS}}?(?:${alternation(NEGATION.laterDenials, 'later denials')})(?= )`,
  'y',
);

const NO_CRISIS: CrisisDetection = Object.freeze({ matched: false, categories: Object.freeze([]), evidence: Object.freeze([]) });

/** The space that starts a window of up to `words` words before `matchStart`, never past a clause break. */
function windowStart(text: string, matchStart: number, words: number): number {
  let from = matchStart - 1; // the space before the match
  for (let n = 0; n < words && from > 0; n++) {
    const previous = text.lastIndexOf(' ', from - 1);
    if (from - previous === 2 && text[previous + 1] === '.') break;
    from = previous;
  }
  return from;
}

/** The space that ends a window of up to `words` words after `matchEnd`, never past a clause break. */
function windowEnd(text: string, matchEnd: number, words: number): number {
  let to = matchEnd; // the space after the match
  for (let n = 0; n < words; n++) {
    const next = text.indexOf(' ', to + 1);
    if (next < 0 || (next - to === 2 && text[to + 1] === '.')) break;
    to = next;
  }
  return to;
}

/** True when the match at [start, end) is denied: "I would never hurt myself", "…is not an option". */
function isNegated(text: string, start: number, end: number): boolean {
  const before = text.slice(windowStart(text, start, NEGATION_WINDOW_WORDS), start);
  let cueEnd = -1;
  CUE_PATTERN.lastIndex = 0;
  for (let m = CUE_PATTERN.exec(before); m; m = CUE_PATTERN.exec(before)) cueEnd = m.index + m[0].length;
  if (cueEnd >= 0 && !SCOPE_END_PATTERN.test(before.slice(cueEnd))) return true;
  DENIAL_PATTERN.lastIndex = end;
  if (DENIAL_PATTERN.test(text)) return true;
  LATER_DENIAL_PATTERN.lastIndex = end;
  return LATER_DENIAL_PATTERN.test(text);
}

/**
 * True when a bare mention at [start, end) is about someone else or about a
 * story, the news or school: a topic word nearby, the nearest person word
 * before it naming someone else, or an article making it an event.
 */
function aboutSomeoneElse(text: string, start: number, end: number): boolean {
  const from = windowStart(text, start, MENTION_WORDS_BEFORE);
  const before = text.slice(from, start);
  if (EVENT_PATTERN.test(before.trimEnd())) return true;
  if (TOPIC_PATTERN.test(text.slice(from, windowEnd(text, end, MENTION_WORDS_AFTER) + 1))) return true;
  let speakerNearest = true;
  PERSON_PATTERN.lastIndex = 0;
  for (let m = PERSON_PATTERN.exec(before); m; m = PERSON_PATTERN.exec(before)) speakerNearest = m[1] !== undefined;
  return !speakerNearest;
}

/**
 * Every idiom's span; idioms may overlap each other. Starts come in text
 * order, and `reach[i]` is the furthest end of spans 0..i, so whether an idiom
 * covers a point takes a binary search, not a pass over every idiom of a
 * large paste.
 */
interface IdiomSpans {
  starts: number[];
  reach: number[];
}

function idiomSpans(text: string): IdiomSpans {
  const starts: number[] = [];
  const reach: number[] = [];
  IDIOM_INDEX.scan(
    text,
    () => false,
    (_group, start, end) => {
      starts.push(start);
      reach.push(Math.max(end, reach.at(-1) ?? end));
      return true;
    },
  );
  return { starts, reach };
}

/** True when an idiom covers the last word of a match ending at `end`: "want to [die of laughter]". */
function endsInIdiom({ starts, reach }: IdiomSpans, end: number): boolean {
  // The last idiom starting before `end`; every idiom before it does too.
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle]! < end) low = middle + 1;
    else high = middle;
  }
  return low > 0 && reach[low - 1]! >= end;
}

/** The words of the original message behind normalised span [start, end). */
function quote(input: string, origin: readonly number[], start: number, end: number): string {
  const from = origin[start] ?? 0;
  const to = origin[end] ?? input.length;
  return input.slice(from, to).replace(/[^\p{L}\p{N}]+$/u, '');
}

function scan(input: string, stopAtFirst: boolean): CrisisDetection {
  if (!input) return NO_CRISIS;
  const { text } = normalize(input);
  let idioms: IdiomSpans | undefined;
  let origin: number[] | undefined;
  // For each category (by index), the first match that counts, as [start, end).
  const found: ([number, number] | undefined)[] = [];
  CATEGORY_INDEX.scan(
    text,
    (group) => found[GROUPS[group]!.category] !== undefined,
    (group, start, end) => {
      idioms ??= idiomSpans(text);
      if (endsInIdiom(idioms, end) || isNegated(text, start, end)) return false;
      if (GROUPS[group]!.mention && aboutSomeoneElse(text, start, end)) return false;
      found[GROUPS[group]!.category] = [start, end];
      return true;
    },
    () => stopAtFirst,
  );
  if (found.length === 0) return NO_CRISIS;
  if (stopAtFirst) return { matched: true, categories: [], evidence: [] };
  const categories: CrisisCategory[] = [];
  const evidence: string[] = [];
  found.forEach((span, index) => {
    if (!span) return;
    categories.push(CRISIS_CATEGORIES[index]!);
    origin ??= normalize(input, { origin: true }).origin;
    evidence.push(quote(input, origin, span[0], span[1]));
  });
  return { matched: true, categories, evidence };
}

/**
 * Reads one message for crisis language: suicidal thoughts (direct or
 * indirect), plans, means, self-harm, overdose, goodbyes, abuse and danger at
 * home. A lexicon, not a clinical tool: it can miss what it has no words for
 * and it cannot weigh context beyond the clause.
 */
export function detectCrisis(text: string): CrisisDetection {
  return scan(text, false);
}

/** The yes/no answer alone, stopping at the first match. */
export function hasCrisisLanguage(text: string): boolean {
  return scan(text, true).matched;
}
