import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCompareCommand } from '../../src/commands/compare.js';
import { runDoctorCommand } from '../../src/commands/doctor.js';
import { runForkCommand } from '../../src/commands/fork.js';
import { runMeasureCommand } from '../../src/commands/measure.js';
import { runPersonaCardCommand } from '../../src/commands/personas-card.js';
import { runResumeCommand } from '../../src/commands/resume.js';
import { runRunCommand } from '../../src/commands/run.js';
import { runScoreCommand } from '../../src/commands/score.js';
import { findPersona } from '../../src/core/personas/library.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { createAppDeps } from '../../src/ui/realDeps.js';
import { collect, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { routeHosts } from '../support/host-router.js';
import { captureIo } from '../core/personas/helpers.js';

/**
 * OPENAI_API_KEY is OpenAI's credential: it may travel to *.openai.com and
 * nowhere else, whichever role's endpoint points where. Two loopback servers
 * record every Authorization header: one stands in for api.openai.com (requests
 * to that host are routed to it), the other is a judge on another host.
 */

const OPENAI_KEY = 'sk-openai-SECRET-0123456789';
let openai: FakeServer;
let other: FakeServer;

beforeAll(async () => {
  openai = await startFakeOpenAI({ handler: demoHandler(), models: ['fake-model'] });
  other = await startFakeOpenAI({ handler: demoHandler(), models: ['fake-model'] });
  vi.stubGlobal('fetch', routeHosts({ 'api.openai.com': openai.url, 'judge.example.test': other.url }));
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await Promise.all([openai.close(), other.close()]);
});
afterEach(() => {
  vi.unstubAllEnvs();
  openai.requests.length = 0;
  other.requests.length = 0;
});

const authOf = (server: FakeServer) => server.requests.map((r) => r.headers.authorization ?? '(none)');

/** The key reached OpenAI's host on every request there, and never anything else. */
function expectKeyOnlyAtOpenAI(options: { openaiUsed: boolean; otherUsed: boolean }) {
  if (options.openaiUsed) {
    expect(openai.requests.length).toBeGreaterThan(0);
    expect(new Set(authOf(openai))).toEqual(new Set([`Bearer ${OPENAI_KEY}`]));
  }
  if (options.otherUsed) expect(other.requests.length).toBeGreaterThan(0);
  for (const header of authOf(other)) expect(header).not.toContain(OPENAI_KEY);
  for (const r of other.requests) expect(r.rawBody).not.toContain(OPENAI_KEY);
}

/** Agents on api.openai.com, the judge on another host: the configuration. */
function agentsAtOpenAI(sessions: string): NodeJS.ProcessEnv {
  return {
    OPENAI_API_KEY: OPENAI_KEY,
    PERSONA_TALKS_BASE_URL: 'https://api.openai.com/v1',
    PERSONA_TALKS_JUDGE_BASE_URL: 'http://judge.example.test/v1',
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
  };
}

/** The other way round: agents on another host, the judge on api.openai.com. */
function judgeAtOpenAI(sessions: string): NodeJS.ProcessEnv {
  return {
    ...agentsAtOpenAI(sessions),
    PERSONA_TALKS_BASE_URL: 'http://judge.example.test/v1',
    PERSONA_TALKS_JUDGE_BASE_URL: 'https://api.openai.com/v1',
  };
}

function stubEnv(env: NodeJS.ProcessEnv) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
}

const sessionFile = (dir: string) => join(dir, readdirSync(dir).find((f) => f.endsWith('.jsonl'))!);

async function runOnce(env: NodeJS.ProcessEnv) {
  const cap = captureIo();
  const code = await runRunCommand(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '4'], cap.io, { env });
  return { code, err: cap.stderr() };
}

