import type { AGE_BANDS } from '../schema.js';

/**
 * What a description says outright about a person's age and gender, read with
 * fixed word lists so the quality filter can catch a card that contradicts it.
 * Deliberately narrow: only the subject phrase ("A 72-year-old retired nurse" of
 * "A 72-year-old retired nurse who looks after her grandson") is read for ages
 * and life stages, because the rest of a sentence is often about someone else
 * (her 8-year-old son, his grandmother). Pure functions.
 */

export interface AgeRange {
  min: number;
  max: number;
}

export const BAND_RANGES: Readonly<Record<(typeof AGE_BANDS)[number], AgeRange>> = {
  'under 18': { min: 0, max: 17 },
  '18-24': { min: 18, max: 24 },
  '25-34': { min: 25, max: 34 },
  '35-44': { min: 35, max: 44 },
  '45-54': { min: 45, max: 54 },
  '55-64': { min: 55, max: 64 },
  '65+': { min: 65, max: 130 },
};

export const overlaps = (a: AgeRange, b: AgeRange) => a.min <= b.max && b.min <= a.max;

/** The words before the first clause or list: who the sentence is about. */
export function subjectPhrase(text: string): string {
  const cut = /\b(?:who|whose|that|which|with|and|but|of|for|from|at|to|after|since|because)\b|[,;.:()!?]/i.exec(text);
  return (cut ? text.slice(0, cut.index) : text).trim();
}

const DECADES: Record<string, number> = { teens: 10, twenties: 20, thirties: 30, forties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90 };
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const GENARIANS: Record<string, number> = { quadragenarian: 40, quinquagenarian: 50, sexagenarian: 60, septuagenarian: 70, octogenarian: 80, nonagenarian: 90 };

function decade(start: number, part: string | undefined): AgeRange {
  // "early" 0–3, "mid" 3–6, "late" 6–9: generous overlaps, so only clear contradictions count.
  const p = part?.toLowerCase();
  if (p === 'early') return { min: start, max: start + 3 };
  if (p === 'mid' || p === 'middle') return { min: start + 3, max: start + 6 };
  if (p === 'late') return { min: start + 6, max: start + 9 };
  return { min: start === 10 ? 13 : start, max: start + 9 };
}

/** An age the subject phrase states ("72-year-old", "aged 72", "in her sixties", "thirty-something"), with the words that said it. */
export function statedAge(text: string): { range: AgeRange; said: string } | undefined {
  const phrase = subjectPhrase(text);
  let m = /\b(\d{1,3})[- ](?:years?|yrs?)[- ]old\b/i.exec(phrase) ?? /\baged? (\d{1,3})\b/i.exec(phrase);
  if (m) return { range: { min: Number(m[1]), max: Number(m[1]) }, said: m[0] };
  m = /\b(?:(early|mid|middle|late)[- ]?)?(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/i.exec(phrase);
  if (m) return { range: decade(DECADES[m[2]!.toLowerCase()]!, m[1]), said: m[0] };
  m = /\b(?:(early|mid|late)[- ]?)?([1-9]0)'?s\b/i.exec(phrase);
  if (m) return { range: decade(Number(m[2]), m[1]), said: m[0] };
  m = /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]something\b/i.exec(phrase);
  if (m) return { range: decade(TENS[m[1]!.toLowerCase()]!, undefined), said: m[0] };
  m = /\b(quadragenarian|quinquagenarian|sexagenarian|septuagenarian|octogenarian|nonagenarian)\b/i.exec(phrase);
  if (m) return { range: decade(GENARIANS[m[1]!.toLowerCase()]!, undefined), said: m[0] };
  return undefined;
}

interface StageCue {
  pattern: RegExp;
  range: (text: string) => AgeRange;
}

const SPORT_OR_SERVICE = /\b(athlete|footballer|player|boxer|dancer|gymnast|jockey|cyclist|swimmer|wrestler|skater|sprinter|runner|soldier|officer|marine|sergeant|sailor|pilot|firefighter)\b/i;
// A profession a minor cannot hold, unless the words say it is still ahead of them.
const NOT_YET = '(?<!\\b(?:aspiring|future|would-be|wannabe|trainee|student|apprentice|prospective|budding|pre-med|junior)[- ])';
const LICENSED = new RegExp(
  `\\b${NOT_YET}(doctor|physician|surgeon|lawyer|attorney|solicitor|barrister|judge|professor|nurse|pilot|accountant|pharmacist|architect|dentist|psychologist|psychiatrist|therapist|police officer|detective|firefighter|paramedic|soldier|veteran|ceo|veterinarian|priest|pastor|rabbi|imam|midwife)s?\\b`,
  'i',
);

