import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { STRATEGIES } from '../../src/core/strategies.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/engine-fixtures.js';
import { ensureTestRuntime, LOCAL_TEST_TIMEOUT_MS, RUNTIME_INSTALL_TIMEOUT_MS } from '../support/local-runtime.js';
import { writeTinyModel } from '../support/tiny-gguf.js';
import { sessionFiles } from '../support/e2e-app.js';

// The headless commands on the model inside the app: the built CLI, the real llama.cpp runtime,
// the tiny test model. No server anywhere: the base URL points at a port nothing listens on.

let runtimeDir: string;
let tiny: string;
beforeAll(async () => {
  runtimeDir = await ensureTestRuntime();
  tiny = join(tempDir('pt-tiny-'), 'tiny.gguf');
  await writeTinyModel(tiny);
}, RUNTIME_INSTALL_TIMEOUT_MS);

function envFor(sessions: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_BASE_URL: 'http://127.0.0.1:9/v1',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
    PERSONA_TALKS_MODELS_DIR: tempDir('pt-models-'),
    PERSONA_TALKS_RUNTIME_DIR: runtimeDir,
    // The tiny model's vocabulary is bytes: a prompt takes a token per character.
    PERSONA_TALKS_LOCAL_CONTEXT: '16384',
    PERSONA_TALKS_LOCAL_THREADS: '1',
    ...extra,
  };
}

const RUN = ['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--seed', '5'];

describe('headless commands on the local model (built CLI, tiny model)', () => {
  it('run --preset local --model-file: labelled turns, the CPU cadence said and recorded, a session naming the file only', async () => {
    const dir = tempDir();
    const r = await runCli([...RUN, '--turns', '4', '--preset', 'local', '--model-file', tiny], envFor(dir));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tiny.gguf @ local');
    expect(r.stdout).toMatch(/\[2\] Ana Sousa \(supporter\) \[[^\]]+\]: /);
    // llama.cpp's own log lines never reach the terminal.
    expect(r.stderr).not.toMatch(/llama|ggml/i);
    expect(r.stderr).toContain("On the CPU the local model's trait judge runs every 4 turns");
    const saved = readSession(sessionFiles(dir)[0]!);
    expect(saved.header.models).toEqual({ seeker: { baseURL: 'local', model: 'tiny.gguf' }, supporter: { baseURL: 'local', model: 'tiny.gguf' }, judge: { baseURL: 'local', model: 'tiny.gguf' } });
    expect(saved.header.judgeCadence).toBe(4);
    expect(readFileSync(sessionFiles(dir)[0]!, 'utf8')).not.toContain(tiny); // the file's folder is not recorded
    for (const t of saved.turns.filter((t) => t.speaker === 'supporter')) {
      expect(STRATEGIES).toContain(t.strategy);
      expect(t.labelSource).toBe('declared');
    }
  }, LOCAL_TEST_TIMEOUT_MS);

  it('a judge cadence the user chose is kept, and nothing is said about it', async () => {
    const dir = tempDir();
    const r = await runCli([...RUN, '--turns', '2', '--judge-cadence', '1', '--json'], envFor(dir, { PERSONA_TALKS_PROVIDER: 'local', PERSONA_TALKS_MODEL_FILE: tiny }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('trait judge runs every');
    expect(readSession(sessionFiles(dir)[0]!).header.judgeCadence).toBe(1);
  }, LOCAL_TEST_TIMEOUT_MS);

  it('measure and personas score run the pipeline on the local judge', async () => {
    const dir = tempDir();
    const env = envFor(dir, { PERSONA_TALKS_PROVIDER: 'local', PERSONA_TALKS_MODEL_FILE: tiny });
    expect((await runCli([...RUN, '--turns', '2', '--judge-cadence', '0', '--no-classifier'], env)).code).toBe(0);
    const [file] = sessionFiles(dir);
    const measured = await runCli(['measure', file!, '--speaker', 'seeker', '--json'], env);
    expect(measured.code, measured.stderr).toBe(0);
    const result = JSON.parse(measured.stdout) as { measurements: { speaker: string; model: { baseURL: string; model: string } }[] };
    expect(result.measurements).toHaveLength(1);
    expect(result.measurements[0]!.model).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(readSession(file!).records.some((r) => r.type === 'measurement')).toBe(true);

    const scored = await runCli(['personas', 'score', 'A night-shift nurse who jokes to hide how tired she is', '--json', '--preset', 'local', '--model-file', tiny], envFor(tempDir()));
    expect(scored.code, scored.stderr).toBe(0);
    const scores = JSON.parse(scored.stdout) as { hexaco: Record<string, number>; csi: Record<string, number> };
    for (const v of [...Object.values(scores.hexaco), ...Object.values(scores.csi)]) {
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(5);
    }
  }, LOCAL_TEST_TIMEOUT_MS);

  it('resume continues a local session on the file its header names, found in the models folder', async () => {
    const dir = tempDir();
    // No server in the environment: it would beat the recorded one, as for any resumed session.
    const env = envFor(dir);
    delete env.PERSONA_TALKS_BASE_URL;
    expect((await runCli([...RUN, '--turns', '6', '--preset', 'local', '--model-file', tiny, '--judge-cadence', '0', '--no-classifier'], env)).code).toBe(0);
    const [file] = sessionFiles(dir);
    // Cut the log after its second turn, as a killed run leaves it.
    const lines = readFileSync(file!, 'utf8').trim().split('\n');
    let turns = 0;
    const kept = lines.filter((line) => {
      const type = (JSON.parse(line) as { type: string }).type;
      if (type === 'turn') turns += 1;
      return type === 'header' || (type === 'turn' && turns <= 2);
    });
    writeFileSync(file!, `${kept.join('\n')}\n`);
    expect(readSession(file!).turns).toHaveLength(2);

    // The recorded file is not in the models folder yet: said plainly, and the log is left alone.
    const missing = await runCli(['resume', file!], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/tiny\.gguf is not in .*--model-file/);
    expect(readSession(file!).turns).toHaveLength(2);

    copyFileSync(tiny, join(env.PERSONA_TALKS_MODELS_DIR!, 'tiny.gguf'));
    const resumed = await runCli(['resume', file!], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Resuming');
    const after = readSession(file!);
    expect(after.records.some((r) => r.type === 'resumed')).toBe(true);
    expect(after.turns.length).toBeGreaterThan(2);
    expect(after.ended).toBeDefined();
  }, LOCAL_TEST_TIMEOUT_MS);

  it('doctor checks the local model through its own client, and no model is a clear refusal', async () => {
    const doctor = await runCli(['doctor', '--preset', 'local', '--model-file', tiny, '--json'], envFor(tempDir()));
    expect(doctor.code, doctor.stderr).toBe(0);
    const report = JSON.parse(doctor.stdout) as { endpoint: { baseURL: string; model: string }; checks: { id: string; status: string; title: string }[]; measurements: { jsonSchema?: string; contextLength?: number } };
    expect(report.endpoint).toEqual({ baseURL: 'local', model: 'tiny.gguf' });
    expect(report.checks[0]).toMatchObject({ id: 'reachable', title: 'Model loaded', status: 'pass' });
    expect(report.measurements.jsonSchema).toBe('honoured');
    expect(report.measurements.contextLength).toBe(16384);

    const none = await runCli([...RUN, '--preset', 'local'], envFor(tempDir()));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No local model yet. Run `persona-talks local setup`');
    expect(none.stderr).toContain('No conversation was started.');
  }, LOCAL_TEST_TIMEOUT_MS);
});
