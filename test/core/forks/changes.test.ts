import { describe, expect, it } from 'vitest';
import { changeSetting, describeChange, describeChanges, parseChange, parseModel, traitNamed } from '../../../src/core/forks/changes.js';

const ok = (spec: string) => {
  const parsed = parseChange(spec);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
};
const problem = (spec: string) => {
  const parsed = parseChange(spec);
  if (parsed.ok) throw new Error(`${spec} parsed`);
  return parsed.problem;
};

describe('--set change specs', () => {
  it('reads every kind of change', () => {
    expect(ok('supporter.hexaco.A=1.5')).toEqual([{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 1.5 }]);
    expect(ok('seeker.csi.emotionality=2')).toEqual([{ kind: 'trait', role: 'seeker', scale: 'csi', key: 'emotionality', value: 2 }]);
    expect(ok('supporter=blunt-coach')).toEqual([{ kind: 'persona', role: 'supporter', id: 'blunt-coach' }]);
    expect(ok('seeker=night-shift-nurse')).toEqual([{ kind: 'persona', role: 'seeker', id: 'night-shift-nurse' }]);
    expect(ok('condition=blind')).toEqual([{ kind: 'condition', value: 'blind' }]);
    expect(ok('temperature=0.3')).toEqual([{ kind: 'temperature', value: 0.3 }]);
    expect(ok('judge.model=small')).toEqual([{ kind: 'model', role: 'judge', model: 'small' }]);
    expect(ok('model=big')).toEqual(['seeker', 'supporter', 'judge'].map((role) => ({ kind: 'model', role, model: 'big' })));
  });

  it('takes a trait by its key or its name, with the scale left out when the key says which', () => {
    expect(ok('supporter.A=2')).toEqual(ok('supporter.hexaco.A=2'));
    expect(ok('supporter.agreeableness=2')).toEqual(ok('supporter.hexaco.A=2'));
    expect(ok('supporter.csi.verbal-aggressiveness=4')).toEqual([{ kind: 'trait', role: 'supporter', scale: 'csi', key: 'verbal_aggressiveness', value: 4 }]);
    // "Emotionality" is both a HEXACO dimension and a CSI one: without a scale it is HEXACO's E.
    expect(traitNamed('emotionality')).toEqual({ scale: 'hexaco', key: 'E' });
    expect(traitNamed('emotionality', 'csi')).toEqual({ scale: 'csi', key: 'emotionality' });
  });

  it('says what is wrong: a role that does not exist, a trait out of 1–5, an unknown key, a bad shape', () => {
    expect(problem('listener.hexaco.A=2')).toMatch(/no role "listener": the roles are seeker or supporter/);
    expect(problem('judge.hexaco.A=2')).toMatch(/no role "judge"/);
    expect(problem('supporter.hexaco.A=5.5')).toBe('supporter.hexaco.A must be a number from 1 to 5 (got "5.5")');
    expect(problem('supporter.hexaco.A=0')).toMatch(/from 1 to 5/);
    expect(problem('supporter.hexaco.A=high')).toMatch(/from 1 to 5 \(got "high"\)/);
    expect(problem('supporter.hexaco.Q=2')).toMatch(/no trait "Q"; the keys are H, E, X, A, C, O/);
    expect(problem('supporter.big5.A=2')).toMatch(/ROLE\.hexaco\.KEY or ROLE\.csi\.KEY/);
    expect(problem('temperature=3')).toMatch(/temperature must be a number from 0 to 2/);
    expect(problem('condition=sometimes')).toMatch(/condition must be one of: aware, blind/);
    expect(problem('supporter.hexaco.A')).toMatch(/--set needs PATH=VALUE/);
    expect(problem('mood=sunny')).toMatch(/cannot change "mood"/);
  });

  it('--model takes NAME for every role or ROLE=NAME for one', () => {
    expect(parseModel('supporter=tiny')).toEqual({ ok: true, value: [{ kind: 'model', role: 'supporter', model: 'tiny' }] });
    expect(parseModel('therapist=tiny')).toMatchObject({ ok: false, problem: expect.stringMatching(/seeker, supporter or judge/) });
    expect(parseModel('supporter=')).toMatchObject({ ok: false });
  });

  it('describes a change from → to, and as the setting it leads to', () => {
    const trait = { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: 4.6, to: 1.5 } as const;
    expect(describeChange(trait)).toBe('supporter.hexaco.A 4.6 → 1.5');
    expect(changeSetting(trait)).toBe('supporter.hexaco.A=1.5');
    expect(describeChange({ kind: 'temperature', to: 0.3 })).toBe('temperature → 0.3');
    expect(describeChange({ kind: 'model', role: 'judge', from: 'a', to: 'b' })).toBe('judge model a → b');
    expect(describeChanges([])).toBe('nothing changed');
  });
});
