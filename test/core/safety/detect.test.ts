import { describe, expect, it } from 'vitest';
import { CRISIS_CATEGORIES, detectCrisis, showsCrisisLanguage, type CrisisCategory } from '../../../src/core/safety.js';
import { loadCorpus } from './corpus.js';

/** A few everyday phrasings per category; the corpus test carries the rest. */
const BY_CATEGORY: Record<CrisisCategory, string[]> = {
  ideation: ['I want to kill myself', 'honestly i just wanna kms', 'I’m thinking about suicide again', 'i dont want to be alive anymore'],
  'indirect-ideation': ['I hope I never wake up', 'everyone would be better off without me', 'there is no point in living', 'I just want to disappear forever'],
  plan: ['I know exactly how I would do it', "I'm going to jump off the bridge", 'I looked up painless ways to die', 'I am going to hang myself'],
  means: ["I've been saving up my pills", 'I keep a gun in my room', 'I have enough pills saved to do it'],
  'self-harm': ['I cut myself again', 'I have been self harming', 'i burn myself when it gets bad', 'I hit myself until it bruises'],
  overdose: ['I took all my pills', 'I just swallowed 30 paracetamol', "I'm going to OD tonight", 'I overdosed on my meds'],
  goodbye: ['I wrote letters to say goodbye', 'this is goodbye', "I've been giving away my things", 'I wrote my suicide note'],
  abuse: ['he hits me when he drinks', 'my stepdad beats me', 'my boyfriend choked me', 'I am being abused at home'],
  'danger-at-home': ['he threatened to kill me', "I don't feel safe at home", "I'm scared to go home", 'he said he would hurt me if I told anyone'],
};

describe('detectCrisis', () => {
  it.each(CRISIS_CATEGORIES.flatMap((category) => BY_CATEGORY[category].map((text) => [category, text] as const)))(
    '%s: "%s"',
    (category, text) => {
      const result = detectCrisis(text);
      expect(result.matched).toBe(true);
      expect(result.categories).toContain(category);
    },
  );

  it('reports every category that matched, in the canonical order, with the words as typed', () => {
    const result = detectCrisis('I took 20 pills. Goodbye forever, I want to DIEEE');
    expect(result.categories).toEqual(['overdose', 'ideation', 'goodbye']);
    expect(result.evidence).toEqual(['took 20 pills', 'want to DIEEE', 'Goodbye forever']);
  });

  it('returns no categories and no evidence for ordinary text, empty text and punctuation', () => {
    for (const text of ['I had a long day at work and my manager ignored me again.', '', '   ', '?!…', '💀💀💀']) {
      expect(detectCrisis(text)).toEqual({ matched: false, categories: [], evidence: [] });
    }
  });

  it('finds crisis language at the end of a very long paste', () => {
    const text = `${'I went to the shops and bought bread. '.repeat(5000)}And then I decided I want to end my life.`;
    expect(detectCrisis(text).categories).toContain('ideation');
  });

  // The choices docs/crisis-check.md explains.
  it.each([
    ['hyperbole that names the act', 'I want to die lol', true],
    ['a history of self-harm', 'I used to cut myself', true],
    ['a past attempt', "I've attempted suicide before", true],
    ['a hedged statement', "I don't think I want to be alive", true],
    ["someone else's risk", 'my friend said she wants to kill herself', false],
    ['a story', 'Romeo and Juliet kill themselves', false],
    ['a bare topic word', 'we read a book about suicide prevention', false],
    ['"going to kill me" without a threat', "my mom's going to kill me when she sees my grades", false],
    ['a bare mention with nobody else named', 'suicide is the only way out', true],
    ['a bare mention, misspelled', 'feeling suicidle tonight', true],
    ['a bare mention of someone else', 'my best friend is suicidal', false],
    ['the speaker named nearer than someone else', 'my mum found out I am suicidal', true],
    ['a bare mention in a story', 'the main character overdoses in chapter 12', false],
    ['a bare mention as an event', 'there was an overdose at the festival', false],
    ["someone else's attempt", 'my cousin attempted suicide last year', false],
  ] as const)('%s: "%s" -> %s', (_choice, text, flagged) => {
    expect(detectCrisis(text).matched).toBe(flagged);
  });

  it('showsCrisisLanguage agrees with detectCrisis on every corpus phrase', () => {
    for (const { text } of [...loadCorpus('corpus.yaml'), ...loadCorpus('corpus-holdout.yaml'), ...loadCorpus('corpus-independent.yaml')]) {
      expect(showsCrisisLanguage(text), text).toBe(detectCrisis(text).matched);
    }
  });
});
