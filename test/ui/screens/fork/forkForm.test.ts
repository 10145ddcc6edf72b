import { describe, expect, it } from 'vitest';
import type { ForkSource } from '../../../../src/app/fork.js';
import type { Persona } from '../../../../src/core/personas/schema.js';
import { checkForkForm, forkChanges, forkFormReducer, initialForkForm, traitShown, type ForkFormContext, type ForkFormState } from '../../../../src/ui/screens/fork/forkForm.js';
import { header, seekerPersona, supporterPersona, turn } from '../../scriptedConversation.js';

const other: Persona = { ...supporterPersona, id: 'other-supporter', name: 'Ines', hexaco: { H: 3, E: 3, X: 3, A: 2, C: 3, O: 3 } };
const source: ForkSource = {
  header: header({ temperature: 0.7 }),
  turns: [turn(0, 'seeker', 'I cannot sleep.'), turn(1, 'supporter', 'What keeps you up?'), turn(2, 'seeker', 'Exams.'), turn(3, 'supporter', 'That sounds heavy.')],
};
const context: ForkFormContext = { source, library: [seekerPersona, supporterPersona, other] };
const reduce = forkFormReducer(context);
const run = (state: ForkFormState, ...actions: Parameters<typeof reduce>[1][]) => actions.reduce(reduce, state);
const focusOn = (state: ForkFormState, field: ForkFormState['focus']): ForkFormState => ({ ...state, focus: field });

describe('the fork form as data', () => {
  it('starts as the parent: every value its own, at its last finished turn, nothing to change', () => {
    const state = initialForkForm(source);
    expect(state).toMatchObject({ at: 4, supporterId: 'test-supporter', seekerId: 'test-seeker', condition: 'aware', temperature: 0.7 });
    expect(traitShown(state, context)).toMatchObject({ path: 'supporter.hexaco.A', value: 5, changed: false });
    expect(forkChanges(state, context)).toEqual([]);
    const { checked } = checkForkForm(state, context);
    expect(checked.ok).toBe(false);
  });

  it('stops at the seeker\'s goodbye and under the turn cap', () => {
    const closing = { ...source, turns: [turn(0, 'seeker', 'Hi.'), turn(1, 'supporter', 'Hello.'), turn(2, 'seeker', 'Bye.', { closes: true }), turn(3, 'supporter', 'Take care.')] };
    expect(initialForkForm(closing).at).toBe(3);
    expect(initialForkForm({ ...source, header: header({ turnCap: 3 }) }).at).toBe(2);
  });

  it("turns the supporter's Agreeableness down by halves and asks for exactly that change", () => {
    const state = run(focusOn(initialForkForm(source), 'traitValue'), ...Array.from({ length: 7 }, () => ({ type: 'adjust' as const, delta: -1 })));
    expect(traitShown(state, context).value).toBe(1.5);
    expect(forkChanges(state, context)).toEqual([{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 1.5 }]);
    const { checked } = checkForkForm(state, context);
    expect(checked.ok && checked.plan.changes).toEqual([{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: 5, to: 1.5 }]);
  });

  it('keeps trait values inside 1–5', () => {
    const state = run(focusOn(initialForkForm(source), 'traitValue'), { type: 'adjust', delta: 1 }, { type: 'adjust', delta: 1 });
    expect(traitShown(state, context).value).toBe(5);
    expect(forkChanges(state, context)).toEqual([]);
  });

  it('changes the supporter, the condition and the temperature, and the slider follows the new supporter', () => {
    const moved = run(initialForkForm(source), { type: 'adjust', delta: 1 }, { type: 'move', delta: 2 }, { type: 'adjust', delta: 1 }, { type: 'move', delta: 1 }, { type: 'adjust', delta: -2 });
    expect(moved.supporterId).toBe('other-supporter');
    expect(traitShown(moved, context).value).toBe(2);
    expect(forkChanges(moved, context)).toEqual([
      { kind: 'persona', role: 'supporter', id: 'other-supporter' },
      { kind: 'condition', value: 'blind' },
      { kind: 'temperature', value: 0.5 },
    ]);
    expect(checkForkForm(moved, context).checked.ok).toBe(true);
  });

  it('reports a turn at the turn cap as checkFork words it, with the change asked for', () => {
    const capped: ForkFormContext = { ...context, source: { ...source, header: header({ turnCap: 4 }) } };
    const step = forkFormReducer(capped);
    let state = focusOn(initialForkForm(capped.source), 'at');
    expect(state.at).toBe(3);
    state = [{ type: 'adjust' as const, delta: 1 }, { type: 'move' as const, delta: 3 }, { type: 'adjust' as const, delta: 1 }].reduce(step, state);
    expect(state).toMatchObject({ at: 4, condition: 'blind' });
    const { checked } = checkForkForm(state, capped);
    expect(checked.ok ? [] : checked.problems.join(' ')).toMatch(/keep 4 turns, which is already its turn cap \(4\)/);
  });
});
