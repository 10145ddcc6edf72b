import { useCallback, useReducer, useRef, type RefObject } from 'react';

/**
 * useReducer plus a ref that is always the latest state, updated as each action
 * is dispatched. Ink delivers every key event in one stdin chunk (fast typing,
 * "↓ Enter" from a script, a paste) before React re-renders, so a key handler
 * that reads `state` from its closure would act on stale state; handlers read
 * `latest.current` instead. The reducer must be pure (it runs twice per action).
 */
export function useKeyedReducer<S, A>(reducer: (state: S, action: A) => S, init: () => S): [S, (action: A) => void, RefObject<S>] {
  const [state, dispatchToReact] = useReducer(reducer, undefined, init);
  const latest = useRef(state);
  latest.current = state;
  const dispatch = useCallback(
    (action: A) => {
      latest.current = reducer(latest.current, action);
      dispatchToReact(action);
    },
    [reducer],
  );
  return [state, dispatch, latest];
}
