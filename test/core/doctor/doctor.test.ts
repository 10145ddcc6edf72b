import { afterEach, describe, expect, it } from 'vitest';
import { runDoctorCommand } from '../../../src/commands/doctor.js';
import { doctorReportLines, runDoctor, type DoctorReport, type QuirkFound } from '../../../src/core/doctor/index.js';
import { demoHandler } from '../../../src/devtools/demo-handler.js';
import { quirkHandler, QUIRKS, type Quirk } from '../../../src/devtools/quirk-handler.js';
import { captureIo } from '../personas/helpers.js';
import { tempDir } from '../../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer, type FakeServerOptions } from '../../support/fake-openai-server.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function doctor(quirk: Quirk | undefined, options: FakeServerOptions = {}): Promise<DoctorReport> {
  server = await startFakeOpenAI({ handler: quirk ? quirkHandler(quirk, demoHandler()) : demoHandler(), ...options });
  return runDoctor({ baseURL: server.url, model: 'fake-model', apiKey: 'sk-doctor-SECRET-123456' }, { clientOptions: { retryBaseMs: 5 } });
}

const status = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id)?.status;

describe('doctor against a well-behaved server', () => {
  it('passes every check, names no quirk, and says it is ready', async () => {
    const report = await doctor(undefined);
    expect(report.quirks).toEqual([]);
    expect(report.verdict).toBe('ready');
    expect(report.measurements.jsonSchema).toBe('honoured');
    expect(report.measurements.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    expect(report.measurements.tokensPerSecond).toBeGreaterThan(0);
    expect(status(report, 'seeker-probe')).toBe('pass');
    expect(status(report, 'supporter-probe')).toBe('pass');
    expect(status(report, 'context')).toBe('skip');
    expect(JSON.stringify(report)).not.toContain('SECRET');
  });

  it('an unreachable server: one failing check, not usable', async () => {
    const report = await runDoctor({ baseURL: 'http://127.0.0.1:59997/v1', model: 'm' });
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([['reachable', 'fail']]);
    expect(report.verdict).toBe('not-usable');
  });
});

const EXPECTED: Record<Quirk, { quirks: QuirkFound[]; verdict: DoctorReport['verdict'] }> = {
  'think-tags': { quirks: ['reasoning-in-content'], verdict: 'usable-with-care' },
  'think-unclosed': { quirks: ['reasoning-in-content', 'empty-reply'], verdict: 'not-usable' },
  'think-orphan-close': { quirks: ['reasoning-in-content'], verdict: 'usable-with-care' },
  'reasoning-field': { quirks: ['reasoning-field'], verdict: 'ready' },
  'prose-json': { quirks: ['json-schema-wrapped'], verdict: 'usable-with-care' },
  'fenced-json': { quirks: ['json-schema-wrapped'], verdict: 'usable-with-care' },
  refusal: { quirks: ['refuses-persona'], verdict: 'not-usable' },
  'refusal-once': { quirks: ['refused-once'], verdict: 'usable-with-care' },
  'role-break': { quirks: ['role-break'], verdict: 'usable-with-care' },
  empty: { quirks: ['empty-reply'], verdict: 'not-usable' },
  'other-language': { quirks: ['other-language'], verdict: 'usable-with-care' },
  'no-json-schema': { quirks: ['json-schema-ignored', 'unlabelled-strategy'], verdict: 'usable-with-care' },
  'rejects-json-schema': { quirks: ['json-schema-rejected', 'unlabelled-strategy'], verdict: 'usable-with-care' },
};

describe('doctor names each quirk it meets', () => {
  it.each(QUIRKS)('%s', async (quirk) => {
    const report = await doctor(quirk);
    expect([...report.quirks].sort()).toEqual([...EXPECTED[quirk].quirks].sort());
    expect(report.verdict).toBe(EXPECTED[quirk].verdict);
    // No reasoning, raw JSON or control characters reach the report's text.
    const text = doctorReportLines(report).join('\n');
    expect(text).not.toMatch(/Let me plan|<think|\{"message"/);
    if (report.verdict !== 'ready') expect(report.recommendations.length).toBeGreaterThan(0);
  });
});

describe('context length, where the server reports it', () => {
  it.each([
    ['llamacpp', 'llama.cpp /props'],
    ['ollama', 'Ollama /api/show'],
    ['vllm', 'vLLM max_model_len'],
  ] as const)('%s', async (flavour, source) => {
    const report = await doctor(undefined, { flavour, contextLength: 2048 });
    expect(report.measurements.contextLength).toBe(2048);
    expect(report.measurements.contextSource).toContain(source);
    expect(report.quirks).toContain('small-context');
    expect(status(report, 'context')).toBe('warn');
    const roomy = await (async () => {
      await server!.close();
      return doctor(undefined, { flavour, contextLength: 32768 });
    })();
    expect(roomy.measurements.contextLength).toBe(32768);
    expect(status(roomy, 'context')).toBe('info');
  });
});

describe('persona-talks doctor (command)', () => {
  const env = (url: string) => ({ PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'), PERSONA_TALKS_BASE_URL: url, PERSONA_TALKS_MODEL: 'fake-model' });

  it('prints each check, the quirks, the verdict and recommendations; exit 0 when usable', async () => {
    server = await startFakeOpenAI({ handler: quirkHandler('no-json-schema', demoHandler()) });
    const cap = captureIo();
    const code = await runDoctorCommand([], cap.io, { env: env(server.url) });
    expect(code).toBe(0);
    const out = cap.stdout();
    expect(out).toContain(`doctor: fake-model @ ${server.url}`);
    expect(out).toMatch(/warn {2}Structured output \(json_schema\) +ignored: free text came back/);
    expect(out).toContain('Quirks met: json-schema-ignored');
    expect(out).toContain('Verdict: usable, with the quirks above');
    expect(out).toContain('Recommended:');
  });

  it('--json: one report per line; exit 1 when the model is not usable', async () => {
    server = await startFakeOpenAI({ handler: quirkHandler('empty', demoHandler()) });
    const cap = captureIo();
    const code = await runDoctorCommand(['--json', '--base-url', server.url, '--model', 'other-model'], cap.io, { env: env('http://127.0.0.1:1/v1') });
    expect(code).toBe(1);
    const reports = cap.stdout().trim().split('\n').map((l) => JSON.parse(l) as DoctorReport);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.endpoint.model).toBe('other-model');
    expect(reports[0]!.quirks).toContain('empty-reply');
    expect(reports[0]!.checks.find((c) => c.id === 'model-listed')?.status).toBe('warn');
  });

  it('bad usage exits 2', async () => {
    const cap = captureIo();
    expect(await runDoctorCommand(['--preset', 'nope'], cap.io, { env: {} })).toBe(2);
    expect(await runDoctorCommand(['--frobnicate'], cap.io, { env: {} })).toBe(2);
  });
});

describe('persona-talks doctor (built CLI)', () => {
  it('is a command of the CLI and never prints the API key', async () => {
    const { runCli } = await import('../../support/cli.js');
    server = await startFakeOpenAI({ handler: quirkHandler('think-tags', demoHandler()), flavour: 'llamacpp', contextLength: 16384 });
    const r = await runCli(['doctor', '--json'], {
      PERSONA_TALKS_BASE_URL: server.url,
      PERSONA_TALKS_MODEL: 'fake-model',
      PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
      PERSONA_TALKS_API_KEY: 'sk-cli-SECRET-abcdef',
    });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DoctorReport;
    expect(report.quirks).toEqual(['reasoning-in-content']);
    expect(report.measurements.contextLength).toBe(16384);
    expect(r.stdout + r.stderr).not.toContain('SECRET');
  });
});
