import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../../src/core/safety.js';

/**
 * Everyday hyperbole shares words with crisis language. Each family lists
 * idioms that must not raise the banner, and one real statement built from
 * the same words that still must: an idiom rule that hid it would be too broad.
 */
const FAMILIES: { family: string; idioms: string[]; stillCounts: string }[] = [
  {
    family: 'killing me (deadlines, feet, heat, puns)',
    idioms: ['this deadline is killing me', 'my feet are KILLING me', 'the heat is killin me', "you're killing me with these puns", 'exams are killing me lol'],
    stillCounts: 'this deadline is killing me and I want to kill myself',
  },
  {
    family: 'batteries and things dying',
    idioms: ['my battery is dying', 'my phone is about to die', 'my laptop died in class', 'the car battery is dead', 'this party is dead'],
    stillCounts: 'my phone is dying and so do I, I want to die',
  },
  {
    family: 'dying of laughter',
    idioms: ["I'm dying of laughter", 'i was dying laughing', 'I died laughing at your text', 'lmao im dead', "I'm literally dying 😂", 'I was killing myself laughing'],
    stillCounts: "I'm not laughing, I want to die",
  },
  {
    family: 'kill for a coffee',
    idioms: ['I could kill for a coffee', "I'd kill for a day off", 'I would murder a burger right now'],
    stillCounts: 'I would kill myself for real',
  },
  {
    family: 'killed it (jokes, shows, exams)',
    idioms: ['that joke killed', 'you killed it on stage', 'she absolutely killed that song', 'the comedian killed last night'],
    stillCounts: 'after the show I want to kill myself',
  },
  {
    family: 'dead tired',
    idioms: ['dead tired', "I'm dead on my feet", "I'm dead tired after the gym", 'dead serious, I loved it', "he's dead set on moving"],
    stillCounts: "I'm dead tired of living",
  },
  {
    family: 'dying to (see, know, try)',
    idioms: ["I'm dying to see that movie", "I'm dying to know what happened", "I'm dying to try that place"],
    stillCounts: "I'm dying to end my life",
  },
  {
    family: 'hyperbole about dying of something',
    idioms: ['I almost died of embarrassment', 'I want to die of cringe', "I'm ready to die on this hill", 'I want to die my hair blue'],
    stillCounts: 'I want to die, not of embarrassment, just die',
  },
  {
    family: 'effort and accidents with "myself"',
    idioms: ["I've been killing myself at work", 'I cut myself shaving', 'I cut myself some slack', 'I cut myself on a broken glass', 'I hurt myself at the gym', 'I burned myself on the stove'],
    stillCounts: 'I cut myself on purpose',
  },
  {
    family: 'hit me up, beat me at chess',
    idioms: ['he hit me up last night', 'my sister hits me up every weekend', 'my brother beats me at chess', 'beats me why she left'],
    stillCounts: 'my brother beats me when mum is out',
  },
  {
    family: 'ending a relationship or a call',
    idioms: ["I'm going to end it with my boyfriend", 'I want to end things with her', 'I want to end it here, talk tomorrow'],
    stillCounts: 'I want to end it all',
  },
  {
    family: 'medicine taken as prescribed',
    idioms: ['I take all my pills every morning like the doctor said', 'I collected my meds from the pharmacy', 'I overdosed on caffeine today', "I od'd on netflix"],
    stillCounts: 'I took all my pills at once',
  },
  {
    family: 'topics that mention suicide or overdoses',
    idioms: ['I am reading about suicide prevention', 'we covered self-harm awareness in class', 'opioid overdose deaths went up', 'I ran 10 kms today'],
    stillCounts: 'I keep thinking about suicide',
  },
];

describe('idioms do not raise the banner', () => {
  describe.each(FAMILIES)('$family', ({ idioms, stillCounts }) => {
    it.each(idioms)('"%s" is not crisis language', (text) => {
      expect(detectCrisis(text)).toMatchObject({ matched: false });
    });
    it(`"${stillCounts}" still is`, () => {
      expect(detectCrisis(stillCounts).matched).toBe(true);
    });
  });
});
