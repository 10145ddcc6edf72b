import { describe, expect, it } from 'vitest';
import type { ChangeRequest } from '../../../src/core/forks/changes.js';
import { planFork, type ForkRequest, type ForkSource } from '../../../src/core/forks/plan.js';
import type { Persona } from '../../../src/core/personas/schema.js';
import { BASELINE, makeHeader, makeTurns, SEEKER, SUPPORTER } from '../sessions/fixtures.js';

const OTHER_SUPPORTER: Persona = { ...SUPPORTER, id: 'brisk-coach', name: 'Greta Vance', hexaco: { ...SUPPORTER.hexaco!, A: 1.8 } };
const OTHER_SEEKER: Persona = { ...SEEKER, id: 'quiet-seeker', name: 'Ilse Moor' };
const LIBRARY: Persona[] = [SEEKER, SUPPORTER, OTHER_SUPPORTER, OTHER_SEEKER, BASELINE];

const TALK = makeTurns([
  ['seeker', 'The ferry line closes in spring.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks, and I have told no one.'],
  ['supporter', 'That is a lot to hold alone.', 'Reflection of Feelings'],
]);

function source(header: Parameters<typeof makeHeader>[0] = {}, turns = TALK): ForkSource {
  return { header: makeHeader({ temperature: 0.7, ...header }), turns };
}

function plan(changes: ChangeRequest[], extra: Partial<ForkRequest> = {}, from = source()) {
  const planned = planFork(from, { at: 2, changes, library: LIBRARY, ...extra });
  if (!planned.ok) throw new Error(planned.problems.join('\n'));
  return planned.plan;
}

function problems(changes: ChangeRequest[], extra: Partial<ForkRequest> = {}, from = source()): string[] {
  const planned = planFork(from, { at: 2, changes, library: LIBRARY, ...extra });
  if (planned.ok) throw new Error('planned');
  return planned.problems;
}

describe('planFork: each kind of change', () => {
  it('a trait: the persona keeps its id and everything else, with the one value changed', () => {
    const p = plan([{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 1.5 }]);
    expect(p.supporter).toEqual({ ...SUPPORTER, hexaco: { ...SUPPORTER.hexaco!, A: 1.5 } });
    expect(p.seeker).toBe(SEEKER);
    expect(p.changes).toEqual([{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: 4.4, to: 1.5 }]);
    expect(p.kept).toEqual(TALK.slice(0, 2));
    expect(p.at).toBe(2);
  });

  it('a CSI trait of the seeker', () => {
    const p = plan([{ kind: 'trait', role: 'seeker', scale: 'csi', key: 'emotionality', value: 1.2 }]);
    expect(p.seeker.csi!.emotionality).toBe(1.2);
    expect(p.changes).toEqual([{ kind: 'trait', role: 'seeker', scale: 'csi', key: 'emotionality', from: 4.4, to: 1.2 }]);
  });

  it('a persona, then a trait of the new persona (in either order on the command line)', () => {
    const p = plan([
      { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'X', value: 4.9 },
      { kind: 'persona', role: 'supporter', id: 'brisk-coach' },
    ]);
    expect(p.supporter.id).toBe('brisk-coach');
    expect(p.supporter.hexaco!.X).toBe(4.9);
    expect(p.changes).toEqual([
      { kind: 'persona', role: 'supporter', from: 'harbour-listener', to: 'brisk-coach' },
      { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'X', from: OTHER_SUPPORTER.hexaco!.X, to: 4.9 },
    ]);
    expect(plan([{ kind: 'persona', role: 'seeker', id: 'quiet-seeker' }]).seeker).toBe(OTHER_SEEKER);
  });

  it('the condition, the temperature and a model', () => {
    const p = plan([
      { kind: 'condition', value: 'blind' },
      { kind: 'temperature', value: 0.2 },
      { kind: 'model', role: 'supporter', model: 'other-model' },
    ]);
    expect(p.condition).toBe('blind');
    expect(p.temperature).toBe(0.2);
    expect(p.models).toEqual({ supporter: 'other-model' });
    expect(p.changes).toEqual([
      { kind: 'condition', from: 'aware', to: 'blind' },
      { kind: 'temperature', from: 0.7, to: 0.2 },
      { kind: 'model', role: 'supporter', from: 'supporter-model', to: 'other-model' },
    ]);
  });

  it('drops what changes nothing, and keeps the parent\'s snapshot for a persona named by its own id', () => {
    const edited: Persona = { ...SUPPORTER, description: 'Edited in the library since.' };
    const planned = planFork(source(), {
      at: 2,
      library: [SEEKER, edited],
      changes: [
        { kind: 'persona', role: 'supporter', id: SUPPORTER.id },
        { kind: 'condition', value: 'aware' },
        { kind: 'temperature', value: 0.3 },
      ],
    });
    expect(planned.ok && planned.plan.supporter).toBe(SUPPORTER);
    expect(planned.ok && planned.plan.changes).toEqual([{ kind: 'temperature', from: 0.7, to: 0.3 }]);
  });

  it('an unchanged fork is refused unless asked for (side A of a comparison)', () => {
    expect(problems([])).toEqual([expect.stringMatching(/^nothing to change/)]);
    expect(problems([{ kind: 'condition', value: 'aware' }])).toEqual([expect.stringMatching(/^nothing would change/)]);
    expect(plan([], { allowUnchanged: true }).changes).toEqual([]);
  });

  it('fork at 0 keeps nothing; at the last turn keeps everything', () => {
    expect(plan([{ kind: 'condition', value: 'blind' }], { at: 0 }).kept).toEqual([]);
    expect(plan([{ kind: 'condition', value: 'blind' }], { at: 4 }).kept).toEqual(TALK);
  });
});

