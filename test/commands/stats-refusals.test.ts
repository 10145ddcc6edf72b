import { describe, expect, it } from 'vitest';
import { runSessionsCommand } from '../../src/commands/sessions.js';
import { runStatsCommand } from '../../src/commands/stats.js';
import { buildStatsReport } from '../../src/core/analysis/report.js';
import { statisticsView } from '../../src/core/analysis/report-inputs.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { sessionFilesIn } from '../../src/core/sessions/list.js';
import type { SessionEvent } from '../../src/core/sessions/records.js';
import { captureIo, tempDir, writeSession } from '../core/sessions/fixtures.js';

/** A refused model reply is kept as a 'refusal' record: the figures count them, per group and per session. */

const TALK = [
  ['seeker', 'I keep missing deadlines.'],
  ['supporter', 'What gets in the way?', 'Question'],
] as const;

const refused = (kind: 'refusal' | 'out-of-persona', attempt: number): SessionEvent => ({
  type: 'refusal',
  index: 1,
  role: 'supporter',
  model: 'small-model',
  text: kind === 'refusal' ? 'I cannot help with that.' : 'As an AI language model, I do not have feelings.',
  kind,
  reason: kind === 'refusal' ? 'declined the role' : 'spoke as an AI',
  attempt,
  outcome: 'asked-again',
});

function folder(): string {
  const dir = tempDir();
  writeSession(dir, { turns: TALK, extra: [refused('refusal', 1), refused('out-of-persona', 2)] });
  writeSession(dir, { turns: TALK });
  return dir;
}

describe('refusals in the figures', () => {
  it('stats --json counts refused replies, by kind, and the sessions that had any', async () => {
    const c = captureIo();
    expect(await runStatsCommand([folder(), '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.stdout()) as { overall: { refusals: unknown }; groups: Array<{ refusals: unknown }> };
    expect(report.overall.refusals).toEqual({ total: 2, refusal: 1, outOfPersona: 1, sessions: 1 });
    expect(report.groups[0]!.refusals).toEqual({ total: 2, refusal: 1, outOfPersona: 1, sessions: 1 });
  });

  it('stats text says how many replies were refused', async () => {
    const c = captureIo();
    expect(await runStatsCommand([folder()], c.io)).toBe(0);
    expect(c.stdout()).toMatch(/Refused replies[^\n]*\n\s+aware\s+2 refused replies in 1 session \(1 refusal, 1 out of persona\)/);
  });

  it('sessions list --json gives each session its refusals', async () => {
    const c = captureIo();
    expect(await runSessionsCommand(['list', '--sessions', folder(), '--json'], c.io)).toBe(0);
    const listed = JSON.parse(c.stdout()) as { sessions: Array<{ refusals: number }> } | Array<{ refusals: number }>;
    const sessions = Array.isArray(listed) ? listed : listed.sessions;
    expect(sessions.map((s) => s.refusals).sort()).toEqual([0, 2]);
  });

  it('stats keeps only what the figures need of each session, and the figures are the same', () => {
    const dir = folder();
    writeSession(dir, {
      turns: TALK,
      extra: [
        { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true },
        { type: 'meter', speaker: 'seeker', afterTurn: 1, hexaco: { E: { score: 4.5, confidence: 0.6 } }, csi: {} },
        { type: 'notice', level: 'warn', message: 'a long warning that statistics never read' },
      ],
    });
    const sessions = sessionFilesIn(dir).map((path) => readSession(path));
    const lean = sessions.map(statisticsView);
    expect(buildStatsReport(lean, 'condition')).toEqual(buildStatsReport(sessions, 'condition'));
    expect(lean.flatMap((s) => s.turns.map((t) => t.text)).join('')).toBe('');
    expect(lean.flatMap((s) => s.records.map((r) => r.type))).not.toContain('notice');
    expect(lean.flatMap((s) => s.records.map((r) => r.type))).toEqual(expect.arrayContaining(['header', 'refusal', 'perceived', 'meter']));
  });
});
