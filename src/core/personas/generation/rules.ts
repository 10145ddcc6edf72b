import type { Inventories } from '../../traits/pipeline.js';
import { AGE_BANDS, type Role } from '../schema.js';
import { BAND_RANGES, cardGender, describedGender, lifeStages, overlaps, statedAge, subjectPhrase } from './life-stage.js';
import type { Drop, PersonCard, ScoredTraits } from './types.js';

/**
 * The quality filter's fixed rules (the model-judged consistency check is the
 * one rule that is not here). Each returns the first problem it finds, as a
 * rule name and a reason a person can read; undefined means the candidate
 * passes. Pure functions: every rule is tested on its own. The rules and why
 * each exists are written down in docs/persona-generation.md.
 */

/** A persona description is at most this long (the persona file's own limit). */
export const MAX_DESCRIPTION_CHARS = 2000;
/** More missing ratings than this share, and the traits are too thin to keep. */
export const MAX_MISSING_SHARE = 0.1;
/** A seeker's situation needs at least this many words to set a conversation going. */
export const MIN_SITUATION_WORDS = 5;

/** "a, b and c". */
const listed = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w));

/** The text every model call and duplicate check uses: control characters gone, white space collapsed. */
export function normaliseDescription(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Two descriptions are the same when they differ only in case, spacing and punctuation. */
export function duplicateKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Before any model call: is this a description at all, and short enough to be one? */
export function inputProblem(text: string): Drop | undefined {
  if (words(text).length < 3) return { rule: 'not-a-description', reason: 'fewer than three words: not a description of a person' };
  if (text.length > MAX_DESCRIPTION_CHARS) {
    return { rule: 'too-long', reason: `${text.length.toLocaleString('en')} characters; a persona description holds at most ${MAX_DESCRIPTION_CHARS.toLocaleString('en')}` };
  }
  return undefined;
}

const PLACEHOLDER_NAME = /^(unknown|n\/?a|none|null|anonymous|no name|name|person|the person|someone|somebody|user|seeker|supporter|persona)$/i;

/** After the card step: a person, a complete card, the context a seeker needs, and no contradiction the words show. */
export function cardProblem(card: PersonCard, role: Role, source: string): Drop | undefined {
  if (!card.is_person) return { rule: 'not-a-person', reason: 'the card step found no individual person in the text' };

  const absent: string[] = [];
  if (!/\p{L}/u.test(card.name) || PLACEHOLDER_NAME.test(card.name.trim())) absent.push('a name');
  if (!card.age_band) absent.push('an age band');
  if (!card.occupation) absent.push('an occupation');
  if (words(card.description).length < 5) absent.push('a description');
  if (absent.length > 0) return { rule: 'card-incomplete', reason: `the card lacks ${listed(absent)}` };

  if (role !== 'supporter') {
    const s = card.seeker;
    const lacking: string[] = [];
    if (!s?.situation || words(s.situation).length < MIN_SITUATION_WORDS) lacking.push(`a situation (at least ${MIN_SITUATION_WORDS} words)`);
    if (!s?.emotion_type) lacking.push('an emotion type');
    if (!s?.problem_type) lacking.push('a problem type');
    if (s?.initial_intensity === null || s?.initial_intensity === undefined) lacking.push('an initial intensity');
    if (lacking.length > 0) return { rule: 'seeker-context-missing', reason: `a ${role} needs ${listed(lacking)}, and the card lacks ${lacking.length === 1 ? 'it' : 'them'}` };
  }

  const band = card.age_band as (typeof AGE_BANDS)[number];
  const range = BAND_RANGES[band];
  for (const [text, where] of [[source, 'the description'], [card.description, "the card's description"]] as const) {
    const age = statedAge(text);
    if (age && !overlaps(age.range, range)) {
      return { rule: 'age-contradicts-description', reason: `${where} says "${age.said}" but the card's age band is ${band}` };
    }
  }
  // The description's life stage is read from its subject phrase only: the rest may be about someone else.
  for (const [text, where] of [[card.occupation ?? '', "the card's occupation"], [subjectPhrase(source), 'the description']] as const) {
    const stage = lifeStages(text).find((s) => !overlaps(s.range, range));
    if (stage) return { rule: 'age-contradicts-occupation', reason: `${where} says "${stage.said}", which does not fit the age band ${band}` };
  }

  const said = describedGender(source);
  const given = cardGender(card.gender);
  if (said && given && said.gender !== given) {
    return { rule: 'gender-contradicts-description', reason: `the description says "${said.said}" but the card's gender is "${card.gender}"` };
  }
  return undefined;
}

/** After scoring: enough statements rated in every dimension, and not one rating given to everything. */
export function traitProblem(traits: Pick<ScoredTraits, 'answers' | 'missing'>, inventories: Inventories): Drop | undefined {
  const items = [...inventories.hexaco.items, ...inventories.csi.items];
  const missing = new Set(traits.missing);
  if (missing.size > items.length * MAX_MISSING_SHARE) {
    return { rule: 'traits-incomplete', reason: `${missing.size} of ${items.length} statements got no valid rating (more than ${MAX_MISSING_SHARE * 100}%)` };
  }
  const perDimension = new Map<string, { rated: number; all: number }>();
  for (const item of items) {
    const tally = perDimension.get(item.dimension) ?? { rated: 0, all: 0 };
    tally.all += 1;
    if (!missing.has(item.id)) tally.rated += 1;
    perDimension.set(item.dimension, tally);
  }
  for (const [dimension, { rated, all }] of perDimension) {
    if (rated * 2 < all) return { rule: 'traits-incomplete', reason: `only ${rated} of ${all} statements about ${dimension} got a valid rating` };
  }
  const values = Object.values(traits.answers);
  if (values.length >= 10 && values.every((v) => v === values[0])) {
    return { rule: 'traits-straight-lined', reason: `every one of the ${values.length} statements was rated ${values[0]}: the ratings do not tell the person apart` };
  }
  return undefined;
}
