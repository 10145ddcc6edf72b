import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperimentReport } from '../../src/commands/experiment-report.js';
import { captureIo } from '../core/personas/helpers.js';
import { makeStudy, WITH_PERSONA, WITHOUT_PERSONA } from '../core/experiment-report/experiment-fixture.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';

let server: FakeServer;
let root: string;
let study: string;

beforeAll(async () => {
  server = await startFakeOpenAI();
  root = mkdtempSync(join(tmpdir(), 'pt-experiment-report-cmd-'));
  study = join(root, 'study');
  await makeStudy(server, study, { arms: [WITH_PERSONA, WITHOUT_PERSONA], seekers: ['anxious-phd-student', 'laid-off-machinist'], supporters: ['warm-listener'] });
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function report(args: string[]) {
  const cap = captureIo(100);
  const code = await runExperimentReport(args, cap.io);
  return { code, out: cap.stdout(), err: cap.stderr() };
}

describe('persona-talks experiment report DIR', () => {
  it('prints the summary of RQ1–RQ3, quality and costs, and says where the files went', async () => {
    const out = join(root, 'out-summary');
    const { code, out: text, err } = await report([study, '--out', out]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(text).toMatch(/^Experiment report: persona-effects \(loopback test\) — 4 of 4 planned conversations finished\./);
    for (const line of ['RQ1 · HEXACO × CSI over 3 personas', 'RQ2 · trait shift', 'RQ3 · support strategies: 12 labelled supporter turns', 'Dialogue quality: 4 conversations rated', 'Costs: ']) expect(text).toContain(line);
    expect(text.replace(/\s+/g, ' ')).toContain(`Written to ${out}: report.html, report.md, report.json, traits.csv, traits.json, turns.csv, turns.json, conversations.csv, conversations.json, charts/`);
    expect(text.split('\n').every((l) => l.length <= 100)).toBe(true);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('prints the report as JSON with --json, the same numbers report.json holds', async () => {
    const out = join(root, 'out-json');
    const { code, out: text, err } = await report([study, '--out', out, '--json']);
    expect(code).toBe(0);
    const printed = JSON.parse(text) as { data: { read: number }; rq3: { labelled: number } };
    expect(printed).toMatchObject({ data: { read: 4 }, rq3: { labelled: 12 } });
    expect(printed).toEqual(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    expect(err).toBe(`report written to ${out}\n`);
  });

  it('names an unreadable session file and reports the rest', async () => {
    const dir = join(root, 'with-bad-file');
    cpSync(study, dir, { recursive: true });
    writeFileSync(join(dir, 'sessions', 'broken.jsonl'), '\u0000\u0001 not json\n');
    const { code, out } = await report([dir]);
    expect(code).toBe(0);
    expect(out).toContain('4 of 4 planned conversations finished');
    expect(out).toMatch(/Unreadable session files, left out \(1\):\n {2}sessions\/broken\.jsonl: /);
    expect(existsSync(join(dir, 'report', 'report.md'))).toBe(true);
  });

  it('neutralises terminal control sequences in text from the folder', async () => {
    const dir = join(root, 'hostile-plan');
    cpSync(study, dir, { recursive: true });
    const plan = readFileSync(join(dir, 'plan.yaml'), 'utf8').replace(/^name: .*$/m, 'name: "evil \\e[2J\\e]0;owned\\a title"');
    writeFileSync(join(dir, 'plan.yaml'), plan);
    const { code, out } = await report([dir]);
    expect(code).toBe(0);
    expect(out).toContain('Experiment report: evil');
    for (const text of [out, readFileSync(join(dir, 'report', 'report.html'), 'utf8'), readFileSync(join(dir, 'report', 'report.md'), 'utf8')]) {
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('\u0007');
    }
  });

  it('exits 2 with the reason, writing nothing, for misuse or a folder that is not an experiment', async () => {
    const notExperiment = join(root, 'just-a-folder');
    cpSync(join(study, 'sessions'), join(notExperiment, 'sessions'), { recursive: true });
    const refused = await report([notExperiment]);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('it is not an experiment folder');
    expect(existsSync(join(notExperiment, 'report'))).toBe(false);

    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const outIsFile = await report([study, '--out', file]);
    expect(outIsFile.code).toBe(2);
    expect(outIsFile.err).toContain('is a file; the report needs a folder');
    expect(readFileSync(file, 'utf8')).toBe('x');

    expect((await report([])).code).toBe(2);
    expect((await report([study, study])).code).toBe(2);
  });
});
