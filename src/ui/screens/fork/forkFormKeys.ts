import type { ChangeRequest, ForkSource } from '../../../app/fork.js';
import type { Persona } from '../../../core/personas/schema.js';
import type { KeyPress } from '../../input/keyPresses.js';
import { pressed } from '../../keys.js';
import { checkForkForm, forkFormReducer, type ForkFormContext, type ForkFormState } from './forkForm.js';

/** What the form asks the app to start: a fork, or the parent continuing beside it. */
export interface ForkOrder {
  how: 'fork' | 'compare';
  source: ForkSource;
  at: number;
  changes: ChangeRequest[];
  /** The personas the fork runs with (for its screen's first frame). */
  personas: { seeker: Persona; supporter: Persona };
  turnCap: number;
}

export interface OpenForkForm {
  state: ForkFormState;
  context: ForkFormContext;
}

/**
 * One key in the fork form, wherever it is open (over the conversation, or on
 * its own from the session browser): ↑↓ move, ←→ change, Esc or Cancel close
 * (`set(undefined)`), Enter on Fork or Compare starts it once the form checks
 * out; a refusal comes back into the form.
 */
export function forkFormKey(
  press: KeyPress,
  open: OpenForkForm,
  set: (next: OpenForkForm | undefined) => void,
  latest: () => OpenForkForm | undefined,
  start: (order: ForkOrder) => Promise<string | undefined>,
): void {
  if (open.state.busy) return;
  const { input, key } = press;
  const reduce = forkFormReducer(open.context);
  const apply = (action: Parameters<typeof reduce>[1]) => set({ ...open, state: reduce(open.state, action) });
  const move = pressed('forkForm', 'move', input, key);
  if (move) return apply({ type: 'move', delta: move === 'up' || move === 'shift+tab' ? -1 : 1 });
  const adjust = pressed('forkForm', 'adjust', input, key);
  if (adjust) return apply({ type: 'adjust', delta: adjust === 'left' ? -1 : 1 });
  if (pressed('forkForm', 'cancel', input, key)) return set(undefined);
  if (!pressed('forkForm', 'confirm', input, key)) return;
  const { focus } = open.state;
  if (focus === 'cancel') return set(undefined);
  if (focus !== 'fork' && focus !== 'compare') return apply({ type: 'move', delta: 1 });
  const { checked, request } = checkForkForm(open.state, open.context);
  if (!checked.ok) return;
  set({ ...open, state: { ...open.state, busy: true, failure: undefined } });
  const { plan } = checked;
  void start({ how: focus, source: open.context.source, at: request.at, changes: request.changes, personas: { seeker: plan.seeker, supporter: plan.supporter }, turnCap: plan.turnCap }).then((failure) => {
    // Started: the app moves on to the new screen. Refused: the form stays, saying why.
    const now = latest();
    if (failure !== undefined && now) set({ ...now, state: { ...now.state, busy: false, failure } });
  });
}
