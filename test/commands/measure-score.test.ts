import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMeasureCommand } from '../../src/commands/measure.js';
import { runScoreCommand } from '../../src/commands/score.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { agentsHandler, collect, makeConversation, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { judgeAnswer, judgeClient, schemaName } from '../core/traits/judge-fixtures.js';
import { createChatClient } from '../../src/core/llm/client.js';
import type { RecordedRequest, Reply } from '../support/fake-openai-server.js';
import { captureIo } from '../core/personas/helpers.js';
import { writeSession } from '../core/sessions/fixtures.js';
import { EXPECTED_CSI, EXPECTED_HEXACO, fixtureInventories, pipelineHandler } from '../core/traits/pipeline-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A table line as the commands print it: names padded to the longest dimension name (27). */
const row = (name: string, rest: string) => `  ${name.padEnd(27)}  ${rest}`;
const lines = (out: string) => out.split('\n');

async function score(args: string[]) {
  const cap = captureIo();
  const code = await runScoreCommand(args, cap.io, { judge: judgeClient(server!.url), inventories: fixtureInventories() });
  return { code, out: cap.stdout(), err: cap.stderr() };
}

async function measure(args: string[], sessionsDir?: string) {
  const cap = captureIo();
  const code = await runMeasureCommand(args, cap.io, { judge: judgeClient(server!.url), inventories: fixtureInventories(), sessionsDir });
  return { code, out: cap.stdout(), err: cap.stderr() };
}

