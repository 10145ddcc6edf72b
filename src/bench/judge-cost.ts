import { pacedReplies, pipedConversation, type ConversationRun } from './conversation-runs.js';
import type { BenchOptions } from './options.js';
import type { Figures } from './summary.js';

/** State kept across rounds: the slow judge is sized from the first round's agent turns. */
export interface JudgeCostState {
  slowJudgeMs?: number;
}

const JUDGE_OFF = ['--judge-cadence', '0', '--no-classifier'];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * P3: how much longer a headless conversation takes, spawn to exit, with the
 * judge and classifier on (the defaults) than with both off, when every
 * judge-side call is slow: once at a fixed duration, once at a multiple of an
 * agent turn. The headless run waits for the judge's last answers before it
 * exits, so a backlog shows up here as wall time after the last turn.
 */
export async function measureJudgeCost(o: BenchOptions, figures: Figures, state: JudgeCostState, progress: (text: string) => void): Promise<void> {
  progress('headless conversation, judge and classifier off');
  const off = await pipedConversation(o, pacedReplies(o), { extraArgs: JUDGE_OFF });
  const agentTurnMs = mean(off.server.agentCallMs);
  state.slowJudgeMs ??= Math.round((o.slowJudgeTurns * agentTurnMs) / 100) * 100;

  const configurations = [
    { id: 'P3', label: `P3 wall time judge on ÷ off, every judge-side call ${(o.judgeCallMs / 1000).toFixed(1)} s`, ms: o.judgeCallMs },
    {
      id: 'P3 slow',
      label: `P3 wall time judge on ÷ off, judge calls ${o.slowJudgeTurns}× an agent turn (${(state.slowJudgeMs / 1000).toFixed(1)} s)`,
      ms: state.slowJudgeMs,
    },
  ];
  for (const c of configurations) {
    progress(`headless conversation, judge-side calls ${c.ms} ms each`);
    const on = await pipedConversation(o, pacedReplies(o, { judgeCallMs: c.ms }));
    figures.add(c.id, c.label, on.wallMs / off.wallMs);
    figures.add(`${c.id} conversation`, 'until the last turn only, on ÷ off', ended(on) / ended(off), { detail: true });
    figures.add(`${c.id} backlog`, 'judge work after the last turn', (on.wallMs - ended(on)) / 1000, { detail: true, unit: 's', digits: 1 });
  }
  figures.add('P3 off', 'judge off: wall time, spawn to exit', off.wallMs / 1000, { detail: true, unit: 's', digits: 1 });
  figures.add('P3 off turn', 'judge off: an agent turn at the server', agentTurnMs / 1000, { detail: true, unit: 's' });
}

function ended(run: ConversationRun): number {
  if (run.endedMs === undefined) throw new Error('the headless run never printed its "Ended after" line');
  return run.endedMs;
}
