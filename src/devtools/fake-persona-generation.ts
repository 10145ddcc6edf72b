/**
 * The fake server's answers to persona generation and scoring, for `dev
 * fake-server` demos and the tests: plausible, deterministic, and different for
 * different people.
 *
 * - persona_expansion: "A 52-year-old ferry mechanic in a coastal town who …, and …"
 *   assembled from word lists by a hash of the request (its seed included), so
 *   every candidate is a different person. About one in ten puts an age beside
 *   an occupation it cannot go with, as careless models do, for the filter to catch.
 * - persona_description_card: the card read back out of the description with the
 *   same plain word rules a careful reader would use; a name from lists.
 * - persona_consistency: flags a card whose occupation or age band the
 *   description contradicts.
 * - inventory_ratings: each dimension gets a level from cue words in the profile
 *   ("worries", "blunt", "meticulous"…) plus a per-person offset, and every
 *   statement is rated from its dimension's level, reverse keys included (read
 *   from the bundled inventories). The CSI levels follow the HEXACO dimension
 *   psychology pairs them with, so a demo's RQ1 matrix shows that pattern —
 *   because this fake was written that way, not because anything was measured.
 */
import { readFileSync } from 'node:fs';
import { subjectPhrase, statedAge, describedGender, lifeStages, BAND_RANGES, overlaps } from '../core/personas/generation/life-stage.js';
import { AGE_BANDS } from '../core/personas/schema.js';
import { CSI_KEYS, HEXACO_KEYS } from '../core/traits/dimensions.js';
import { bundledInventoryPath, parseInventory, type InventoryItem } from '../core/traits/inventory.js';
import { stableHash } from './stable-hash.js';

interface GenerationRequest {
  body: {
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name?: string; schema?: Record<string, unknown> } };
    seed?: number;
  };
}

const hash = stableHash;
const pick = <T>(list: readonly T[], key: string): T => list[hash(key) % list.length]!;

const OCCUPATIONS: readonly { job: string; minAge: number; maxAge?: number }[] = [
  { job: 'ferry mechanic', minAge: 20 },
  { job: 'primary-school teacher', minAge: 23 },
  { job: 'night-shift baker', minAge: 18 },
  { job: 'retired postal worker', minAge: 60 },
  { job: 'second-year nursing student', minAge: 19, maxAge: 40 },
  { job: 'warehouse supervisor', minAge: 25 },
  { job: 'freelance translator', minAge: 22 },
  { job: 'bus driver', minAge: 24 },
  { job: 'hospital cleaner', minAge: 18 },
  { job: 'retired surveyor', minAge: 62 },
  { job: 'call-centre agent', minAge: 18 },
  { job: 'small-farm owner', minAge: 28 },
  { job: 'high-school student', minAge: 15, maxAge: 18 },
  { job: 'stay-at-home parent', minAge: 22 },
  { job: 'junior accountant', minAge: 22, maxAge: 35 },
  { job: 'community-centre volunteer', minAge: 18 },
];
const AGES = [16, 19, 23, 27, 31, 36, 41, 47, 52, 58, 63, 69, 74, 81];
const TEMPERAMENTS = [
  'who worries about everything and rarely says no',
  'who is blunt to the point of rudeness',
  'who keeps meticulous lists for everything',
  'who loves a crowd and talks to strangers on the bus',
  'who would rather spend the evening alone with a book',
  'who quietly bends rules when it suits them',
  'who is endlessly curious about how things work',
  'who has little patience for small talk or delays',
  'who stays calm when everyone else panics',
  'who likes to be admired and says so',
  'who is gentle, patient and slow to judge',
  'who lives by routine and distrusts anything new',
];
const TROUBLES = [
  'has just been told the yard will close in spring',
  'is grieving a parent who died last winter',
  'is behind on rent for the third month running',
  'cannot sleep since the exam results came out',
  'feels shut out by old friends after a falling-out',
  'was left by a partner of eleven years',
  'is in constant conflict with a new manager',
  'moved away for work and knows nobody yet',
];
const SUPPORTER_HABITS = [
  'is the one friends call when things go wrong',
  'listens for a long time before saying anything',
  'tends to jump straight to practical fixes',
  'tells people hard truths they would rather not hear',
];
const FEMALE = ['Ingrid', 'Amara', 'Lucía', 'Mei', 'Fatima', 'Hanna', 'Roisin', 'Priya', 'Olga', 'Beatriz', 'Zoë', 'Nkechi', 'Aiko', 'Marta'];
const MALE = ['Tomasz', 'Kwame', 'Ravi', 'Johan', 'Mateo', 'Hiroshi', 'Declan', 'Yusuf', 'Pavel', 'Lars', 'Emeka', 'Joaquín', 'Bram', 'Farid'];
const NEUTRAL = ['Alex', 'Sam', 'Robin', 'Jordan', 'Noa', 'Kai', 'Rowan', 'Quinn', 'Sasha', 'Ari', 'Eden', 'Jules'];
const SURNAMES = [
  'Okafor', 'Lindqvist', 'Moreau', 'Petrova', 'Nakamura', 'Haddad', 'Brennan', 'Costa', 'Novak', 'Eriksen', 'Mensah', 'Reyes',
  'Kowalski', 'Ferreira', 'Achterberg', 'Osei', 'Varga', 'Tanaka', 'Quinlan', 'Bianchi', 'Ó Súilleabháin', 'Demir', 'Halvorsen', 'Castillo',
];
const HOUSEHOLDS = ['alone', 'with a partner and two children', 'with an elderly parent', 'with two flatmates', 'with a sister and her dog', 'with a partner'];

