import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExperimentReport, type ReportOutcome } from '../../src/app/experiment-report.js';
import type { ExperimentReport } from '../../src/core/experiment-report/report.js';
import { readSession, type LoadedSession } from '../../src/core/sessions/reader.js';
import { makeStudy, WITH_PERSONA, WITHOUT_PERSONA } from '../core/experiment-report/experiment-fixture.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';

/**
 * `experiment report` over a folder of real conversations (run by the engine
 * against the loopback server, measured by the real pipeline and rated by the
 * real quality rater). The statistics themselves are checked against
 * independent reference values in test/core/analysis; here every number the
 * report shows is checked against the session files, recounted in the test.
 */

let server: FakeServer;
let root: string;
let study: string;
let sessions: LoadedSession[];
let report: ExperimentReport;
let outDir: string;

function ok(outcome: ReportOutcome): Extract<ReportOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`report failed: ${outcome.problem}`);
  return outcome;
}

/** A copy of the study folder without its report, to damage. */
function copyOfStudy(name: string): string {
  const dir = join(root, name);
  cpSync(study, dir, { recursive: true, filter: (src) => !src.startsWith(join(study, 'report')) });
  return dir;
}

beforeAll(async () => {
  server = await startFakeOpenAI();
  root = mkdtempSync(join(tmpdir(), 'pt-experiment-report-'));
  study = join(root, 'study');
  await makeStudy(server, study, { engines: ['agents', 'script'], arms: [WITH_PERSONA, WITHOUT_PERSONA] });
  sessions = readdirSync(join(study, 'sessions')).map((f) => readSession(join(study, 'sessions', f)));
  const outcome = ok(await writeExperimentReport(study, { resamples: 500 }));
  report = outcome.report;
  outDir = outcome.outDir;
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const armOf = (s: LoadedSession) => (s.header as { arm?: { name: string } }).arm!.name;
const supporterTurns = (s: LoadedSession) => s.turns.filter((t) => t.speaker === 'supporter');

describe('experiment report over a folder of loopback conversations', () => {
  it('reads every planned conversation and writes every file into DIR/report', () => {
    // 3 seekers × 2 supporters × 2 engines with a persona, 3 seekers × the baseline × 2 engines without.
    expect(sessions).toHaveLength(18);
    expect(report.data).toMatchObject({ planned: 18, sessionFiles: 18, read: 18, states: { finished: 18 }, unreadable: [], notStarted: 0 });
    expect(outDir).toBe(join(study, 'report'));
    for (const name of ['report.html', 'report.md', 'report.json', 'traits.csv', 'traits.json', 'turns.csv', 'turns.json', 'conversations.csv', 'conversations.json']) {
      expect(existsSync(join(outDir, name)), name).toBe(true);
    }
    const charts = readdirSync(join(outDir, 'charts')).sort();
    expect(charts).toEqual(['quality', 'rq1-pearson', 'rq1-spearman', 'rq2-trait-shift', 'rq3-arm', 'rq3-engine'].flatMap((c) => [`${c}.svg`, `${c}.vl.json`]).sort());
    // No temporary file is left behind.
    expect(readdirSync(outDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('RQ1 correlates the scored traits of the distinct personas the sessions used', () => {
    const personas = new Map<string, { hexaco?: Record<string, number>; csi?: Record<string, number> }>();
    for (const s of sessions) for (const p of [s.header.personas.seeker, s.header.personas.supporter]) if (p.hexaco && p.csi) personas.set(p.id, p);
    expect(personas.size).toBe(5); // 3 seekers + 2 supporters; the baseline has no scores
    expect(report.rq1.personas).toBe(5);
    // Pearson r for Honesty-Humility ↔ Impression Manipulativeness, recomputed from the persona files' numbers.
    const xs = [...personas.values()].map((p) => p.hexaco!.H!);
    const ys = [...personas.values()].map((p) => p.csi!.impression_manipulativeness!);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
    const r = sxy / Math.sqrt(xs.reduce((a, x) => a + (x - mx) ** 2, 0) * ys.reduce((a, y) => a + (y - my) ** 2, 0));
    if (!report.rq1.matrix.ok) throw new Error(report.rq1.matrix.reason);
    const cell = report.rq1.matrix.matrix.cells.find((c) => c.hexaco === 'H' && c.csi === 'impression_manipulativeness')!;
    expect(cell.n).toBe(5);
    expect(cell.pearson.ok && cell.pearson.coefficient).toBeCloseTo(r, 12);
  });

  it('RQ3 counts each arm\'s declared strategies and the classifier\'s agreement as the sessions hold them', () => {
    const byArm = report.rq3.comparisons.find((c) => c.factor === 'arm')!;
    for (const arm of ['with-persona', 'without-persona']) {
      const turns = sessions.filter((s) => armOf(s) === arm).flatMap(supporterTurns);
      const counts: Record<string, number> = {};
      for (const t of turns) counts[t.strategy!] = (counts[t.strategy!] ?? 0) + 1;
      const mix = byArm.mix.find((m) => m.arm === arm)!;
      expect(mix.n).toBe(turns.length);
      expect(Object.fromEntries(Object.entries(mix.counts).filter(([, n]) => n > 0))).toEqual(counts);

      const perceived = sessions.filter((s) => armOf(s) === arm).flatMap((s) => s.records.filter((r) => r.type === 'perceived')) as Array<{ agrees: boolean }>;
      const agreement = report.rq3.agreement.find((a) => a.arm === arm)!.result;
      expect(agreement.ok && agreement.n).toBe(perceived.length);
      expect(agreement.ok && agreement.observed).toBeCloseTo(perceived.filter((p) => p.agrees).length / perceived.length, 12);
    }
    // The scripted model gives the baseline a different mix: the test of independence finds it.
    expect(byArm.independence.ok && byArm.independence.pHolm).toBeLessThan(0.05);
    expect(report.rq3.comparisons.map((c) => c.factor)).toEqual(['arm', 'engine']);
  });

  it('dialogue quality summarises each arm\'s ratings and tests the difference', () => {
    for (const arm of report.quality.arms) {
      const empathy = sessions
        .filter((s) => armOf(s) === arm.arm)
        .flatMap((s) => s.records.filter((r) => r.type === 'quality'))
        .map((q) => (q as { empathy: number }).empathy);
      expect(arm.n).toBe(empathy.length);
      expect(arm.metrics.empathy.ok && arm.metrics.empathy.mean).toBeCloseTo(empathy.reduce((a, b) => a + b, 0) / empathy.length, 12);
    }
    const empathy = report.quality.tests.find((t) => t.metric === 'empathy')!.test;
    expect(empathy).toMatchObject({ ok: true, test: 'mann-whitney', arms: ['with-persona', 'without-persona'] });
    if (!empathy.ok || empathy.test !== 'mann-whitney') throw new Error('expected a Mann–Whitney test of two arms');
    expect(empathy.rankBiserial).toBeGreaterThan(0.5);
  });

  it('writes tidy tables with one row per supporter turn and per conversation × speaker × dimension', () => {
    const lines = (name: string) => readFileSync(join(outDir, name), 'utf8').trimEnd().split('\n');
    const supporterTurnCount = sessions.flatMap(supporterTurns).length;
    expect(lines('turns.csv')).toHaveLength(1 + supporterTurnCount);
    expect(JSON.parse(readFileSync(join(outDir, 'turns.json'), 'utf8'))).toHaveLength(supporterTurnCount);
    // Two measured speakers per conversation, twelve dimensions each (six HEXACO, six CSI).
    expect(lines('traits.csv')).toHaveLength(1 + 18 * 2 * 12);
    const traits = JSON.parse(readFileSync(join(outDir, 'traits.json'), 'utf8')) as Array<Record<string, unknown>>;
    const row = traits.find((r) => r.role === 'seeker' && r.dimension === 'H' && r.engine === 'agents')!;
    const session = sessions.find((s) => s.path.endsWith(`/${String(row.conversation)}.jsonl`))!;
    expect(row.target).toBe(session.header.personas.seeker.hexaco!.H);
    const measured = session.records.find((r) => r.type === 'measurement' && (r as { speaker: string }).speaker === 'seeker') as { hexaco: Record<string, number> };
    expect(row.measured).toBe(measured.hexaco.H);
    expect(lines('conversations.csv')).toHaveLength(1 + 18);
  });

  it('report.html stands alone: no script, nothing fetched, every chart inline', () => {
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import/i);
    // Links only inside the page; url() only to the SVGs' own gradients and clips.
    expect([...html.matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('#'))).toEqual([]);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!).filter((u) => !u.startsWith('#'))).toEqual([]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html.match(/<svg\b/g)).toHaveLength(6);
    for (const heading of ['RQ1', 'RQ2', 'RQ3', 'Dialogue quality', 'Costs']) expect(html).toContain(heading);
  });

  it('never writes the API key into any report file', () => {
    const files = [...readdirSync(outDir).filter((f) => f !== 'charts'), ...readdirSync(join(outDir, 'charts')).map((f) => join('charts', f))];
    for (const f of files) expect(readFileSync(join(outDir, f), 'utf8'), f).not.toContain('SECRET');
  });

  it('reports the rest and names the file when a session is corrupt or its last line torn', async () => {
    const dir = copyOfStudy('damaged');
    writeFileSync(join(dir, 'sessions', 'garbage.jsonl'), 'this is not a session\n{"type":"turn"}\n');
    const torn = readdirSync(join(dir, 'sessions')).find((f) => f.startsWith('with-persona'))!;
    appendFileSync(join(dir, 'sessions', torn), '{"type":"quality","empathy":');
    const damaged = ok(await writeExperimentReport(dir, { resamples: 200 })).report;
    expect(damaged.data.read).toBe(18);
    expect(damaged.data.unreadable.map((u) => u.file)).toEqual(['sessions/garbage.jsonl']);
    expect(damaged.data.damaged).toEqual([{ file: `sessions/${torn}`, lines: [expect.any(Number)] }]);
    expect(readFileSync(join(dir, 'report', 'report.md'), 'utf8')).toContain('garbage.jsonl');
  });

  it('counts a stopped conversation and the ones not yet run, and leaves them out of the statistics', async () => {
    const dir = copyOfStudy('partial');
    const files = readdirSync(join(dir, 'sessions')).sort();
    rmSync(join(dir, 'sessions', files[0]!));
    // A conversation cut short: its log ends before any `ended` record.
    const cut = join(dir, 'sessions', files[1]!);
    const text = readFileSync(cut, 'utf8').split('\n');
    writeFileSync(cut, `${text.slice(0, text.findIndex((l) => l.includes('"type":"ended"'))).join('\n')}\n`);
    const partial = ok(await writeExperimentReport(dir, { resamples: 200 })).report;
    expect(partial.data).toMatchObject({ planned: 18, read: 17, notStarted: 1, states: { finished: 16 } });
    expect(partial.data.states.finished + partial.data.states.stopped + partial.data.states.unfinished + partial.data.states.failed).toBe(17);
    const conversations = JSON.parse(readFileSync(join(dir, 'report', 'conversations.json'), 'utf8')) as Array<{ state: string }>;
    expect(conversations).toHaveLength(18);
    expect(conversations.filter((c) => c.state === 'finished')).toHaveLength(16);
  });

  it('refuses a folder that is not an experiment, and writes nothing there', async () => {
    const empty = join(root, 'empty');
    cpSync(join(study, 'sessions'), join(empty, 'sessions'), { recursive: true });
    const outcome = await writeExperimentReport(empty);
    expect(outcome).toEqual({ ok: false, problem: expect.stringContaining('has no plan.yaml or manifest.json: it is not an experiment folder') });
    expect(existsSync(join(empty, 'report'))).toBe(false);
    expect(await writeExperimentReport(join(root, 'nowhere'))).toEqual({ ok: false, problem: expect.stringContaining('does not exist') });
  });

  it('the same folder and seed give the same report', async () => {
    const again = ok(await writeExperimentReport(study, { resamples: 500, outDir: join(root, 'again') })).report;
    const strip = (r: ExperimentReport) => JSON.stringify({ ...r, generated: { ...r.generated, at: '' } });
    expect(strip(again)).toBe(strip(report));
  });
});