describe('persona-talks personas score', () => {
  it('prints HEXACO and CSI with bars, and the scores as persona YAML', async () => {
    server = await startFakeOpenAI({ handler: pipelineHandler() });
    const { code, out, err } = await score(['A night-shift baker', 'who worries about everything.']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^HEXACO \(1–5\)$/m);
    expect(lines(out)).toContain(row('E  Emotionality', `4.5  ${'█'.repeat(17)}▌░░`));
    expect(lines(out)).toContain(row('X  eXtraversion', `1.5  ██▌${'░'.repeat(17)}`));
    expect(lines(out)).toContain(row('Impression Manipulativeness', `1.5  ██▌${'░'.repeat(17)}`));
    expect(lines(out)).toContain(row('Verbal Aggressiveness', `1.0  ${'░'.repeat(20)}`));
    expect(out).toContain('hexaco:\n  H: 4\n  E: 4.5\n  X: 1.5');
    expect(out).toContain('  impression_manipulativeness: 1.5');
    expect(out).not.toContain('target');
    // Unquoted words were joined into one description.
    expect(server.chatRequests()[0]!.body.messages![1]!.content).toContain('A night-shift baker who worries about everything.');
  });

  it('prints JSON with --json', async () => {
    server = await startFakeOpenAI({ handler: pipelineHandler() });
    const { code, out } = await score(['--json', 'someone calm']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { hexaco: object; csi: object; missing: string[]; behaviours: { hexaco: { E: string } } };
    expect(parsed.hexaco).toEqual(EXPECTED_HEXACO);
    expect(parsed.csi).toEqual(EXPECTED_CSI);
    expect(parsed.missing).toEqual([]);
    expect(parsed.behaviours.hexaco.E).toBe('Behaviour sentence for E.');
  });

  it('exits 2 on bad usage and 1 when the model cannot score, with the reason on stderr', async () => {
    server = await startFakeOpenAI({ handler: () => ({ kind: 'text', content: 'I would rather not.' }) });
    expect((await score([])).code).toBe(2);
    expect((await score(['--verbose', 'x'])).err).toMatch(/unknown option "--verbose"/);
    const failed = await score(['someone']);
    expect(failed.code).toBe(1);
    expect(failed.out).toBe('');
    expect(failed.err.replace(/\s+/g, ' ')).toMatch(/behaviour descriptions: the model's answer could not be used twice in a row \(the reply was not JSON/);
  });
});

describe('persona-talks measure', () => {
  async function session(): Promise<string> {
    server = await startFakeOpenAI({ handler: agentsHandler() });
    const conv = makeConversation(server.url, { turnCap: 4, sessionsDir: tempDir('pt-measure-cmd-') });
    await collect(conv);
    server.respond(pipelineHandler());
    return conv.sessionPath!;
  }

  it('prints measured beside target with Δ, marks large drifts, and records the measurement', async () => {
    const path = await session();
    const { code, out, err } = await measure([path, '--speaker', 'seeker']);
    expect(code).toBe(0);
    expect(err).toMatch(/measuring the seeker/);
    expect(out).toMatch(/^Seeker: Marguerite Quill \(test-seeker\) — measured after 4 turns with judge-model$/m);
    expect(out).toContain('Extracted card: age 25-34, woman, baker. Works nights at a bakery and sleeps badly.');
    // E: measured 4.5 against a target of 4.6; O: 3.5 against 2.5 is a large drift.
    expect(lines(out)).toContain(row('E  Emotionality', `4.5  ${'█'.repeat(17)}▌░░   4.6  −0.1`));
    expect(lines(out)).toContain(row('O  Openness to Experience', `3.5  ${'█'.repeat(12)}▌${'░'.repeat(7)}   2.5  +1.0 !`));
    expect(lines(out)).toContain(row('Expressiveness', `2.0  █████${'░'.repeat(15)}   2.0   0.0`));
    expect(lines(out)).toContain(row('Verbal Aggressiveness', `1.0  ${'░'.repeat(20)}   1.5  −0.5`));
    expect(out).toContain(`Recorded in ${path}`);
    expect(out).not.toMatch(/^Supporter:/m);
    const records = readSession(path).records.filter((r) => r.type === 'measurement');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ speaker: 'seeker', hexaco: EXPECTED_HEXACO });
  });

  it('measures both speakers by default, finds a session by id, and prints JSON', async () => {
    const path = await session();
    const id = basename(path, '.jsonl');
    const { code, out } = await measure([id, '--json'], dirname(path));
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { session: string; measurements: { speaker: string; csi: object }[] };
    expect(parsed.session).toBe(path);
    expect(parsed.measurements.map((m) => m.speaker)).toEqual(['seeker', 'supporter']);
    expect(parsed.measurements[1]!.csi).toEqual(EXPECTED_CSI);
    expect(readSession(path).records.filter((r) => r.type === 'measurement')).toHaveLength(2);
  });

  it('exits 2 on bad usage and 1 for a missing session or an unusable model', async () => {
    const path = await session();
    expect((await measure([])).code).toBe(2);
    expect((await measure([path, '--speaker', 'judge'])).err).toMatch(/--speaker needs one of: seeker, supporter/);
    const missing = await measure(['no-such-session']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no session "no-such-session"/);
    server!.respond(() => ({ kind: 'status', status: 404 }));
    const broken = await measure([path, '--speaker=supporter']);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/persona-talks measure: /);
    expect(readSession(path).records.some((r) => r.type === 'measurement')).toBe(false);
  });

  it('first finishes what the live judge left pending, and records it as the live meter would have', async () => {
    // A conversation whose judge is far slower than its turns, with a short final wait: labels and readings are left pending.
    const agents = agentsHandler();
    const slowJudge = (r: RecordedRequest): Reply | undefined =>
      schemaName(r) === 'trait_estimate' || schemaName(r)?.startsWith('perceived_') ? { kind: 'delay', ms: 5_000, then: { kind: 'text', content: '{}' } } : undefined;
    server = await startFakeOpenAI({ handler: (r) => slowJudge(r) ?? agents(r) });
    const conv = makeConversation(server.url, {
      turnCap: 4,
      sessionsDir: tempDir('pt-measure-pending-'),
      clients: {
        seeker: createChatClient({ baseURL: server.url, model: 's' }),
        supporter: createChatClient({ baseURL: server.url, model: 'p' }),
        judge: judgeClient(server.url),
      },
      judgeCadence: 1,
      perceive: true,
      finalWaitMs: 50,
    });
    const events = await collect(conv);
    const path = conv.sessionPath!;
    const notice = events.flatMap((e) => (e.type === 'notice' && e.level === 'warn' ? [e.message] : []));
    expect(notice).toEqual([expect.stringMatching(/the strategy labels of turns 2, 4 and the last trait reading of the seeker and the supporter are pending; `persona-talks measure .*` finishes them/)]);
    expect(readSession(path).records.some((r) => r.type === 'meter' || r.type === 'perceived')).toBe(false);

    const pipeline = pipelineHandler();
    server.respond((r) => {
      if (schemaName(r) === 'trait_estimate') return { kind: 'text', content: judgeAnswer({ score: 2.5, confidence: 0.5 }) };
      if (schemaName(r) === 'perceived_strategies') return { kind: 'text', content: JSON.stringify({ labels: { '2': { reason: 'r', strategy: 'Question' }, '4': { reason: 'r', strategy: 'Others' } } }) };
      return pipeline(r);
    });
    server.requests.length = 0;
    const { code, out, err } = await measure([path]);
    expect(code).toBe(0);
    expect(err).toMatch(/finishing what the live judge left pending: 2 strategy labels and the last trait reading of the seeker and the supporter…/);
    expect(out).toContain("Finished 2 pending strategy labels, the seeker's last trait reading, the supporter's last trait reading.");
    // One classifier call for both labels, one reading per speaker, then the pipeline.
    const kinds = server.chatRequests().map(schemaName);
    expect(kinds.filter((k) => k === 'perceived_strategies')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'trait_estimate')).toHaveLength(2);
    const after = readSession(path);
    expect(after.records.flatMap((r) => (r.type === 'perceived' ? [[r.index, r.strategy, r.via]] : []))).toEqual([
      [1, 'Question', 'classifier'],
      [3, 'Others', 'classifier'],
    ]);
    expect(after.records.flatMap((r) => (r.type === 'meter' ? [[r.speaker, r.afterTurn]] : []))).toEqual([
      ['seeker', 3],
      ['supporter', 3],
    ]);
    // Nothing is left: measuring again does not ask again.
    server.requests.length = 0;
    expect((await measure([path, '--speaker', 'seeker'])).err).not.toMatch(/pending/);
    expect(server.chatRequests().map(schemaName).filter((k) => k === 'trait_estimate' || k?.startsWith('perceived_'))).toEqual([]);
  });

  it('says how many pending labels named none of the eight: recorded as failed, never as "Others"', async () => {
    const pipeline = pipelineHandler();
    server = await startFakeOpenAI({
      handler: (r) =>
        schemaName(r) === 'perceived_strategies'
          ? { kind: 'text', content: JSON.stringify({ labels: { '2': { reason: 'r', strategy: 'Question' }, '4': { reason: 'r', strategy: 'Kindness' } } }) }
          : pipeline(r),
    });
    const path = writeSession(tempDir('pt-measure-failed-'), {
      header: { perceive: true },
      turns: [
        ['seeker', 'The ferry line closes in spring.'],
        ['supporter', 'How long have you known?', 'Question'],
        ['seeker', 'Two weeks.'],
        ['supporter', 'That is a lot to carry alone.', 'Reflection of Feelings'],
      ],
    });
    const { code, out } = await measure([path, '--speaker', 'supporter']);
    expect(code).toBe(0);
    expect(out).toContain('Finished 1 pending strategy label.');
    expect(out).toContain('1 strategy label named none of the eight strategies: recorded as failed; measure again to ask again.');
    expect(readSession(path).records.flatMap((r) => (r.type === 'perceived' ? [[r.index, r.strategy ?? 'failed']] : []))).toEqual([
      [1, 'Question'],
      [3, 'failed'],
    ]);
  });
});
