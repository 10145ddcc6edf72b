/**
 * The eight ESConv support strategies (Liu et al., ACL 2021), their published
 * spelling variants, and a forgiving parser. Every supporter turn in this app
 * ends up with exactly one canonical label, whatever a model or a file sent.
 */
export const STRATEGIES = [
  'Question',
  'Restatement or Paraphrasing',
  'Reflection of Feelings',
  'Self-disclosure',
  'Affirmation and Reassurance',
  'Providing Suggestions',
  'Information',
  'Others',
] as const;

export type Strategy = (typeof STRATEGIES)[number];

/** Share of each strategy among human supporter turns in ESConv (Liu et al., 2021): a reference row for reports. */
export const ESCONV_REFERENCE: Readonly<Record<Strategy, number>> = {
  Question: 0.207,
  Others: 0.182,
  'Providing Suggestions': 0.161,
  'Affirmation and Reassurance': 0.154,
  'Self-disclosure': 0.093,
  'Reflection of Feelings': 0.078,
  Information: 0.066,
  'Restatement or Paraphrasing': 0.059,
};

/** Short, stable codes for narrow columns and badges. */
export const STRATEGY_SHORT: Readonly<Record<Strategy, string>> = {
  Question: 'QUE',
  'Restatement or Paraphrasing': 'RES',
  'Reflection of Feelings': 'REF',
  'Self-disclosure': 'SEL',
  'Affirmation and Reassurance': 'AFF',
  'Providing Suggestions': 'SUG',
  Information: 'INF',
  Others: 'OTH',
};

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_\-/]+/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z ]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

// Spellings seen in published ESConv files and in model output, mapped to canonical labels.
/**
 * The one alias table: every spelling, in normalised form (lower case, no punctuation,
 * "&" as "and"), that is read as a canonical label. It holds the canonical names, their
 * published variants, and clear synonyms seen in ESConv copies in the wild; nothing that
 * could mean two strategies. Import, the model's labels and the classifier all read
 * through it; a label not in it is reported, never guessed.
 */
export const STRATEGY_ALIASES: ReadonlyArray<readonly [string, Strategy]> = [
  ['question', 'Question'],
  ['questions', 'Question'],
  ['asking', 'Question'],
  ['restatement or paraphrasing', 'Restatement or Paraphrasing'],
  ['restatement and paraphrasing', 'Restatement or Paraphrasing'],
  ['restatement', 'Restatement or Paraphrasing'],
  ['paraphrasing', 'Restatement or Paraphrasing'],
  ['paraphrase', 'Restatement or Paraphrasing'],
  ['reflection of feelings', 'Reflection of Feelings'],
  ['reflection of feeling', 'Reflection of Feelings'],
  ['reflection', 'Reflection of Feelings'],
  ['self disclosure', 'Self-disclosure'],
  ['selfdisclosure', 'Self-disclosure'],
  ['self disclosures', 'Self-disclosure'],
  ['affirmation and reassurance', 'Affirmation and Reassurance'],
  ['affirmation or reassurance', 'Affirmation and Reassurance'],
  ['affirmation', 'Affirmation and Reassurance'],
  ['reassurance', 'Affirmation and Reassurance'],
  ['providing suggestions', 'Providing Suggestions'],
  ['providing suggestion', 'Providing Suggestions'],
  ['suggestions', 'Providing Suggestions'],
  ['suggestion', 'Providing Suggestions'],
  ['information', 'Information'],
  ['providing information', 'Information'],
  ['others', 'Others'],
  ['other', 'Others'],
];
const ALIAS_MAP = new Map(STRATEGY_ALIASES);
const SHORT_MAP = new Map(STRATEGIES.map((s) => [STRATEGY_SHORT[s].toLowerCase(), s] as const));

/** Exact-ish match: canonical names, known aliases, short codes. Undefined when unknown. */
export function parseStrategy(text: string | null | undefined): Strategy | undefined {
  if (typeof text !== 'string') return undefined;
  const key = normalise(text);
  if (key === '') return undefined;
  return ALIAS_MAP.get(key) ?? SHORT_MAP.get(key);
}

/**
 * Best effort for free model text such as "[Strategy: providing suggestions]" or
 * "I'll use reflection of feelings here": the alias that appears earliest wins,
 * longer aliases first at the same position. Undefined when none appears.
 */
export function findStrategyIn(text: string): Strategy | undefined {
  const direct = parseStrategy(text);
  if (direct) return direct;
  const hay = ` ${normalise(text)} `;
  let best: { at: number; len: number; strategy: Strategy } | undefined;
  for (const [alias, strategy] of STRATEGY_ALIASES) {
    const at = hay.indexOf(` ${alias} `);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && alias.length > best.len)) {
      best = { at, len: alias.length, strategy };
    }
  }
  return best?.strategy;
}

/** Always a canonical label: unknown input becomes "Others" (ESConv's own catch-all). */
export function coerceStrategy(text: string | null | undefined): Strategy {
  return (typeof text === 'string' ? findStrategyIn(text) : undefined) ?? 'Others';
}

export function isStrategy(value: unknown): value is Strategy {
  return typeof value === 'string' && (STRATEGIES as readonly string[]).includes(value);
}

/**
 * ESConv's own spelling of each label, as its strategy.json lists them (without
 * the brackets). Reference training code turns "[" + label + "]" into one added
 * vocabulary token, so a file written for it must match these byte for byte: our
 * display name "Reflection of Feelings" is "Reflection of feelings" there.
 */
export const ESCONV_SPELLING: Readonly<Record<Strategy, string>> = {
  Question: 'Question',
  'Restatement or Paraphrasing': 'Restatement or Paraphrasing',
  'Reflection of Feelings': 'Reflection of feelings',
  'Self-disclosure': 'Self-disclosure',
  'Affirmation and Reassurance': 'Affirmation and Reassurance',
  'Providing Suggestions': 'Providing Suggestions',
  Information: 'Information',
  Others: 'Others',
};
