import { useApp } from 'ink';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Library } from '../core/personas/library.js';
import type { AppDeps } from './appDeps.js';
import { afterPaint } from './useLaterScreens.js';

export type ServerState = { checking: true } | { checking: false; ok: true; models: string[] } | { checking: false; ok: false; message: string };

/**
 * The persona library and whether the model server answers, both loaded in the
 * background: the home screen shows at once and browsing works without a server.
 * The server is asked once home (or the library's error) is on the terminal:
 * asking loads the model client, which home does not need to paint.
 */
export function useStartupData(deps: AppDeps) {
  const { waitUntilRenderFlush } = useApp();
  // Read at the app's start, the library is often there before the app's first render.
  const [library, setLibrary] = useState<Library | undefined>(() => deps.startupLibrary?.());
  const hadLibrary = useRef(library !== undefined);
  const [libraryError, setLibraryError] = useState<string | undefined>(undefined);
  const [server, setServer] = useState<ServerState>({ checking: true });
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const reloadLibrary = useCallback(async () => {
    try {
      const lib = await deps.loadLibrary();
      if (alive.current) setLibrary(lib);
    } catch (error) {
      if (alive.current) setLibraryError(error instanceof Error ? error.message : String(error));
    }
  }, [deps]);

  const recheckServer = useCallback(async () => {
    setServer({ checking: true });
    const result = await deps.app.checkServer();
    if (alive.current) setServer(result.ok ? { checking: false, ok: true, models: result.models } : { checking: false, ok: false, message: result.message });
  }, [deps]);

  /** A start that found the server gone says so like a failed check. */
  const serverFailed = useCallback((message: string) => setServer({ checking: false, ok: false, message }), []);

  useEffect(() => {
    void (hadLibrary.current ? Promise.resolve() : reloadLibrary())
      .then(() => afterPaint(waitUntilRenderFlush))
      .then(() => (alive.current ? recheckServer() : undefined));
  }, [reloadLibrary, recheckServer, waitUntilRenderFlush]);

  return { library, libraryError, server, reloadLibrary, recheckServer, serverFailed };
}
