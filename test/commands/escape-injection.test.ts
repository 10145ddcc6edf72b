import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompareCommand } from '../../src/commands/compare.js';
import { runDoctorCommand } from '../../src/commands/doctor.js';
import { runExperimentCommand } from '../../src/commands/experiment.js';
import { runForkCommand } from '../../src/commands/fork.js';
import { runExportCommand } from '../../src/commands/export.js';
import { runImportCommand } from '../../src/commands/import.js';
import { runMeasureCommand } from '../../src/commands/measure.js';
import { runPersonasCommand } from '../../src/commands/personas.js';
import { runReplayCommand } from '../../src/commands/replay.js';
import { runResumeCommand } from '../../src/commands/resume.js';
import { runRunCommand } from '../../src/commands/run.js';
import { runScoreCommand } from '../../src/commands/score.js';
import { runSessionsCommand } from '../../src/commands/sessions.js';
import { runStatsCommand } from '../../src/commands/stats.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { tempDir } from '../support/engine-fixtures.js';
import { planYaml, writePlan } from '../support/experiments.js';
import { startFakeOpenAI, type FakeServer, type Reply, type ReplyHandler } from '../support/fake-openai-server.js';
import { captureIo } from '../core/personas/helpers.js';

/**
 * A hostile model: every sentence it writes carries a screen clear, a cursor move, an
 * OSC window title and a bell. Every command's text output (stdout and stderr, text
 * and tables, notes, reports) must reach the terminal with none of those bytes raw.
 */

const HOSTILE = '\u001b[2J\u001b[H\u001b]0;pwned\u0007\u0007\u009b31m';

/** Appends the hostile bytes to every long string of a JSON answer (not to enum values), or to a plain-text answer. */
function hostile(handler: ReplyHandler): ReplyHandler {
  const spoil = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key !== 'strategy' && value.length > 25 ? `${value}${HOSTILE}` : value;
    if (Array.isArray(value)) return value.map((v) => spoil(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spoil(v, k)]));
    return value;
  };
  return async (request) => {
    const reply: Reply = await handler(request);
    if (reply.kind !== 'text') return reply;
    try {
      return { ...reply, content: JSON.stringify(spoil(JSON.parse(reply.content))) };
    } catch {
      return { ...reply, content: `${reply.content}${HOSTILE}` };
    }
  };
}

const rawControls = (text: string) => [...text].filter((ch) => ch === '\u001b' || ch === '\u0007' || ch === '\u009b').length;

let server: FakeServer;
let env: NodeJS.ProcessEnv;
let sessions: string;

beforeAll(async () => {
  server = await startFakeOpenAI({ handler: hostile(demoHandler()), models: ['fake-model'] });
  sessions = tempDir('pt-hostile-');
  env = {
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
  };
  for (const [k, v] of Object.entries(env)) process.env[k] = v;
});
afterAll(async () => {
  for (const k of Object.keys(env)) delete process.env[k];
  await server.close();
});

const sessionFile = () => join(sessions, readdirSync(sessions).find((f) => f.endsWith('.jsonl'))!);

async function output(run: (io: ReturnType<typeof captureIo>['io']) => Promise<number>) {
  const cap = captureIo();
  const code = await run(cap.io);
  return { code, text: cap.stdout() + cap.stderr() };
}