/** The text between the first pair of triple-quote fences in a message (how our prompts quote data). */
function quotedIn(content: string): string {
  return /"""\n([\s\S]*?)\n"""/.exec(content)?.[1] ?? '';
}

/** The request's first user message: the question itself, also when a retry has added more after it. */
const question = (request: GenerationRequest) => request.body.messages?.find((m) => m.role === 'user')?.content ?? '';

function expansion(request: GenerationRequest): string {
  const system = request.body.messages?.[0]?.content ?? '';
  const user = question(request);
  const key = `${user}|${system}|${request.body.seed ?? ''}`;
  const age = pick(AGES, `age|${key}`);
  const fitting = OCCUPATIONS.filter((o) => age >= o.minAge && age <= (o.maxAge ?? 200));
  // About one in eight: an occupation the age rules out, the slip the quality filter is there for.
  const careless = hash(`slip|${key}`) % 8 === 0;
  const misfits = OCCUPATIONS.filter((o) => !fitting.includes(o));
  const job = pick(careless && misfits.length > 0 ? misfits : fitting.length > 0 ? fitting : OCCUPATIONS, `job|${key}`).job;
  const setting = /who lives in ([^.]+)\./.exec(system)?.[1] ?? 'a small town';
  const gender = pick(['her', 'his', 'their'] as const, `gender|${key}`);
  const supporter = /behave when someone comes to them/.test(system);
  const tail = supporter ? pick(SUPPORTER_HABITS, `habit|${key}`) : pick(TROUBLES, `trouble|${key}`).replace(/\ba parent\b|\ba partner\b/, (m) => `${gender} ${m.split(' ')[1]}`);
  return JSON.stringify({ description: `${/^(8|11|18)/.test(String(age)) ? 'An' : 'A'} ${age}-year-old ${job} in ${setting} ${pick(TEMPERAMENTS, `temper|${key}`)}, and ${tail}.` });
}

function occupationOf(description: string): string | null {
  const head = subjectPhrase(description)
    .replace(/^(a|an|the)\s+/i, '')
    .replace(/\b\d{1,3}[- ]years?[- ]old\s*/i, '')
    .split(/\s+in\s+/)[0]!
    .trim();
  return head === '' ? null : head;
}

