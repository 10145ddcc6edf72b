import { openApplication, type ApplicationOptions } from '../app/application.js';
import { bundledPersonasDir, defaultUserPersonasDir, loadLibrary } from '../core/personas/library.js';
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
  // screen waits for the personas, and their files are read and the YAML reader loaded in the
  // time that would otherwise pass before the app asks. Later reads (after an edit) read anew.
  let first: Promise<Awaited<ReturnType<typeof load>>> | undefined = load();
  first.catch(() => undefined); // whoever asks first is told; an early failure is not unhandled meanwhile
  return {
    ok: true,
    deps: {
      app: opened.app,
      loadLibrary: () => {
        const library = first ?? load();
        first = undefined;
        return library;
      },
      // The persona writer (and its YAML) loads with the first save: home does not need it to paint.
      savePersona: async (persona, dir) => (await import('../core/personas/save.js')).savePersona(persona, dir, { bundledDir }),
      userPersonasDir,
      ...(o.deltaFlushMs !== undefined ? { deltaFlushMs: o.deltaFlushMs } : {}),
    },
  };
}