describe('no raw ESC or BEL byte of model or file text reaches the terminal, from any command', () => {
  it('run prints the hostile conversation neutralised', async () => {
    const r = await output((io) => runRunCommand(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '4', '--judge-cadence', '1'], io, { env }));
    expect(r.code).toBe(0);
    expect(r.text).toContain('␛[2J');
    expect(rawControls(r.text)).toBe(0);
  });

  it.each([
    ['replay', () => (io: never) => runReplayCommand([sessionFile()], io, { interactive: false })],
    ['export --format md', () => (io: never) => runExportCommand([sessionFile(), '--format', 'md'], io)],
    ['export --format csv', () => (io: never) => runExportCommand([sessionFile(), '--format', 'csv'], io)],
    ['stats', () => (io: never) => runStatsCommand([sessions], io)],
    ['sessions list', () => (io: never) => runSessionsCommand(['list', '--sessions', sessions], io)],
    ['measure', () => (io: never) => runMeasureCommand([sessionFile(), '--speaker', 'seeker'], io)],
    ['personas score', () => (io: never) => runScoreCommand(['a quiet night-shift baker'], io)],
    ['doctor', () => (io: never) => runDoctorCommand([], io, { env })],
    ['fork', () => (io: never) => runForkCommand([sessionFile(), '--at', '2', '--condition', 'blind', '--sessions', tempDir()], io, { env })],
    ['compare', () => (io: never) => runCompareCommand(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--vs-supporter', 'blunt-coach', '--turns', '4', '--sessions', tempDir()], io, { env })],
    ['sessions list --tree', () => (io: never) => runSessionsCommand(['list', '--tree', '--sessions', sessions], io)],
    ['measure --quality', () => (io: never) => runMeasureCommand([sessionFile(), '--quality'], io)],
    [
      'personas generate',
      () => (io: never) => {
        const seeds = join(tempDir(), 'seeds.txt');
        writeFileSync(seeds, `A ferry clerk whose line closes in spring.${HOSTILE}\nA night-shift baker who worries about everything.\n`);
        return runPersonasCommand(['generate', '--from', seeds, '--count', '2', '--out', join(tempDir(), 'made')], io, { userDir: tempDir() });
      },
    ],
  ])('%s', async (_name, make) => {
    const r = await output(make() as (io: ReturnType<typeof captureIo>['io']) => Promise<number>);
    expect(r.code).toBe(0);
    expect(rawControls(r.text)).toBe(0);
  });

  it('experiment run and its report, with the judge, the classifier and the quality rater on', async () => {
    const dir = join(tempDir(), 'study');
    const plan = writePlan(planYaml({ measurement: 'live', classifier: true, quality: true }));
    const ran = await output((io) => runExperimentCommand(['run', plan, '--dir', dir], io, { env, plain: true }));
    expect(ran.code).toBe(0);
    expect(rawControls(ran.text)).toBe(0);
    const report = await output((io) => runExperimentCommand(['report', dir], io));
    expect(report.code).toBe(0);
    expect(rawControls(report.text)).toBe(0);
  });

  it('measure shows the extracted card, neutralised', async () => {
    const r = await output((io) => runMeasureCommand([sessionFile(), '--speaker', 'supporter'], io));
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/Extracted card: .*␛/s);
    expect(rawControls(r.text)).toBe(0);
  });

  it('resume of a cut-short hostile session', async () => {
    const file = sessionFile();
    // Cut after two turns, as a crash would leave it: two turns are left to run.
    const kept: string[] = [];
    let turns = 0;
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const type = (JSON.parse(line) as { type: string }).type;
      if (type === 'turn' && ++turns > 2) break;
      kept.push(line);
    }
    writeFileSync(file, `${kept.join('\n')}\n`);
    const r = await output((io) => runResumeCommand([file], io, { env }));
    expect(r.code).toBe(0);
    expect(r.text).toContain('␛[2J');
    expect(rawControls(r.text)).toBe(0);
  });

  it('import esconv of a file full of escapes, and its report', async () => {
    const file = join(tempDir(), `esc${HOSTILE}.json`);
    const dialog = [
      { speaker: 'seeker', content: `I cannot sleep.${HOSTILE}`, annotation: {} },
      { speaker: 'supporter', content: `That sounds hard.${HOSTILE}`, annotation: { strategy: `Hugging${HOSTILE}` } },
      { speaker: `narrator${HOSTILE}`, content: 'x', annotation: {} },
    ];
    writeFileSync(file, JSON.stringify([{ emotion_type: `sad${HOSTILE}`, problem_type: 'job', situation: 's', dialog }, { dialog: `none${HOSTILE}` }, `junk${HOSTILE}`]));
    for (const args of [[], ['--json']]) {
      const r = await output((io) => runImportCommand(['esconv', file, '--sessions', tempDir(), ...args], io));
      expect(r.code).toBe(0);
      expect(rawControls(r.text)).toBe(0);
    }
  });

  it.each([
    ['an API error whose message carries escapes', { kind: 'status', status: 400, body: { error: { message: `bad request${HOSTILE}`, type: 'invalid_request_error' } } }],
    ['an HTML page with escapes in it', { kind: 'raw', status: 200, contentType: `text/html${HOSTILE}`, body: `<html>${HOSTILE}</html>` }],
  ] as Array<[string, Reply]>)('errors: %s', async (_name, reply) => {
    const failing = await startFakeOpenAI({ handler: () => reply, models: ['fake-model'] });
    try {
      const here = { ...env, PERSONA_TALKS_BASE_URL: failing.url, PERSONA_TALKS_SESSIONS: tempDir() };
      const r = await output((io) => runRunCommand(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '4'], io, { env: here }));
      expect(r.code).not.toBe(0);
      expect(rawControls(r.text)).toBe(0);
    } finally {
      await failing.close();
    }
  });
});