const TROUBLE_CONTEXT: readonly [RegExp, string, string, string][] = [
  [/yard will close|factory|laid off|lost (?:her|his|their) job/i, 'fear', 'job crisis', 'They told us last week that the yard closes in spring and I have no idea what comes after.'],
  [/griev|died/i, 'sadness', 'bereavement', 'It has been months since the funeral and I still pick up the phone to call before I remember.'],
  [/rent|money|debt/i, 'anxiety', 'financial problems', 'I opened another letter about the rent today and I just put it in the drawer with the others.'],
  [/exam|sleep/i, 'anxiety', 'academic pressure', 'Since the results came out I lie awake going over every answer I got wrong.'],
  [/friends/i, 'sadness', 'problems with friends', 'My oldest friends stopped inviting me after the argument and I keep seeing their photos online.'],
  [/partner|left by/i, 'sadness', 'breakup with partner', 'Eleven years and then one evening it was over, and the flat is so quiet now I cannot stand it.'],
  [/manager|conflict/i, 'anger', 'workplace conflict', 'My new manager picks apart everything I do in front of the whole team and I am close to walking out.'],
  [/moved away|knows nobody/i, 'sadness', 'loneliness', 'I moved here for the job and some weekends I do not say a single word out loud.'],
];

function card(request: GenerationRequest): string {
  const description = quotedIn(question(request)).replace(/\s+/g, ' ').trim();
  const properties = (request.body.response_format?.json_schema?.schema?.properties ?? {}) as Record<string, unknown>;
  const seeker = 'situation' in properties;
  const isPerson = /^(a|an)\s/i.test(description) || /\b(who|year-old)\b/i.test(description);
  if (!isPerson) {
    return JSON.stringify({ is_person: false, name: '', age_band: null, gender: null, occupation: null, description: '', ...(seeker ? { situation: null, emotion_type: null, problem_type: null, initial_intensity: null } : {}) });
  }
  const said = describedGender(description);
  const first = pick(said?.gender === 'female' ? FEMALE : said?.gender === 'male' ? MALE : NEUTRAL, `name|${description}`);
  const name = `${first} ${pick(SURNAMES, `surname|${description}`)}`;
  const age = statedAge(description);
  const stage = lifeStages(subjectPhrase(description))[0];
  // A life stage without an age gets a typical one: teens mid-range, the retired and grandparents well past the earliest.
  const typical = stage && (stage.range.max < 130 ? Math.max(13, (stage.range.min + stage.range.max) / 2) : stage.range.min + (stage.range.min >= 35 ? 25 : 10));
  const years = age ? age.range : typical !== undefined ? { min: typical, max: typical } : undefined;
  const band = AGE_BANDS.find((b) => years && overlaps(BAND_RANGES[b], years)) ?? pick(['25-34', '35-44', '45-54'] as const, `band|${description}`);
  const context = TROUBLE_CONTEXT.find(([cue]) => cue.test(description));
  const answer = {
    is_person: true,
    name,
    age_band: band,
    gender: said ? (said.gender === 'female' ? 'woman' : 'man') : null,
    occupation: occupationOf(description),
    description: `${description} ${first} lives ${pick(HOUSEHOLDS, `home|${description}`)}.`,
    ...(seeker
      ? {
          situation: context?.[3] ?? 'Everything has been piling up lately and I do not know who else to tell.',
          emotion_type: context?.[1] ?? 'anxiety',
          problem_type: context?.[2] ?? 'ongoing depression',
          initial_intensity: 1 + (hash(`intensity|${description}`) % 5),
        }
      : {}),
  };
  return JSON.stringify(answer);
}

function consistency(request: GenerationRequest): string {
  const user = question(request);
  const description = quotedIn(user);
  const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(user)?.[1]?.trim();
  const problems: string[] = [];
  const occupation = field('occupation');
  const described = occupationOf(description);
  if (occupation && described && !description.toLowerCase().includes(occupation.toLowerCase())) {
    problems.push(`The description says the person is a ${described}, but the card says ${occupation}.`);
  }
  const band = field('age band') as (typeof AGE_BANDS)[number] | undefined;
  const age = statedAge(description);
  if (band && band in BAND_RANGES && age && !overlaps(age.range, BAND_RANGES[band])) problems.push(`The description gives the age as ${age.said}, which is outside ${band}.`);
  // What the word-list rules cannot see and a model would: an age the occupation does not fit (the expansion's deliberate slips).
  const job = OCCUPATIONS.find((o) => description.toLowerCase().includes(o.job));
  if (job && age && (age.range.max < job.minAge || age.range.min > (job.maxAge ?? 200))) problems.push(`A ${job.job} is unlikely to be ${age.said}.`);
  return JSON.stringify({ consistent: problems.length === 0, problems });
}

