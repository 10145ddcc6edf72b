import type { CsiKey, HexacoKey } from '../traits/dimensions.js';

/**
 * What the low and the high end of each dimension look like in a chat, in our
 * own words. The trait judge and the measurement pipeline both read these, so
 * the two measurements share one understanding of every scale.
 */
export interface PoleGuide {
  name: string;
  high: string;
  low: string;
}

export const HEXACO_GUIDES: Readonly<Record<HexacoKey, PoleGuide>> = {
  H: {
    name: 'Honesty-Humility',
    high: 'sincere and fair, modest about themselves, uninterested in status, money or flattering people for gain',
    low: 'boastful or entitled, flatters or manipulates to get something, cares about status and possessions',
  },
  E: {
    name: 'Emotionality',
    high: 'worries a lot, easily frightened or anxious, leans on others for comfort, sentimental and strongly moved',
    low: 'calm under stress, rarely afraid, self-reliant, unsentimental and emotionally detached',
  },
  X: {
    name: 'eXtraversion',
    high: 'confident, lively and upbeat, enjoys talking and company, speaks up boldly',
    low: 'quiet and reserved, low in energy, uneasy in social situations, sees themselves as unpopular',
  },
  A: {
    name: 'Agreeableness',
    high: 'forgiving, gentle and patient, flexible, accepts other views without getting irritated',
    low: 'critical and stubborn, quick to anger, holds grudges, argues rather than gives way',
  },
  C: {
    name: 'Conscientiousness',
    high: 'organised and diligent, careful and precise, plans ahead and thinks before acting',
    low: 'disorganised, careless or impulsive, avoids effort, leaves things to chance',
  },
  O: {
    name: 'Openness to Experience',
    high: 'curious and imaginative, drawn to ideas, art and new ways of seeing things, unconventional',
    low: 'conventional and practical, prefers the familiar, little interest in abstract or unusual ideas',
  },
};

export const CSI_GUIDES: Readonly<Record<CsiKey, PoleGuide>> = {
  expressiveness: {
    name: 'Expressiveness',
    high: 'talkative and animated, informal, humorous, fills the conversation',
    low: 'brief replies, says little, reserved in how they talk',
  },
  preciseness: {
    name: 'Preciseness',
    high: 'structured, concrete and to the point, says exactly what they mean',
    low: 'vague, rambling or hard to follow',
  },
  verbal_aggressiveness: {
    name: 'Verbal Aggressiveness',
    high: 'harsh, dismissive, sarcastic or blaming, belittles the other person',
    low: 'polite and gentle, never puts the other person down',
  },
  questioningness: {
    name: 'Questioningness',
    high: 'asks probing questions, explores ideas and other viewpoints, likes to discuss things',
    low: 'rarely asks anything, takes things as they come, does not explore',
  },
  emotionality: {
    name: 'Emotionality (communication)',
    high: 'talks openly about feelings, emotionally charged or tense way of talking',
    low: 'matter-of-fact, keeps feelings out of what they say',
  },
  impression_manipulativeness: {
    name: 'Impression Manipulativeness',
    high: 'ingratiating, says what others want to hear, uses charm to steer people, hides real intentions',
    low: 'straightforward and genuine, no flattery or steering',
  },
};
