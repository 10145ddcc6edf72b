import { CRISIS_CATEGORIES, type CrisisCategory } from './categories.js';
import { WORD_FAMILIES } from './lexicon/families.js';
import { IDIOMS } from './lexicon/idioms.js';
import { NEGATION } from './lexicon/negation.js';
import { CRISIS_PHRASES } from './lexicon/phrases.js';
import { normalize } from './normalize.js';
import { PhraseCompiler } from './phrase.js';

export interface CrisisDetection {
  matched: boolean;
  /** The categories that matched, in CRISIS_CATEGORIES order. */
  categories: readonly CrisisCategory[];
  /** For each matched category, the words of the message that matched, as typed. */
  evidence: readonly string[];
}

/** How many words before a match a negation cue may stand. */
const NEGATION_WINDOW_WORDS = 6;

// Everything is compiled once, when the module loads: the check runs on every
// typed message and every AI seeker turn. A broken lexicon fails here, loudly.
const compiler = new PhraseCompiler({ families: WORD_FAMILIES, gapStoppers: NEGATION.cues });
const alternation = (phrases: readonly string[], where: string): string =>
  phrases.map((phrase) => compiler.compile(phrase, where)).join('|');

const CATEGORY_PATTERNS: readonly { category: CrisisCategory; pattern: RegExp }[] = CRISIS_CATEGORIES.map((category) => ({
  category,
  pattern: new RegExp(`(?:${alternation(CRISIS_PHRASES[category], category)})(?= )`, 'g'),
}));
const IDIOM_PATTERN = new RegExp(`(?:${alternation(IDIOMS, 'idioms')})(?= )`, 'g');
const CUE_PATTERN = new RegExp(
  `(?:${alternation(NEGATION.cues, 'negation cues')})(?!(?:${alternation(NEGATION.notNegations, 'not-negations')})(?= ))(?= )`,
  'g',
);
const SCOPE_END_PATTERN = new RegExp(`(?:${alternation(NEGATION.scopeEnds, 'scope ends')})(?= )`);
const DENIAL_PATTERN = new RegExp(`(?:${alternation(NEGATION.denials, 'denials')})(?= )`, 'y');

const NO_CRISIS: CrisisDetection = Object.freeze({ matched: false, categories: Object.freeze([]), evidence: Object.freeze([]) });

/** Start of the negation window: up to NEGATION_WINDOW_WORDS words back, never past a clause break. */
function windowStart(text: string, matchStart: number): number {
  let from = matchStart - 1; // the space before the match
  for (let words = 0; words < NEGATION_WINDOW_WORDS && from > 0; words++) {
    const previous = text.lastIndexOf(' ', from - 1);
    if (from - previous === 2 && text[previous + 1] === '.') break;
    from = previous;
  }
  return from;
}

/** True when the match at [start, end) is denied: "I would never hurt myself", "…is not an option". */
function isNegated(text: string, start: number, end: number): boolean {
  const before = text.slice(windowStart(text, start), start);
  let cueEnd = -1;
  CUE_PATTERN.lastIndex = 0;
  for (let m = CUE_PATTERN.exec(before); m; m = CUE_PATTERN.exec(before)) cueEnd = m.index + m[0].length;
  if (cueEnd >= 0 && !SCOPE_END_PATTERN.test(before.slice(cueEnd))) return true;
  DENIAL_PATTERN.lastIndex = end;
  return DENIAL_PATTERN.test(text);
}

function idiomSpans(text: string): number[] {
  const spans: number[] = [];
  IDIOM_PATTERN.lastIndex = 0;
  for (let m = IDIOM_PATTERN.exec(text); m; m = IDIOM_PATTERN.exec(text)) {
    spans.push(m.index + 1, m.index + m[0].length);
    IDIOM_PATTERN.lastIndex = m.index + 1; // idioms may overlap each other
  }
  return spans;
}

/** True when an idiom covers the last word of the match at [start, end): "want to [die of laughter]". */
function endsInIdiom(spans: readonly number[], end: number): boolean {
  for (let i = 0; i < spans.length; i += 2) if (spans[i]! < end && spans[i + 1]! >= end) return true;
  return false;
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
  let idioms: number[] | undefined;
  let categories: CrisisCategory[] | undefined;
  let evidence: string[] | undefined;
  let origin: number[] | undefined;
  for (const { category, pattern } of CATEGORY_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index + 1; // every phrase begins with the space before its first word
      const end = m.index + m[0].length;
      idioms ??= idiomSpans(text);
      if (!endsInIdiom(idioms, end) && !isNegated(text, start, end)) {
        (categories ??= []).push(category);
        if (stopAtFirst) return { matched: true, categories, evidence: [] };
        origin ??= normalize(input, { origin: true }).origin;
        (evidence ??= []).push(quote(input, origin, start, end));
        break;
      }
      pattern.lastIndex = m.index + 1; // a later, overlapping phrase may still count
    }
  }
  if (!categories) return NO_CRISIS;
  return { matched: true, categories, evidence: evidence ?? [] };
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