// --- Inventory ratings that follow the person described ---

type Level = Record<string, number>;

const CUES: Record<string, [RegExp, RegExp]> = {
  // dimension: [raises it, lowers it]
  H: [/\b(modest|honest|fair|humble)\b/i, /\b(admired|bends rules|status|flatter|show off|money)\b/i],
  E: [/\b(worr\w*|anxious|nervous|fret\w*|sentimental|griev\w*)\b/i, /\b(calm|unflappable|steady|stays calm)\b/i],
  X: [/\b(crowd|strangers|outgoing|lively|party|talkative)\b/i, /\b(alone|quiet|shy|reserved|book)\b/i],
  A: [/\b(gentle|patient|forgiving|easygoing|slow to judge)\b/i, /\b(blunt|rude\w*|impatien\w*|little patience|grudge|temper|argu\w*|hard truths)\b/i],
  C: [/\b(meticulous|lists|organi[sz]ed|punctual|careful|routine)\b/i, /\b(chaotic|late|messy|disorgani[sz]ed|bends rules)\b/i],
  O: [/\b(curious|how things work|art\w*|new ideas|unconventional|translator)\b/i, /\b(routine|traditional|conventional|distrusts anything new)\b/i],
};
const PAIRS: Record<string, [string, 1 | -1]> = {
  expressiveness: ['X', 1],
  preciseness: ['C', 1],
  verbal_aggressiveness: ['A', -1],
  questioningness: ['O', 1],
  emotionality: ['E', 1],
  impression_manipulativeness: ['H', -1],
};

const clamp = (v: number) => Math.min(5, Math.max(1, v));
/** A value in [-spread, +spread] from a hash, in steps of a tenth. */
const offset = (key: string, spread: number) => ((hash(key) % 21) / 10 - 1) * spread;

export function levelsFor(profile: string): Level {
  const person = /^Description: (.*)$/m.exec(profile)?.[1] ?? profile;
  const levels: Level = {};
  for (const k of HEXACO_KEYS) {
    const [up, down] = CUES[k]!;
    levels[k] = clamp(3 + offset(`${k}|${person}`, 0.9) + (up.test(person) ? 1.2 : 0) - (down.test(person) ? 1.2 : 0));
  }
  for (const k of CSI_KEYS) {
    const [from, sign] = PAIRS[k]!;
    levels[k] = clamp(3 + sign * (levels[from]! - 3) + offset(`${k}|${person}`, 0.6));
  }
  return levels;
}

let items: Map<string, InventoryItem> | undefined;
function bundledItems(): Map<string, InventoryItem> {
  if (!items) {
    items = new Map();
    for (const kind of ['hexaco', 'csi'] as const) {
      for (const item of parseInventory(readFileSync(bundledInventoryPath(kind), 'utf8'), kind, kind).items) items.set(item.id, item as InventoryItem);
    }
  }
  return items;
}

function ratings(request: GenerationRequest): string {
  const user = question(request);
  const profile = /The person:\n([\s\S]*?)\n\nStatements:/.exec(user)?.[1] ?? user;
  const ids = Object.keys((request.body.response_format?.json_schema?.schema?.properties ?? {}) as object);
  const levels = levelsFor(profile);
  const known = bundledItems();
  const answer: Record<string, number> = {};
  for (const id of ids) {
    const item = known.get(id);
    if (!item) {
      answer[id] = 1 + (hash(`${id}|${profile}`) % 5);
      continue;
    }
    const level = levels[item.dimension] ?? 3;
    const raw = (item.reverse ? 6 - level : level) + offset(`${id}|${profile}`, 0.6);
    answer[id] = Math.round(clamp(raw));
  }
  return JSON.stringify(answer);
}

/** The reply text for a persona-generation or rating request; undefined for any other request. */
export function personaGenerationReply(request: GenerationRequest): string | undefined {
  switch (request.body.response_format?.json_schema?.name) {
    case 'persona_expansion':
      return expansion(request);
    case 'persona_description_card':
      return card(request);
    case 'persona_consistency':
      return consistency(request);
    case 'inventory_ratings':
      return ratings(request);
    default:
      return undefined;
  }
}
