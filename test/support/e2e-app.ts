import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './engine-fixtures.js';

/** The environment of an app under test: the loopback server, and its own config, personas and sessions folders. */
export function appEnv(serverUrl: string, sessions: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_BASE_URL: serverUrl,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-e2e-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-e2e-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
    ...extra,
  };
}

/** The session files in `dir`, as paths. */
export const sessionFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join(dir, f));
