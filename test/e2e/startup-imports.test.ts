import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { startPty } from '../support/pty.js';
import { ROOT } from '../support/cli.js';

/**
 * What the terminal app has loaded when its home screen first reaches the
 * terminal: Ink, the settings, the persona library and the home screen — not the
 * model client, the engine, the session log or the other screens, which load
 * once home is drawn (or when a command needs them).
 */
const HOOK = join(ROOT, 'test', 'support', 'loaded-modules-hook.mjs');

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(async () => {
  await server.close();
});

/** The modules (paths under the project) loaded when `marker` was first written to the terminal. */
async function loadedWhenShown(marker: string): Promise<string[]> {
  const config = tempDir('pt-e2e-config-');
  // A returning user: straight to home, past the first-run notice.
  writeFileSync(join(config, 'config.json'), JSON.stringify({ seenSafetyNotice: true }));
  const out = join(tempDir('pt-e2e-loaded-'), 'loaded.txt');
  const app = startPty([], {
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: config,
    PERSONA_TALKS_PERSONAS: tempDir('pt-e2e-personas-'),
    PERSONA_TALKS_SESSIONS: tempDir('pt-e2e-sessions-'),
    NODE_OPTIONS: `--import=${HOOK}`,
    LOADED_MODULES_AT: marker,
    LOADED_MODULES_OUT: out,
  });
  await app.waitForText(marker);
  app.write('\u0003');
  await app.exited;
  expect(existsSync(out)).toBe(true);
  return readFileSync(out, 'utf8')
    .split('\n')
    .map((url) => url.replace(/^file:\/\//, '').replace(`${ROOT}/`, ''));
}

describe('starting the terminal app', () => {
  it('paints home before the openai SDK, the engine, the session log, the statistics, the settings writer, the full persona reader, the crisis lexicon and the other screens are loaded', async () => {
    const loaded = await loadedWhenShown('pick a seeker');
    // What home needs is there (so the list is the real one)…
    expect(loaded).toContain('dist/ui/screens/setup/SetupScreen.js');
    expect(loaded.some((m) => m.startsWith('node_modules/ink/'))).toBe(true);
    expect(loaded).toContain('dist/core/personas/load.js');
    // …and none of what it does not need.
    const early = loaded.filter(
      (m) =>
        m.startsWith('node_modules/openai/') ||
        m.startsWith('dist/core/engine/') ||
        // The presets table is data the settings need; the rest of llm/ is the model client.
        // The local model's own modules are the exception: home offers the model inside the
        // app and resolves its endpoint, and they cost ~5 ms to load (measured: importing
        // app/local.js and app/local-host.js after the settings). The llama.cpp runtime itself
        // loads only when a model is used, which the next check holds.
        (m.startsWith('dist/core/llm/') && m !== 'dist/core/llm/presets.js' && m !== 'dist/core/llm/errors.js' && !m.startsWith('dist/core/llm/local/')) ||
        m.includes('node-llama-cpp') ||
        m === 'dist/core/sessions/recorder.js' ||
        m === 'dist/core/sessions/comparison-link.js' ||
        // The crisis lexicon compiles its phrase index when loaded: the conversation needs it, home does not.
        m === 'dist/core/safety/detect.js' ||
        // The statistics (and @stdlib behind them), the session reader and its record schemas, the
        // settings writer (conf, with ajv behind it) and the full persona reader (the yaml package):
        // the flag table, the sessions folder, reading the settings and reading well-formed personas
        // need none of them.
        m.startsWith('node_modules/@stdlib/') ||
        m === 'dist/core/analysis/report.js' ||
        m === 'dist/core/sessions/reader.js' ||
        m === 'dist/core/sessions/schema.js' ||
        m.startsWith('node_modules/conf/') ||
        m.startsWith('node_modules/ajv/') ||
        m.startsWith('node_modules/yaml/') ||
        m === 'dist/core/personas/persona-yaml.js' ||
        m === 'dist/ui/laterScreens.js' ||
        m === 'dist/ui/screens/ConversationScreen.js' ||
        m.startsWith('dist/ui/screens/sessions/') ||
        m.startsWith('dist/ui/screens/settings/') ||
        m.startsWith('dist/ui/screens/editor/'),
    );
    expect(early).toEqual([]);
    // Ink's one function from es-toolkit, not the ~400 modules of its compat entry (leanImports.ts).
    const toolkit = loaded.filter((m) => m.startsWith('node_modules/es-toolkit/'));
    expect(toolkit.length).toBeGreaterThan(0);
    expect(toolkit.length).toBeLessThan(10);
  }, 30_000);
});
