import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStatsCommand } from '../../../src/commands/stats.js';
import { bar, renderStatsReport } from '../../../src/core/analysis/report-text.js';
import { buildStatsReport, type StatsReport } from '../../../src/core/analysis/report.js';
import { importEsconv } from '../../../src/core/sessions/esconv.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { captureIo, tempDir, writeSession } from '../sessions/fixtures.js';
import { writeFixtureSessions } from './fixtures.js';

function loadAll(dir: string) {
  return ['a1', 'a2', 'b1'].map((id) => readSession(join(dir, `${id}.jsonl`)));
}

describe('buildStatsReport', () => {
  it('counts strategies per group and overall', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const report = buildStatsReport(loadAll(dir), 'condition');
    expect(report.groups.map((g) => [g.key, g.sessions, g.labelledTurns, g.counts.Question, g.counts.Others])).toEqual([
      ['aware', 2, 10, 6, 4],
      ['blind', 1, 10, 2, 8],
    ]);
    expect(report.overall.counts.Question).toBe(8);
    expect(report.overall.distribution.Others).toBeCloseTo(0.6, 12);
    expect(report.groups[0]?.distribution.Question).toBeCloseTo(0.6, 12);
    expect(report.reference.distribution.Question).toBeCloseTo(0.207, 12);
  });

  it('tests the groups against each other with a chi-square computed by hand', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const { between, notes } = buildStatsReport(loadAll(dir), 'condition');
    // Table (unused strategies drop out):   Question  Others | total
    //                              aware        6        4   |  10
    //                              blind        2        8   |  10
    //                              total        8       12   |  20
    // Expected = row × col / 20: aware 4, 6; blind 4, 6.
    // χ² = (6−4)²/4 + (4−6)²/6 + (2−4)²/4 + (8−6)²/6 = 1 + 2/3 + 1 + 2/3 = 10/3, df = (2−1)(2−1) = 1.
    // p = P(χ²₁ ≥ 10/3) = erfc(√(10/6)) = 0.0678891548…
    expect(between?.groups).toEqual(['aware', 'blind']);
    expect(between?.statistic).toBeCloseTo(10 / 3, 10);
    expect(between?.df).toBe(1);
    expect(between?.pValue).toBeCloseTo(0.0678891548, 8);
    // Expected counts of 4 are under 5: the report says the p-value is approximate.
    expect(between?.lowExpected).toBe(true);
    expect(notes.join('\n')).toMatch(/expect fewer than 5 turns: the chi-square p-value is only approximate/);
  });

  it('fits each group to the ESConv reference row (goodness of fit by hand)', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const [aware, blind] = buildStatsReport(loadAll(dir), 'condition').groups;
    // aware: n = 10, expected = 10 × reference share; all eight categories kept, df = 7.
    // χ² = Σ (o − e)²/e = Σ o²/e − n = 6²/2.07 + 4²/1.82 − 10 = 16.1825131…
    // p for odd df: erfc(√(x/2)) + √(2x/π) e^(−x/2) (1 + x/3 + x²/15) = 0.0235002108…
    expect(aware?.vsReference?.statistic).toBeCloseTo(36 / 2.07 + 16 / 1.82 - 10, 9);
    expect(aware?.vsReference?.df).toBe(7);
    expect(aware?.vsReference?.pValue).toBeCloseTo(0.0235002108, 8);
    // blind: 2²/2.07 + 8²/1.82 − 10 = 27.0972023…, p = 0.000320117
    expect(blind?.vsReference?.statistic).toBeCloseTo(4 / 2.07 + 64 / 1.82 - 10, 9);
    expect(blind?.vsReference?.pValue).toBeCloseTo(0.000320117, 8);
  });

  it('measures declared-vs-perceived agreement only where perceived labels exist', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const [aware, blind] = buildStatsReport(loadAll(dir), 'condition').groups;
    // Pairs (declared, perceived): (Q,Q) (Q,O) (O,O) from a1, (O,O) from a2; a2's fallback turn is left out.
    // p_o = 3/4; declared Q ½ O ½, perceived Q ¼ O ¾ → p_e = ½·¼ + ½·¾ = ½; κ = (¾ − ½)/(1 − ½) = ½.
    expect(aware?.agreement).toEqual({ n: 4, observed: 0.75, chance: 0.5, kappa: 0.5 });
    expect(blind?.agreement).toBeUndefined();
  });

  it('computes trait shift from measurements, else the last meter reading, against persona targets', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const [aware, blind] = buildStatsReport(loadAll(dir), 'condition').groups;
    const seeker = aware?.traitShift.find((s) => s.speaker === 'seeker');
    // Seeker target E 4.6, X 1.8, CSI emotionality 4.4.
    // a1 measurement: E 3.6 (−1.0), X 2.8 (+1.0), emotionality 4.4 (0). a2 last meter: E 4.1 (−0.5); X has confidence 0.
    expect(seeker?.sessions).toBe(2);
    const e = seeker?.hexaco.find((r) => r.key === 'E');
    expect(e?.n).toBe(2);
    expect(e?.meanShift).toBeCloseTo(-0.75, 10);
    expect(e?.meanAbsoluteDifference).toBeCloseTo(0.75, 10);
    const x = seeker?.hexaco.find((r) => r.key === 'X');
    expect([x?.n, x?.meanShift, x?.meanAbsoluteDifference]).toEqual([1, expect.closeTo(1, 10), expect.closeTo(1, 10)]);
    expect(seeker?.csi).toEqual([{ key: 'emotionality', name: 'Emotionality', n: 1, meanShift: expect.closeTo(0, 10), meanAbsoluteDifference: expect.closeTo(0, 10) }]);
    const supporter = aware?.traitShift.find((s) => s.speaker === 'supporter');
    // Supporter target A 4.4; a2 meter 3.4 → −1.0.
    expect(supporter?.hexaco).toEqual([{ key: 'A', name: 'Agreeableness', n: 1, meanShift: expect.closeTo(-1, 10), meanAbsoluteDifference: expect.closeTo(1, 10) }]);
    expect(blind?.traitShift).toEqual([]);
  });

  it('groups by supporter, and puts imported sessions in a group of their own', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const imported = importEsconv(
      JSON.stringify([{ emotion_type: 'fear', dialog: [{ speaker: 'seeker', content: 'hi' }, { speaker: 'supporter', annotation: { strategy: 'Information' }, content: 'facts' }] }]),
      { file: 'x.json', dir, appVersion: '0' },
    );
    const sessions = [...loadAll(dir), readSession(imported.imported[0]!.path)];
    const bySupporter = buildStatsReport(sessions, 'supporter');
    expect(bySupporter.groups.map((g) => [g.key, g.sessions])).toEqual([
      ['esconv-human-supporter', 1],
      ['harbour-listener', 2],
      ['plain-supporter', 1],
    ]);
    const byCondition = buildStatsReport(sessions, 'condition');
    expect(byCondition.groups.map((g) => g.key)).toEqual(['aware', 'blind', 'imported:esconv']);
    expect(byCondition.between?.df).toBe(4); // 3 groups × 3 used strategies → (3−1)(3−1)
    expect(byCondition.notes.join('\n')).toMatch(/Imported sessions have no persona targets/);
  });

  it('does not test between groups when only one has labelled turns', () => {
    const dir = tempDir();
    writeSession(dir, { header: { id: 'solo' }, turns: [['supporter', 'q', 'Question']] });
    const report = buildStatsReport([readSession(join(dir, 'solo.jsonl'))], 'condition');
    expect(report.between).toBeUndefined();
    expect(report.notes.join('\n')).toMatch(/Only one group has labelled supporter turns/);
  });
});