describe('planFork: what it refuses, every problem at once', () => {
  const blind: ChangeRequest = { kind: 'condition', value: 'blind' };

  it('a turn beyond the parent\'s, or below 0', () => {
    expect(problems([blind], { at: 5 })).toEqual([expect.stringMatching(/turn 5 is not in .*it has 4 turns, so --at is 0 to 4/)]);
    expect(problems([blind], { at: -1 })).toEqual([expect.stringMatching(/turn -1 is not in/)]);
  });

  it('an unknown persona (with the ones there are) and one that cannot play the side', () => {
    const found = problems([
      { kind: 'persona', role: 'supporter', id: 'nobody' },
      { kind: 'persona', role: 'seeker', id: 'brisk-coach' },
    ]);
    expect(found).toEqual([
      'no persona with id "nobody"; supporters available: harbour-listener, brisk-coach, plain-supporter.',
      '"brisk-coach" cannot play the seeker.',
    ]);
  });

  it('a trait of a baseline supporter, which has none', () => {
    expect(problems([{ kind: 'persona', role: 'supporter', id: 'plain-supporter' }, { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 2 }])).toEqual([
      expect.stringMatching(/supporter\.hexaco\.A: the supporter "plain-supporter" is a baseline \(no persona, so no traits\)/),
    ]);
  });

  it('an imported session and a script-engine session', () => {
    const imported = problems([blind], {}, source({ source: { kind: 'esconv', file: 'x.json', index: 0 } }));
    expect(imported).toEqual([expect.stringMatching(/imported from esconv: its turns were written by people/)]);
    const script = problems([blind], {}, source({ engine: 'script' }));
    expect(script).toEqual([expect.stringMatching(/written by the script engine in one call: nothing can continue it turn by turn.*--vs-engine script/)]);
  });

  it('after the seeker said goodbye and was answered, and no room left under the turn cap', () => {
    const closing = makeTurns([
      ['seeker', 'Hi.'],
      ['supporter', 'Hello.', 'Others'],
      ['seeker', 'Bye now.'],
      ['supporter', 'Take care.', 'Others'],
    ]);
    closing[2]!.closes = true;
    expect(problems([blind], { at: 4 }, source({}, closing))).toEqual([expect.stringMatching(/turn 3 is the seeker's goodbye.*fork at 3 or earlier/)]);
    expect(plan([blind], { at: 3 }, source({}, closing)).kept).toHaveLength(3);
    expect(problems([blind], { at: 4, turnCap: 4 })).toEqual([expect.stringMatching(/already its turn cap \(4\): raise it with --turns/)]);
  });

  it('one thing set twice to different values', () => {
    const twice = problems([
      { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 2 },
      { kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 3 },
    ]);
    expect(twice).toContain('supporter.hexaco.A is set twice, to different values: set it once.');
  });
});