describe('OPENAI_API_KEY reaches *.openai.com only, for every command that builds clients', () => {
  it('run: the agents at OpenAI get the key, the judge elsewhere never does', async () => {
    const r = await runOnce(agentsAtOpenAI(tempDir()));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });

  it('run: agents on another host get no key, the judge at OpenAI gets it', async () => {
    const r = await runOnce(judgeAtOpenAI(tempDir()));
    expect(r.code).toBe(0);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });

  it('the terminal app starting a conversation', async () => {
    const env = agentsAtOpenAI(tempDir());
    const made = createAppDeps({ env, sessionsDir: env.PERSONA_TALKS_SESSIONS! });
    if (!made.ok) throw new Error(made.message);
    const library = await made.deps.loadLibrary();
    const started = await made.deps.app.startConversation({
      seeker: findPersona(library.personas, 'anxious-phd-student')!.persona,
      supporter: findPersona(library.personas, 'warm-listener')!.persona,
      condition: 'aware',
      engine: 'agents',
      mode: 'watch',
      turnCap: 4,
    });
    if (!started.ok) throw new Error(started.message);
    await collect(started.conversation);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });

  it('resume', async () => {
    const dir = tempDir();
    const env = agentsAtOpenAI(dir);
    expect((await runOnce(env)).code).toBe(0);
    // Cut the log after two turns, as a crash would leave it: resumable.
    const file = sessionFile(dir);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const kept: string[] = [];
    let turns = 0;
    for (const line of lines) {
      const type = (JSON.parse(line) as { type: string }).type;
      if (type === 'turn' && ++turns > 2) break;
      if (type !== 'ended') kept.push(line);
    }
    writeFileSync(file, `${kept.join('\n')}\n`);
    openai.requests.length = 0;
    other.requests.length = 0;
    const cap = captureIo();
    const code = await runResumeCommand([file], cap.io, { env });
    expect(cap.stderr()).toBe('');
    expect(code).toBe(0);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });

  it('measure: the judge elsewhere gets no key; at OpenAI it does', async () => {
    const dir = tempDir();
    expect((await runOnce(agentsAtOpenAI(dir))).code).toBe(0);
    for (const env of [agentsAtOpenAI(dir), judgeAtOpenAI(dir)]) {
      openai.requests.length = 0;
      other.requests.length = 0;
      vi.unstubAllEnvs();
      stubEnv(env);
      const cap = captureIo();
      expect(await runMeasureCommand([sessionFile(dir), '--speaker', 'seeker'], cap.io)).toBe(0);
      const judgeAtOpenAi = env.PERSONA_TALKS_JUDGE_BASE_URL!.includes('openai.com');
      expectKeyOnlyAtOpenAI({ openaiUsed: judgeAtOpenAi, otherUsed: !judgeAtOpenAi });
    }
  });

  it('personas score: the judge elsewhere gets no key; at OpenAI it does', async () => {
    for (const env of [agentsAtOpenAI(tempDir()), judgeAtOpenAI(tempDir())]) {
      openai.requests.length = 0;
      other.requests.length = 0;
      vi.unstubAllEnvs();
      stubEnv(env);
      expect(await runScoreCommand(['a quiet night-shift baker'], captureIo().io)).toBe(0);
      const judgeAtOpenAi = env.PERSONA_TALKS_JUDGE_BASE_URL!.includes('openai.com');
      expectKeyOnlyAtOpenAI({ openaiUsed: judgeAtOpenAi, otherUsed: !judgeAtOpenAi });
    }
  });

  it('personas import card: scoring the card asks the judge elsewhere without the key', async () => {
    const env = agentsAtOpenAI(tempDir());
    stubEnv(env);
    const card = join(tempDir(), 'card.json');
    writeFileSync(card, JSON.stringify({ spec: 'chara_card_v2', spec_version: '2.0', data: { name: 'Quiet Baker', description: 'A baker who works nights.', personality: 'calm' } }));
    const code = await runPersonaCardCommand(['import', 'card', card, '--role', 'supporter'], captureIo().io, { userDir: env.PERSONA_TALKS_PERSONAS! });
    expect(code).toBe(0);
    expectKeyOnlyAtOpenAI({ openaiUsed: false, otherUsed: true });
  });

  it('doctor: each checked server gets its own key', async () => {
    const cap = captureIo();
    await runDoctorCommand(['--json'], cap.io, { env: agentsAtOpenAI(tempDir()) });
    // Both servers were checked: the agents' model and the judge's.
    expect(cap.stdout().trim().split('\n')).toHaveLength(2);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });

  it('fork: continuing a session on its recorded servers', async () => {
    const dir = tempDir();
    const env = agentsAtOpenAI(dir);
    expect((await runOnce(env)).code).toBe(0);
    openai.requests.length = 0;
    other.requests.length = 0;
    const cap = captureIo();
    expect(await runForkCommand([sessionFile(dir), '--at', '2', '--condition', 'blind'], cap.io, { env })).toBe(0);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });

  it('compare: two conversations on shared clients', async () => {
    const env = agentsAtOpenAI(tempDir());
    const cap = captureIo();
    const code = await runCompareCommand(['--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--vs-supporter', 'blunt-coach', '--turns', '4'], cap.io, { env });
    expect(cap.stderr()).not.toMatch(/error|failed/i);
    expect(code).toBe(0);
    expectKeyOnlyAtOpenAI({ openaiUsed: true, otherUsed: true });
  });
});
