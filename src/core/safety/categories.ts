/**
 * What the crisis check can recognise, in the order results list them. The
 * order runs from the most to the least immediate kind of risk to oneself,
 * then harm from others.
 */
export const CRISIS_CATEGORIES = [
  'overdose',
  'plan',
  'means',
  'ideation',
  'indirect-ideation',
  'self-harm',
  'goodbye',
  'abuse',
  'danger-at-home',
] as const;

export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

export const CRISIS_CATEGORY_LABELS: Readonly<Record<CrisisCategory, string>> = {
  overdose: 'an overdose taken or about to be taken',
  plan: 'a plan or method for suicide',
  means: 'gathering or having the means',
  ideation: 'wanting to die or to kill oneself',
  'indirect-ideation': 'wishing not to exist, feeling a burden, seeing no point',
  'self-harm': 'hurting oneself on purpose',
  goodbye: 'farewells, notes, giving things away',
  abuse: 'being hurt or abused by someone',
  'danger-at-home': 'threats, fear for one\u2019s safety at home',
};
