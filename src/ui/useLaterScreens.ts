import { useEffect, useState } from 'react';

export type LaterScreens = typeof import('./laterScreens.js');

let loading: Promise<LaterScreens> | undefined;

/** The screens after home, imported once per process (a second call gets the same promise). */
export function loadLaterScreens(): Promise<LaterScreens> {
  loading ??= import('./laterScreens.js');
  return loading;
}

/**
 * The screens after home, once loaded: undefined on the first render, so the
 * import starts only after the first frame is on the terminal (effects run
 * after Ink has drawn it).
 */
export function useLaterScreens(): LaterScreens | undefined {
  const [later, setLater] = useState<LaterScreens | undefined>(undefined);
  useEffect(() => {
    let mounted = true;
    void loadLaterScreens().then((loaded) => {
      if (mounted) setLater(loaded);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return later;
}
