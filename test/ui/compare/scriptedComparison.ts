/**
 * A real comparison (core/compare/live.ts: the pairing, the link, where they
 * diverged) over two scripted conversations whose events a test pushes by hand.
 */
import type { ComparisonLink } from '../../../src/core/sessions/comparison-link.js';
import { startComparison } from '../../../src/core/compare/live.js';
import type { Comparison } from '../../../src/core/compare/types.js';
import type { Persona } from '../../../src/core/personas/schema.js';
import type { Strategy } from '../../../src/core/strategies.js';
import { header, ScriptedConversation, streamedTurn, supporterPersona, turn } from '../scriptedConversation.js';

export const otherSupporter: Persona = { ...supporterPersona, id: 'blunt', name: 'Frank', hexaco: { H: 3, E: 2, X: 3, A: 1.5, C: 3, O: 3 } };

export function scriptedComparison(): { comparison: Comparison; A: ScriptedConversation; B: ScriptedConversation } {
  const A = new ScriptedConversation('/tmp/a.jsonl');
  const B = new ScriptedConversation('/tmp/b.jsonl');
  const comparison = startComparison({
    shareOpening: false,
    sharedTurns: 1,
    startA: () => A,
    startB: () => B,
    link: (sides) => ({ link: { type: 'comparison', sides } as unknown as ComparisonLink, path: '/tmp/pair.comparison.json' }),
  });
  return { comparison, A, B };
}

/** Both sides start; side B's supporter is Frank. */
export function startBoth(A: ScriptedConversation, B: ScriptedConversation): void {
  A.emit({ type: 'session-started', header: header({ id: 'side-a' }), path: '/tmp/a.jsonl' });
  B.emit({ type: 'session-started', header: header({ id: 'side-b', personas: { seeker: header().personas.seeker, supporter: otherSupporter } }), path: '/tmp/b.jsonl' });
}

/** The same seeker opening on both sides, then each supporter answers with its own strategy. */
export function playTurns(A: ScriptedConversation, B: ScriptedConversation, strategies: { A: Strategy; B: Strategy }): void {
  const opening = turn(0, 'seeker', 'I cannot sleep before my exams.');
  A.emit(...streamedTurn(opening));
  B.emit(...streamedTurn(opening));
  A.emit(...streamedTurn(turn(1, 'supporter', 'What keeps you awake at night?', { strategy: strategies.A })));
  B.emit(...streamedTurn(turn(1, 'supporter', 'Everyone has exams. Make a plan and stick to it.', { strategy: strategies.B })));
}
