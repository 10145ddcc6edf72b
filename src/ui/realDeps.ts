import { openApplication, type ApplicationOptions } from '../app/application.js';
import { bundledPersonasDir, defaultUserPersonasDir, loadLibrary, type Library } from '../core/personas/library.js';
import type { AppDeps } from './appDeps.js';

export interface RealDepsOptions extends ApplicationOptions {
  bundledDir?: string;
  userPersonasDir?: string;
  deltaFlushMs?: number;
}

/** The app's real dependencies; tests pass a temporary folder and a loopback server URL. */
export function createAppDeps(o: RealDepsOptions): { ok: true; deps: AppDeps } | { ok: false; message: string } {
  const opened = openApplication(o);
  if (!opened.ok) return opened;
  const bundledDir = o.bundledDir ?? bundledPersonasDir();
  const userPersonasDir = o.userPersonasDir ?? defaultUserPersonasDir(o.env ?? process.env);
  const load = () => loadLibrary({ bundledDir, userDir: userPersonasDir });
  // The first read starts now, while the first frame is drawn and the screens load: the home
  // screen waits for the personas, and their files are read and their reader loaded in the
  // time that would otherwise pass before the app asks. Later reads (after an edit) read anew.
  const early = load();
  let earlyTaken = false;
  let earlyLibrary: Library | undefined;
  // Whoever asks first is told of a failure; meanwhile it is not an unhandled rejection.
  early.then((library) => (earlyLibrary = library)).catch(() => undefined);
  return {
    ok: true,
    deps: {
      app: opened.app,
      loadLibrary: () => {
        if (earlyTaken) return load();
        earlyTaken = true;
        return early;
      },
      startupLibrary: () => {
        if (earlyLibrary) earlyTaken = true;
        return earlyLibrary;
      },
      // The persona writer (and its YAML) loads with the first save: home does not need it to paint.
      savePersona: async (persona, dir) => (await import('../core/personas/save.js')).savePersona(persona, dir, { bundledDir }),
      userPersonasDir,
      ...(o.deltaFlushMs !== undefined ? { deltaFlushMs: o.deltaFlushMs } : {}),
    },
  };
}
