import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMeasureCommand } from '../../src/commands/measure.js';
import { runScoreCommand } from '../../src/commands/score.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { agentsHandler, collect, makeConversation, tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { judgeClient } from '../core/traits/judge-fixtures.js';
import { captureIo } from '../core/personas/helpers.js';
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
});
