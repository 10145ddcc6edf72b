import { openApplication, type ApplicationOptions } from '../app/application.js';
import { bundledPersonasDir, defaultUserPersonasDir, loadLibrary } from '../core/personas/library.js';
import { savePersona } from '../core/personas/save.js';
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
  return {
    ok: true,
    deps: {
      app: opened.app,
      loadLibrary: () => loadLibrary({ bundledDir, userDir: userPersonasDir }),
      savePersona: (persona, dir) => savePersona(persona, dir, { bundledDir }),
      userPersonasDir,
      ...(o.deltaFlushMs !== undefined ? { deltaFlushMs: o.deltaFlushMs } : {}),
    },
  };
}
