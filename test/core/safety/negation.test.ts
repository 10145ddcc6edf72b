import { describe, expect, it } from 'vitest';
import { detectCrisis } from '../../../src/core/safety.js';

const matched = (text: string) => detectCrisis(text).matched;

describe('negated statements', () => {
  it.each([
    'I would never hurt myself',
    "I'm not going to kill myself, I just need to vent",
    "I'm not suicidal",
    'I have no intention of hurting myself',
    "I don't want to die",
    "No, I'm not thinking about killing myself",
    "I won't do anything to hurt myself, I promise",
    "no way I'd ever kill myself",
    'killing myself is not an option',
    'suicide has never crossed my mind',
    "I don't self harm",
    'I no longer want to die',
    'I used to self harm as a teen, but I have been fine for ten years',
    'My therapist asked whether I had thoughts of suicide and I said no',
  ])('a denial of one\u2019s own risk does not count: "%s"', (text) => {
    expect(matched(text)).toBe(false);
  });

  it.each([
    "I don't want to be alive",
    "I don't want to live anymore",
    'I hope I don\u2019t wake up tomorrow',
    "I'm not safe at home",
    "I don't feel safe at home",
    "I can't go on anymore",
    "I didn't want to wake up this morning",
    "I don't care if I die",
  ])('a negation that is part of the crisis phrase counts: "%s"', (text) => {
    expect(matched(text)).toBe(true);
  });

  it.each([
    ["a clause break ends the cue's scope", "No. I want to die"],
    ['so does a conjunction', "I'm not okay and I want to die"],
    ['so does a new "I"', "I'm not saying it lightly, I want to kill myself"],
    ['"not okay" is no denial', "I'm not okay I want to die"],
    ['"can\'t stop" is no denial', "I can't stop thinking about killing myself"],
    ['"never stop" is no denial', 'I never stop thinking about suicide'],
    ['"not sure" is no denial', "I'm not sure I want to be alive"],
    ['a cue far before the match does not reach it', 'I never thought that one day after all this time I would want to die'],
    ['a denial then a statement', "I'm not suicidal, I just want to disappear forever"],
    ['a cue after "if" sets up a condition', "if I didn't have my cat I'd be dead already"],
    ['so does "if it wasn\'t for"', "if it wasn't for my kids I'd be gone"],
    ['a recent stop is no denial', 'I used to cut myself and I have been clean for 2 weeks'],
    ['an answer of yes is no denial', 'My therapist asked whether I had thoughts of suicide and I said yes'],
  ])('%s: "%s"', (_why, text) => {
    expect(matched(text)).toBe(true);
  });
});
