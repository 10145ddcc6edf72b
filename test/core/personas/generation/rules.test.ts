import { describe, expect, it } from 'vitest';
import { cardGender, describedGender, lifeStages, statedAge, subjectPhrase } from '../../../../src/core/personas/generation/life-stage.js';
import { cardProblem, duplicateKey, inputProblem, traitProblem } from '../../../../src/core/personas/generation/rules.js';
import type { PersonCard } from '../../../../src/core/personas/generation/types.js';
import { fixtureInventories } from '../../traits/pipeline-fixtures.js';

const SOURCE = 'A retired nurse who volunteers at a hospice and cannot stop thinking about the patients she lost.';

/** A card that passes every rule for SOURCE; each test breaks one thing. */
function card(edit: Partial<PersonCard> = {}, seeker: Partial<NonNullable<PersonCard['seeker']>> = {}): PersonCard {
  return {
    is_person: true,
    name: 'Maren Ostby',
    age_band: '65+',
    gender: 'woman',
    occupation: 'retired nurse',
    description: 'Maren spent forty years on hospital wards and now sits with the dying at the hospice twice a week.',
    seeker: { situation: 'Another patient died on Sunday and I could not stop crying on the bus home.', emotion_type: 'sadness', problem_type: 'bereavement', initial_intensity: 3, ...seeker },
    ...edit,
  };
}

describe('the input rules', () => {
  it('drop what is not a description, or too long to be one', () => {
    expect(inputProblem('N/A')).toMatchObject({ rule: 'not-a-description' });
    expect(inputProblem('12345 67890 1112')).toMatchObject({ rule: 'not-a-description' });
    expect(inputProblem(`A person ${'who talks a lot '.repeat(150)}`)).toMatchObject({ rule: 'too-long', reason: expect.stringMatching(/2,000/) });
    expect(inputProblem(SOURCE)).toBeUndefined();
  });

  it('count descriptions the same when only case, spaces and punctuation differ', () => {
    expect(duplicateKey('A retired nurse, who  volunteers!')).toBe(duplicateKey('a retired nurse who volunteers'));
    expect(duplicateKey('A retired nurse')).not.toBe(duplicateKey('A retired teacher'));
  });
});

describe('the card rules', () => {
  it('pass a complete, consistent card', () => {
    expect(cardProblem(card(), 'seeker', SOURCE)).toBeUndefined();
    expect(cardProblem(card({ gender: null }), 'either', SOURCE)).toBeUndefined();
  });

  it('drop a text that is not a person', () => {
    expect(cardProblem(card({ is_person: false }), 'seeker', 'The annual report of a logistics company.')).toEqual({
      rule: 'not-a-person',
      reason: 'the card step found no individual person in the text',
    });
  });

  it('drop an incomplete card, naming every missing field', () => {
    expect(cardProblem(card({ age_band: null, occupation: null }), 'supporter', SOURCE)).toEqual({ rule: 'card-incomplete', reason: 'the card lacks an age band and an occupation' });
    expect(cardProblem(card({ name: 'Unknown' }), 'supporter', SOURCE)).toMatchObject({ rule: 'card-incomplete', reason: 'the card lacks a name' });
    expect(cardProblem(card({ description: 'Nurse.' }), 'supporter', SOURCE)).toMatchObject({ rule: 'card-incomplete' });
  });

  it('drop a seeker (or an either persona) without its ESConv context, but not a supporter', () => {
    const noSituation = card({}, { situation: null });
    expect(cardProblem(noSituation, 'seeker', SOURCE)).toMatchObject({ rule: 'seeker-context-missing', reason: expect.stringContaining('a situation') });
    expect(cardProblem(card({}, { situation: 'I am sad.' }), 'either', SOURCE)).toMatchObject({ rule: 'seeker-context-missing' });
    expect(cardProblem(card({}, { emotion_type: null, initial_intensity: null }), 'seeker', SOURCE)?.reason).toBe('a seeker needs an emotion type and an initial intensity, and the card lacks them');
    expect(cardProblem({ ...noSituation, seeker: undefined }, 'supporter', SOURCE)).toBeUndefined();
  });

  it('drop an age band the description contradicts', () => {
    expect(cardProblem(card({ age_band: '35-44' }), 'supporter', 'A 72-year-old widower who grows roses.')).toEqual({
      rule: 'age-contradicts-description',
      reason: 'the description says "72-year-old" but the card\'s age band is 35-44',
    });
    expect(cardProblem(card({ age_band: '18-24', occupation: 'student' }), 'supporter', 'A student in her late twenties who paints.')).toMatchObject({ rule: 'age-contradicts-description' });
    // The age of someone else in the sentence is not the subject's.
    expect(cardProblem(card({ age_band: '35-44', gender: 'man', occupation: 'single father' }), 'supporter', 'A single father of an 8-year-old girl who loves trains.')).toBeUndefined();
  });

  it("drop an age band the occupation or the description's life stage rules out", () => {
    expect(cardProblem(card({ age_band: '18-24' }), 'supporter', SOURCE)).toEqual({
      rule: 'age-contradicts-occupation',
      reason: 'the card\'s occupation says "retired", which does not fit the age band 18-24',
    });
    expect(cardProblem(card({ age_band: '65+', occupation: 'barista' }), 'supporter', 'A high school student who works weekends at a café.')).toMatchObject({
      rule: 'age-contradicts-occupation',
      reason: expect.stringContaining('the description says "high school student"'),
    });
    expect(cardProblem(card({ age_band: 'under 18', occupation: 'surgeon' }), 'supporter', 'A surgeon who cannot switch off.')).toMatchObject({ rule: 'age-contradicts-occupation' });
    // Still ahead of them: an aspiring surgeon can be 16.
    expect(cardProblem(card({ age_band: 'under 18', occupation: 'aspiring surgeon' }), 'supporter', 'An aspiring surgeon who dissects frogs.')).toBeUndefined();
    // A retired athlete can be young.
    expect(cardProblem(card({ age_band: '25-34', occupation: 'retired footballer' }), 'supporter', 'A retired footballer who coaches kids.')).toBeUndefined();
  });

  it('drop a gender the description contradicts', () => {
    expect(cardProblem(card({ gender: 'man' }), 'seeker', SOURCE)).toEqual({
      rule: 'gender-contradicts-description',
      reason: 'the description says "she" but the card\'s gender is "man"',
    });
    expect(cardProblem(card({ gender: 'female', occupation: 'carpenter', age_band: '45-54' }), 'supporter', 'A grandfather who builds boats.')).toMatchObject({ rule: 'gender-contradicts-description' });
    // "his daughter … she": pronouns about other people say nothing about the subject.
    expect(cardProblem(card({ gender: 'woman', occupation: 'teacher', age_band: '45-54' }), 'supporter', 'A teacher whose daughter left home; she calls once a month.')).toBeUndefined();
    expect(cardProblem(card({ gender: 'non-binary' }), 'seeker', SOURCE)).toBeUndefined();
  });
});

