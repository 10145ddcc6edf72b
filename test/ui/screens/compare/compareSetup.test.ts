import { describe, expect, it } from 'vitest';
import type { Persona } from '../../../../src/core/personas/schema.js';
import { compareSetupReducer, initialCompareSetup, sideB, type CompareSetupContext } from '../../../../src/ui/screens/compare/compareSetup.js';
import { supporterPersona } from '../../scriptedConversation.js';

const frank: Persona = { ...supporterPersona, id: 'blunt', name: 'Frank' };
const context: CompareSetupContext = { A: { supporter: supporterPersona, condition: 'aware', engine: 'agents' }, supporters: [supporterPersona, frank] };
const reduce = compareSetupReducer(context);

describe("home's compare form as data", () => {
  it('starts side B with the next supporter, the rest as side A', () => {
    const state = initialCompareSetup(context);
    expect(state).toMatchObject({ supporterId: 'blunt', condition: 'aware', engine: 'agents' });
    const b = sideB(state, context);
    expect(b.ok && b.B).toEqual({ supporter: frank, condition: 'aware', engine: 'agents' });
  });

  it('refuses two sides that are the same, and takes a condition or engine of its own', () => {
    let state = reduce(initialCompareSetup(context), { type: 'adjust', delta: 1 }); // back to A's supporter
    expect(sideB(state, context)).toMatchObject({ ok: false, problem: expect.stringContaining('would be the same') });
    state = reduce(reduce(state, { type: 'move', delta: 1 }), { type: 'adjust', delta: 1 });
    expect(sideB(state, context)).toMatchObject({ ok: true, B: { supporter: supporterPersona, condition: 'blind' } });
    state = reduce(reduce(reduce(state, { type: 'adjust', delta: 1 }), { type: 'move', delta: 1 }), { type: 'adjust', delta: 1 });
    expect(sideB(state, context)).toMatchObject({ ok: true, B: { condition: 'aware', engine: 'script' } });
  });
});
