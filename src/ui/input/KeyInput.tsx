import { useInput, usePaste } from 'ink';
import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from 'react';
import { splitKeyPresses, type KeyPress } from './keyPresses.js';
import type { KeyRouter } from './keyRouter.js';

interface ScreenSlot {
  router: KeyRouter;
  owner: string;
}

const SlotContext = createContext<ScreenSlot | undefined>(undefined);

/**
 * The one reader of the terminal: every key press (split out of the read it came
 * in) and every bracketed paste goes to the router, which hands it to the screen
 * in charge. Mount once, at the root.
 */
export function KeyInput({ router, children }: { router: KeyRouter; children: ReactNode }) {
  useInput((input, key) => {
    for (const press of splitKeyPresses(input, key)) router.push(press);
  });
  usePaste((text) => router.paste(text));
  return <>{children}</>;
}

/** Marks the screen below as `owner` for the router (one per screen instance). */
export function ScreenSlot({ router, owner, children }: ScreenSlot & { children: ReactNode }) {
  const slot = useRef<ScreenSlot>({ router, owner });
  if (slot.current.owner !== owner || slot.current.router !== router) slot.current = { router, owner };
  return <SlotContext.Provider value={slot.current}>{children}</SlotContext.Provider>;
}

/**
 * A screen's keys and pastes. One call per screen: the screen decides which of its
 * parts (a picker, the composer, a form field) a key is for. Handlers are called
 * with every key of a burst before React renders again, so they must read state
 * that keys change from a ref (useKeyedReducer's `latest`), not from the render.
 */
export function useScreenKeys(onKey: (press: KeyPress) => void, onPaste?: (text: string) => void): void {
  const slot = useContext(SlotContext);
  if (!slot) throw new Error('useScreenKeys needs a <ScreenSlot> above it');
  const handlers = useRef({ onKey, onPaste });
  handlers.current = { onKey, onPaste };
  // A layout effect registers before the terminal gets a chance to deliver more keys.
  useLayoutEffect(
    () =>
      slot.router.register(slot.owner, {
        key: (press) => handlers.current.onKey(press),
        paste: (text) => handlers.current.onPaste?.(text),
      }),
    [slot],
  );
}
