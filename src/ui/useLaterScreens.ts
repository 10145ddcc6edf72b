import { useApp } from 'ink';
import { useEffect, useState } from 'react';

export type LaterScreens = typeof import('./laterScreens.js');

let loading: Promise<LaterScreens> | undefined;

/**
 * Resolves once Ink has written the frame just rendered (`waitUntilRenderFlush`)
 * or after `patienceMs`, whichever is first: a stream that never confirms its
 * writes (a test's stand-in for stdout) must not hold the app back for good.
 */
export function afterPaint(waitUntilRenderFlush: () => Promise<void>, patienceMs = 100): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, patienceMs);
    void waitUntilRenderFlush().then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The screens after home, imported once per process (a second call gets the same promise). */
export function loadLaterScreens(): Promise<LaterScreens> {
  loading ??= import('./laterScreens.js');
  return loading;
}

/**
 * The screens after home, once loaded: undefined until then. The import starts
 * when `start` is true (home is drawn) and Ink has written that frame to the
 * terminal, so loading them never delays it.
 */
export function useLaterScreens(start: boolean): LaterScreens | undefined {
  const { waitUntilRenderFlush } = useApp();
  const [later, setLater] = useState<LaterScreens | undefined>(undefined);
  useEffect(() => {
    if (!start) return;
    let mounted = true;
    void afterPaint(waitUntilRenderFlush)
      .then(loadLaterScreens)
      .then((loaded) => {
        if (mounted) setLater(loaded);
      });
    return () => {
      mounted = false;
    };
  }, [start, waitUntilRenderFlush]);
  return later;
}
