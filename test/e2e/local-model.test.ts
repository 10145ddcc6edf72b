import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../src/core/strategies.js';
import { tempDir } from '../support/engine-fixtures.js';
import { serveFile, type FileServer } from '../support/file-server.js';
import { ensureTestRuntime, RUNTIME_INSTALL_TIMEOUT_MS } from '../support/local-runtime.js';
import { startPty } from '../support/pty.js';
import { waitFor } from '../support/cli.js';
import { tinyModelBytes } from '../support/tiny-gguf.js';

// A newcomer with no server and no key: the no-server screen offers the model inside the app,
// one key installs and downloads it (here: the tiny test model, served on loopback with its real
// SHA-256 through the test-only catalog variable), Esc stops the download, the key again goes on
// from where it stopped, and a labelled conversation with trait readings runs on it.

const ENTER = '\r';
const ESC = '\u001b';
const model = tinyModelBytes();
const sha256 = createHash('sha256').update(model).digest('hex');
let runtimeDir: string;
let server: FileServer;

beforeAll(async () => {
  runtimeDir = await ensureTestRuntime();
  server = await serveFile(model, 1024);
}, RUNTIME_INSTALL_TIMEOUT_MS);
afterAll(async () => {
  await server?.close();
});

describe('the local model from the no-server screen, in a real pseudo-terminal', () => {
  it('one key: download (Esc stops it, the key goes on), verify, then a live labelled conversation with meter readings', async () => {
    const sessions = tempDir('pt-e2e-local-sessions-');
    const config = tempDir('pt-e2e-local-config-');
    const models = tempDir('pt-e2e-local-models-');
    // The first request stops sending after 20,000 bytes and hangs, as a dropped network does.
    server.faults.push({ kind: 'stall-after', bytes: 20_000 });
    const catalog = JSON.stringify({ url: server.url, sha256, sizeBytes: model.length, fileName: 'tiny.gguf', name: 'the tiny test model', licence: 'MIT' });
    const app = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '8'], {
      // Nothing listens here: the app finds no server.
      PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:9/v1',
      PERSONA_TALKS_CONFIG_DIR: config,
      PERSONA_TALKS_PERSONAS: tempDir('pt-e2e-local-personas-'),
      PERSONA_TALKS_SESSIONS: sessions,
      PERSONA_TALKS_MODELS_DIR: models,
      PERSONA_TALKS_RUNTIME_DIR: runtimeDir,
      PERSONA_TALKS_TEST_MODEL_CATALOG: catalog,
      // The tiny model's vocabulary is bytes: a prompt takes a token per character.
      PERSONA_TALKS_LOCAL_CONTEXT: '16384',
      PERSONA_TALKS_LOCAL_THREADS: '1',
    });
    try {
      await app.waitForText('not therapy');
      const offer = await app.pressUntil(ENTER, (s) => s.includes('No model server reachable'));
      expect(offer).toContain('Run a model inside the app');
      expect(offer.replace(/\s+/g, ' ')).toContain('Downloads the tiny test model: 51.6 kB, MIT; then starts a conversation.');
      // The offer comes before the servers to start.
      expect(offer.indexOf('Run a model inside the app')).toBeLessThan(offer.indexOf('Ollama'));

      // One key: the download starts and shows bytes, and its bar.
      const downloading = await app.pressUntil('l', (s) => s.includes('Downloading the tiny test model'));
      expect(downloading).toContain('Esc stop');
      const stalled = await app.waitForText('20.5 kB / 51.6 kB', 15_000);
      expect(stalled).toMatch(/\[#+-+\]\s+39%/);

      // Esc stops it; the no-server screen offers to go on from what arrived.
      app.write(ESC);
      const back = await app.waitForText('No model server reachable', 10_000);
      expect(back.replace(/\s+/g, ' ')).toContain('Goes on with the tiny test model: 20.5 kB of 51.6 kB so far');
      expect(readdirSync(models)).toEqual(['tiny.gguf.part']);

      // The key again: the download goes on with a Range request, passes its checksum, the model
      // loads, and the conversation the home screen had ready starts on it.
      await app.pressUntil('l', (s) => !s.includes('No model server reachable'));
      const live = await app.waitForText(/local · tiny · [\d.]+ tok\/s/, 60_000);
      expect(live).toContain('Mina Haddad');
      // No GPU here: the gentler judge cadence is said on screen, not only applied.
      await app.waitForText("On the CPU the local model's trait judge runs every 4 turns (--judge-cadence N to change).", 30_000);
      // A supporter turn on screen carries its strategy label, beside the trait meter.
      const labelled = new RegExp(`supporter \\[(${STRATEGIES.join('|')})\\]`);
      const labelledScreen = await app.waitForText(labelled, 60_000);
      expect(labelledScreen).toMatch(/HEXACO/);
      expect(server.requests.at(-1)?.range).toBe('bytes=20480-');
      expect(readdirSync(models).sort()).toEqual(['tiny.gguf', 'tiny.gguf.sha256']);

      // Labelled supporter turns, and trait readings by the end.
      const ended = await app.waitForText('Trait drift', 90_000);
      expect(ended).toContain('Conversation ended');
      const file = join(sessions, readdirSync(sessions).find((f) => f.endsWith('.jsonl'))!);
      const saved = readSession(file);
      expect(saved.header.models.supporter).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
      expect(saved.header.judgeCadence).toBe(4);
      const supporterTurns = saved.turns.filter((t) => t.speaker === 'supporter');
      expect(supporterTurns.length).toBeGreaterThanOrEqual(3);
      for (const t of supporterTurns) {
        expect(STRATEGIES).toContain(t.strategy);
        expect(t.labelSource).toBe('declared');
      }
      await waitFor(() => (readSession(file).records.some((r) => r.type === 'meter') ? true : undefined), 30_000, 'a meter record');
      // The choice is remembered: the next start goes straight to the local model.
      expect(JSON.parse(readFileSync(join(config, 'config.json'), 'utf8'))).toMatchObject({ preset: 'local' });
      await app.pressUntil('q', (screen) => screen.includes('pick a seeker')); // q on the summary goes home
      app.write('q'); // and quits there
      expect((await app.exited).exitCode).toBe(0);
    } finally {
      app.kill();
    }

    // The next start, with no server named: the home screen is ready on the installed model,
    // Enter starts a conversation on it, and nothing is downloaded again.
    const requestsBefore = server.requests.length;
    const again = startPty(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '2'], {
      PERSONA_TALKS_CONFIG_DIR: config,
      // The same catalog: the model it names is the one now installed.
      PERSONA_TALKS_TEST_MODEL_CATALOG: catalog,
      PERSONA_TALKS_PERSONAS: tempDir('pt-e2e-local-personas-'),
      PERSONA_TALKS_SESSIONS: sessions,
      PERSONA_TALKS_MODELS_DIR: models,
      PERSONA_TALKS_RUNTIME_DIR: runtimeDir,
      PERSONA_TALKS_LOCAL_CONTEXT: '16384',
      PERSONA_TALKS_LOCAL_THREADS: '1',
    });
    try {
      const home = await again.waitForText('✓ the model inside the app — tiny.gguf', 30_000);
      expect(home).not.toContain('model server reachable');
      again.write(ENTER);
      const screen = await again.waitForText(/local · tiny · [\d.]+ tok\/s/, 60_000);
      expect(screen).not.toContain('No model server reachable');
      await again.waitForText('Conversation ended', 60_000);
      expect(server.requests.length).toBe(requestsBefore);
      await again.pressUntil('q', (screen) => screen.includes('pick a seeker')); // q on the summary goes home
      again.write('q'); // and quits there
      expect((await again.exited).exitCode).toBe(0);
    } finally {
      again.kill();
    }
  }, 300_000);
});
