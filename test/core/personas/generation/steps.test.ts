import { describe, expect, it } from 'vitest';
import { checkCard, checkExpansion, checkVerdict } from '../../../../src/core/personas/generation/steps.js';

const PERSON = { is_person: true, name: ' Maren  Ostby ', age_band: '65+', gender: 'unknown', occupation: 'retired nurse', description: 'Maren sits with the dying twice a week.' };
const CONTEXT = { situation: 'Another patient died on Sunday.', emotion_type: 'Sadness', problem_type: 'bereavement', initial_intensity: 3 };

describe('validating the card step', () => {
  it('reads a card, cleaning text and treating filler words as unknown', () => {
    const read = checkCard({ ...PERSON, ...CONTEXT }, 'seeker');
    expect(read).toEqual({
      ok: true,
      value: { ...PERSON, name: 'Maren Ostby', gender: null, seeker: { ...CONTEXT, emotion_type: 'sadness' } },
    });
    // A supporter's card has no seeker part, whatever the model adds.
    const supporter = checkCard({ ...PERSON, ...CONTEXT }, 'supporter');
    expect(supporter.ok && 'seeker' in supporter.value).toBe(false);
  });

  it('takes "not a person" as it is, with nothing else', () => {
    expect(checkCard({ is_person: false, name: 'x' }, 'seeker')).toEqual({ ok: true, value: { is_person: false, name: '', age_band: null, gender: null, occupation: null, description: '' } });
  });

  it('asks again, saying why, for a wrong shape, an age band or a type off the lists, or text too long', () => {
    const problem = (json: unknown, role: 'seeker' | 'supporter' = 'seeker') => {
      const read = checkCard(json, role);
      return read.ok ? undefined : read.problem;
    };
    expect(problem('a card')).toBe('expected a JSON object');
    expect(problem({ ...PERSON, is_person: 'yes' })).toBe('is_person must be true or false');
    expect(problem({ ...PERSON, name: '' })).toBe('name is missing: invent a plausible first and last name');
    expect(problem({ ...PERSON, age_band: '40-50' }, 'supporter')).toBe('age_band must be one of "under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", or null');
    expect(problem({ ...PERSON, ...CONTEXT, emotion_type: 'melancholy' })).toMatch(/^emotion_type must be one of "anxiety", /);
    expect(problem({ ...PERSON, ...CONTEXT, initial_intensity: 7 })).toBe('initial_intensity must be one of 1, 2, 3, 4, 5, or null');
    expect(problem({ ...PERSON, occupation: 'x'.repeat(81) }, 'supporter')).toBe('occupation is 81 characters; keep it under 80');
    // Missing seeker fields are the rules' business (a drop with a reason), not a retry.
    expect(problem({ ...PERSON, situation: null, emotion_type: null, problem_type: null, initial_intensity: null })).toBeUndefined();
  });
});

describe('validating the consistency check', () => {
  it('reads a verdict; "inconsistent" needs a reason', () => {
    expect(checkVerdict({ consistent: true, problems: ['a nitpick'] })).toEqual({ ok: true, value: { consistent: true, problems: [] } });
    expect(checkVerdict({ consistent: false, problems: [' The age band is too young. ', ''] })).toEqual({ ok: true, value: { consistent: false, problems: ['The age band is too young.'] } });
    expect(checkVerdict({ consistent: false, problems: [] })).toEqual({ ok: false, problem: 'consistent is false but problems names no contradiction; name each one' });
    expect(checkVerdict({ consistent: 'no', problems: [] })).toEqual({ ok: false, problem: 'consistent must be true or false' });
    expect(checkVerdict({ consistent: true })).toEqual({ ok: false, problem: 'problems must be a list of sentences (empty when consistent)' });
  });
});

describe('validating a written description', () => {
  it('takes one description of reasonable length', () => {
    expect(checkExpansion({ description: '  A ferry mechanic\nwho stays calm. ' })).toEqual({ ok: true, value: 'A ferry mechanic who stays calm.' });
    expect(checkExpansion({ description: '' })).toEqual({ ok: false, problem: 'description is missing or empty' });
    expect(checkExpansion({ text: 'A ferry mechanic.' })).toEqual({ ok: false, problem: 'description is missing or empty' });
    expect(checkExpansion({ description: 'A '.repeat(400) })).toMatchObject({ ok: false, problem: expect.stringMatching(/keep it under 600/) });
  });
});