describe('the trait rules', () => {
  const inventories = fixtureInventories();
  const ids = [...inventories.hexaco.items, ...inventories.csi.items].map((i) => i.id);
  const answers = Object.fromEntries(ids.map((id, i) => [id, 1 + (i % 5)]));

  it('pass traits with every statement rated', () => {
    expect(traitProblem({ answers, missing: [] }, inventories)).toBeUndefined();
  });

  it('drop traits with too many statements unrated, or a dimension rated by less than half its statements', () => {
    expect(traitProblem({ answers, missing: ['H1', 'E1', 'X1'] }, inventories)).toEqual({ rule: 'traits-incomplete', reason: '3 of 24 statements got no valid rating (more than 10%)' });
    expect(traitProblem({ answers, missing: ['H1', 'H2'] }, inventories)).toEqual({ rule: 'traits-incomplete', reason: 'only 0 of 2 statements about H got a valid rating' });
  });

  it('drop ratings that are all one number', () => {
    const same = Object.fromEntries(ids.map((id) => [id, 3]));
    expect(traitProblem({ answers: same, missing: [] }, inventories)).toEqual({
      rule: 'traits-straight-lined',
      reason: 'every one of the 24 statements was rated 3: the ratings do not tell the person apart',
    });
  });
});

describe('reading ages and genders', () => {
  it('reads the subject phrase only', () => {
    expect(subjectPhrase('A 72-year-old retired nurse who looks after her 8-year-old grandson.')).toBe('A 72-year-old retired nurse');
    expect(statedAge('A 72-year-old retired nurse who looks after her 8-year-old grandson.')?.range).toEqual({ min: 72, max: 72 });
    expect(statedAge('A teacher in her early sixties who hikes.')?.range).toEqual({ min: 60, max: 63 });
    expect(statedAge('A thirty-something chef who swears a lot.')?.range).toEqual({ min: 30, max: 39 });
    expect(statedAge('An octogenarian beekeeper.')?.range).toEqual({ min: 80, max: 89 });
    expect(statedAge('A nurse who started in the 1990s.')).toBeUndefined();
    expect(lifeStages('retired postal worker').map((s) => s.said)).toEqual(['retired']);
    expect(lifeStages('high-school student')[0]?.range).toEqual({ min: 0, max: 19 });
    expect(lifeStages('high school teacher')).toEqual([]);
  });

  it('tells a stated gender from an unknown one', () => {
    expect(cardGender('Female')).toBe('female');
    expect(cardGender('trans man')).toBe('male');
    expect(cardGender('non-binary')).toBeUndefined();
    expect(describedGender('A grandmother who bakes.')).toEqual({ gender: 'female', said: 'grandmother' });
    expect(describedGender('A mechanic who hates his job.')).toEqual({ gender: 'male', said: 'his' });
    expect(describedGender('A mechanic whose wife left; he drinks.')).toBeUndefined();
    expect(describedGender('A mechanic who fixes boats.')).toBeUndefined();
  });
});