const STAGES: StageCue[] = [
  // Retired athletes and service members are often young; anyone else retired is rarely under 40.
  { pattern: /\b(retired|retiree|pensioner)\b/i, range: (text) => ({ min: SPORT_OR_SERVICE.test(text) ? 25 : 40, max: 130 }) },
  { pattern: /\b(grandmother|grandfather|grandparent|grandma|grandpa|granny|grandad|granddad)s?\b/i, range: () => ({ min: 35, max: 130 }) },
  { pattern: /\b(widow|widower|widowed)\b/i, range: () => ({ min: 18, max: 130 }) },
  { pattern: /\b(?:(?:high|secondary|middle|junior high)[- ]school (?:student|pupil|junior|senior|sophomore|freshman)|schoolgirl|schoolboy|teenager|teen|teenage|adolescent|preteen)\b/i, range: () => ({ min: 0, max: 19 }) },
  { pattern: /\b(?:(?:phd|doctoral|graduate|grad|master's|masters|postgraduate) (?:student|candidate)|postdoc)\b/i, range: () => ({ min: 21, max: 130 }) },
  { pattern: LICENSED, range: () => ({ min: 18, max: 130 }) },
];

/** Life-stage words in `text` ("retired", "high-school student", "surgeon") and the ages each allows. */
export function lifeStages(text: string): { range: AgeRange; said: string }[] {
  const found: { range: AgeRange; said: string }[] = [];
  for (const cue of STAGES) {
    const m = cue.pattern.exec(text);
    if (m) found.push({ range: cue.range(text), said: m[0] });
  }
  return found;
}

export type Gender = 'female' | 'male';

/** A card's gender field read as female or male; anything else (non-binary, unknown, free text) as undefined. */
export function cardGender(gender: string | null): Gender | undefined {
  const g = gender?.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!g) return undefined;
  if (/^(woman|female|girl|lady|f|(cis|trans|transgender) woman|she\/her)$/.test(g)) return 'female';
  if (/^(man|male|boy|gentleman|m|(cis|trans|transgender) man|he\/him)$/.test(g)) return 'male';
  return undefined;
}

const FEMALE_NOUNS = /\b(woman|mother|mom|mum|grandmother|grandma|wife|girl|lady|daughter|sister|aunt|widow|businesswoman|housewife|actress|waitress|stewardess|nun|schoolgirl|girlfriend|policewoman|sportswoman|fisherwoman|stepmother|niece|bride|matriarch)\b/i;
const MALE_NOUNS = /\b(man|father|dad|grandfather|grandpa|husband|boy|gentleman|son|brother|uncle|widower|businessman|househusband|monk|schoolboy|boyfriend|policeman|sportsman|fisherman|stepfather|nephew|groom|patriarch)\b/i;
// Pronouns only tell the subject's gender when no other gendered person is named in the text.
const OTHER_PEOPLE = /\b(husband|wife|son|daughter|father|mother|dad|mom|mum|brother|sister|boyfriend|girlfriend|grandson|granddaughter|grandmother|grandfather|uncle|aunt|niece|nephew|stepson|stepdaughter|fiancée?|ex-wife|ex-husband|boy|girl|man|woman)s?\b/i;

/** The gender a description gives its subject: a gendered noun in the subject phrase, else its pronouns when they are all one kind. */
export function describedGender(text: string): { gender: Gender; said: string } | undefined {
  const phrase = subjectPhrase(text);
  const female = FEMALE_NOUNS.exec(phrase);
  const male = MALE_NOUNS.exec(phrase);
  if (female && !male) return { gender: 'female', said: female[0] };
  if (male && !female) return { gender: 'male', said: male[0] };
  if (female && male) return undefined;
  const rest = text.slice(phrase.length);
  if (OTHER_PEOPLE.test(rest)) return undefined;
  const she = /\b(she|her|hers|herself)\b/i.exec(text);
  const he = /\b(he|him|his|himself)\b/i.exec(text);
  if (she && !he) return { gender: 'female', said: she[0] };
  if (he && !she) return { gender: 'male', said: he[0] };
  return undefined;
}
