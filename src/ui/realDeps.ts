import { createClients } from '../app/clients.js';
import { resolveEndpoints, type EndpointFlags } from '../core/config/resolve-endpoints.js';
import { openSettings } from '../core/config/settings.js';
import { startConversation } from '../core/engine/conversation.js';
import { checkServer } from '../core/llm/check-server.js';
import type { ChatClientOptions } from '../core/llm/client.js';
import { bundledPersonasDir, defaultUserPersonasDir, loadLibrary } from '../core/personas/library.js';
import { savePersona } from '../core/personas/save.js';
import { appVersion } from '../core/package-info.js';
import { resumeEndpoints } from '../core/sessions/resume-endpoints.js';
import type { AppDeps } from './appDeps.js';

export interface RealDepsOptions {
  env?: NodeJS.ProcessEnv;
  flags?: EndpointFlags;
  /** Settings folder (default: conf's per-user folder, or $PERSONA_TALKS_CONFIG_DIR). */
  configDir?: string;
  bundledDir?: string;
  userPersonasDir?: string;
  sessionsDir: string | null;
  clientOptions?: ChatClientOptions;
  deltaFlushMs?: number;
}

/** The app's real dependencies; tests pass a temporary folder and a loopback server URL. */
export function createAppDeps(o: RealDepsOptions): { ok: true; deps: AppDeps } | { ok: false; message: string } {
  const env = o.env ?? process.env;
  const opened = openSettings({ env, ...(o.configDir ? { cwd: o.configDir } : {}) });
  if (!opened.ok) return { ok: false, message: opened.error.message };
  const bundledDir = o.bundledDir ?? bundledPersonasDir();
  const userPersonasDir = o.userPersonasDir ?? defaultUserPersonasDir(env);
  return {
    ok: true,
    deps: {
      loadLibrary: () => loadLibrary({ bundledDir, userDir: userPersonasDir }),
      settings: opened.store,
      resolveEndpoints: (settings) => resolveEndpoints(settings, env, o.flags ?? {}),
      createClients: (endpoints) => createClients(endpoints, o.clientOptions),
      resumeEndpoints: (header) => resumeEndpoints(header, opened.store.get(), env, o.flags ?? {}),
      startConversation,
      checkServer: (endpoint) => checkServer(endpoint),
      savePersona: (persona, dir) => savePersona(persona, dir, { bundledDir }),
      paths: { sessionsDir: o.sessionsDir, userPersonasDir },
      appVersion: appVersion(),
      ...(o.deltaFlushMs !== undefined ? { deltaFlushMs: o.deltaFlushMs } : {}),
    },
  };
}