describe('terminal rendering', () => {
  it('draws bars in eighth-cell steps, always at the given width', () => {
    expect(bar(0.5, 1, 8)).toBe('████    ');
    expect(bar(1 / 16, 1, 4)).toBe('▎   ');
    expect(bar(2, 1, 3)).toBe('███');
    expect(bar(0, 0, 3)).toBe('   ');
  });

  it('renders every section within the terminal width', () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const report = buildStatsReport(loadAll(dir), 'condition');
    for (const width of [60, 80, 120]) {
      const text = renderStatsReport(report, width);
      for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(width);
      expect(text.replace(/\s+/g, ' ')).toContain('χ² = 3.33, df = 1, p = 0.068 (approximate: low expected counts)');
      expect(text).toMatch(/aware\s+4 turns, agree 75\.0%, κ = 0\.50/);
      expect(text).toMatch(/E Emotionality\s+2\s+-0\.75\s+0\.75 █/);
    }
    expect(renderStatsReport(report, 100)).toMatch(/^ {2}Question +6 {2}60\.0% █+ +20\.7%$/m);
    expect(renderStatsReport(report, 60)).toMatch(/^ {2}QUE +6 {2}60\.0% █+ +20\.7%$/m);
  });
});

describe('stats command', () => {
  it('prints JSON for scripts, over a folder', async () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    const cap = captureIo();
    expect(await runStatsCommand([dir, '--json', '--by', 'condition'], cap.io)).toBe(0);
    const report = JSON.parse(cap.stdout()) as StatsReport;
    expect(report.groups.map((g) => g.counts.Question)).toEqual([6, 2]);
    expect(report.between?.statistic).toBeCloseTo(10 / 3, 10);
  });

  it('reads the sessions folder by default, prints charts, and refuses an unknown --by', async () => {
    const dir = tempDir();
    writeFixtureSessions(dir);
    let cap = captureIo(80);
    expect(await runStatsCommand([], cap.io, { sessionsDir: dir })).toBe(0);
    expect(cap.stdout()).toMatch(/^Strategy mix by condition — 3 sessions, 20 labelled supporter turns/);
    cap = captureIo();
    expect(await runStatsCommand(['--by', 'mood'], cap.io, { sessionsDir: dir })).toBe(2);
    expect(cap.stderr()).toMatch(/--by needs one of: condition, supporter, seeker, engine/);
    cap = captureIo();
    expect(await runStatsCommand([], cap.io, { sessionsDir: join(dir, 'nothing-here') })).toBe(0);
    expect(cap.stdout()).toBe('No sessions found.\n');
  });
});
