import { openApplication, type Application } from '../../src/app/application.js';
import { tempDir } from './engine-fixtures.js';

/** The application on the loopback server at `serverUrl`, with its own settings folder and fast retries. */
export function openTestApp(serverUrl: string, sessionsDir: string, env: NodeJS.ProcessEnv = {}): Application {
  const opened = openApplication({
    env: { PERSONA_TALKS_BASE_URL: serverUrl, PERSONA_TALKS_MODEL: 'fake-model', ...env },
    configDir: tempDir('pt-config-'),
    sessionsDir,
    clientOptions: { retryBaseMs: 5 },
  });
  if (!opened.ok) throw new Error(opened.message);
  return opened.app;
}
