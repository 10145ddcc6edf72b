/** The HEXACO and CSI dimensions and their names; scores are 1–5. */
export const HEXACO_KEYS = ['H', 'E', 'X', 'A', 'C', 'O'] as const;
export type HexacoKey = (typeof HEXACO_KEYS)[number];

export const HEXACO_NAMES: Readonly<Record<HexacoKey, string>> = {
  H: 'Honesty-Humility',
  E: 'Emotionality',
  X: 'eXtraversion',
  A: 'Agreeableness',
  C: 'Conscientiousness',
  O: 'Openness to Experience',
};

export const HEXACO_FACETS: Readonly<Record<HexacoKey, readonly string[]>> = {
  H: ['sincerity', 'fairness', 'greed avoidance', 'modesty'],
  E: ['fearfulness', 'anxiety', 'dependence', 'sentimentality'],
  X: ['social self-esteem', 'social boldness', 'sociability', 'liveliness'],
  A: ['forgiveness', 'gentleness', 'flexibility', 'patience'],
  C: ['organization', 'diligence', 'perfectionism', 'prudence'],
  O: ['aesthetic appreciation', 'inquisitiveness', 'creativity', 'unconventionality'],
};

export const CSI_KEYS = [
  'expressiveness',
  'preciseness',
  'verbal_aggressiveness',
  'questioningness',
  'emotionality',
  'impression_manipulativeness',
] as const;
export type CsiKey = (typeof CSI_KEYS)[number];

export const CSI_NAMES: Readonly<Record<CsiKey, string>> = {
  expressiveness: 'Expressiveness',
  preciseness: 'Preciseness',
  verbal_aggressiveness: 'Verbal Aggressiveness',
  questioningness: 'Questioningness',
  emotionality: 'Emotionality',
  impression_manipulativeness: 'Impression Manipulativeness',
};

/** Which HEXACO dimension each CSI dimension pairs with in the paper, and the sign. */
export const CSI_PAIRS: Readonly<Record<CsiKey, { hexaco: HexacoKey; sign: 1 | -1 }>> = {
  expressiveness: { hexaco: 'X', sign: 1 },
  preciseness: { hexaco: 'C', sign: 1 },
  verbal_aggressiveness: { hexaco: 'A', sign: -1 },
  questioningness: { hexaco: 'O', sign: 1 },
  emotionality: { hexaco: 'E', sign: 1 },
  impression_manipulativeness: { hexaco: 'H', sign: -1 },
};

export type Hexaco = Record<HexacoKey, number>;
export type Csi = Record<CsiKey, number>;

export const TRAIT_MIN = 1;
export const TRAIT_MAX = 5;
