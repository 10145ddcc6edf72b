import type { Computed } from '../analysis/computable.js';
import type { Summary } from '../analysis/summary.js';
import { cleanForDisplay as clean } from '../sanitize.js';
import { p, type Block, type Section } from './doc-model.js';
import { int, num, percent } from './format.js';
import type { ExperimentReport } from './report.js';

/** Refusals per model and role, and what the conversations cost. */

export function refusalSection(r: ExperimentReport): Section {
  const blocks: Block[] = [];
  const any = r.refusals.some((t) => t.refusals > 0);
  blocks.push(
    p(
      'A refusal is a reply in which a model declined its persona or answered from outside it. It is never a turn: the first is asked again with a reminder, a second pauses the conversation. ',
      any ? '' : 'No model refused in the finished conversations.',
    ),
  );
  blocks.push({
    kind: 'table',
    caption: 'Refusals per model and role (finished conversations)',
    head: ['role', 'model', 'conversations', 'with a refusal', 'refusals', 'asked again', 'paused the turn'],
    rows: r.refusals.map((t) => [t.role, clean(t.model), int(t.conversations), `${int(t.conversationsWithRefusal)}${t.conversations > 0 ? ` (${percent(t.conversationsWithRefusal / t.conversations)})` : ''}`, int(t.refusals), int(t.askedAgain), int(t.turnPaused)]),
    numeric: [false, false, true, true, true, true, true],
  });
  return { id: 'refusals', title: 'Refusals', blocks };
}

function summaryRow(name: string, s: Computed<Summary>, digits: number): string[] {
  return s.ok ? [name, int(s.n), num(s.mean, digits), num(s.median, digits), num(s.min, digits), num(s.max, digits)] : [name, '0', '—', '—', '—', `— (${s.reason})`];
}

export function costSection(r: ExperimentReport): Section {
  const c = r.costs;
  const blocks: Block[] = [];
  blocks.push({
    kind: 'table',
    caption: 'Per model and role, over the finished conversations',
    head: ['role', 'model', 'calls', 'prompt tokens', 'completion tokens', 'calls without token counts', 'model time (s)', 'measurements'],
    rows: c.perModel.map((m) => [m.role, clean(m.model), int(m.calls), int(m.promptTokens), int(m.completionTokens), int(m.callsWithoutTokens), m.role === 'judge' ? '—' : num(m.modelMs / 1000, 1), m.role === 'judge' ? int(m.measurements) : '—']),
    numeric: [false, false, true, true, true, true, true, true],
  });
  const pc = c.perConversation;
  blocks.push({
    kind: 'table',
    caption: 'Per conversation',
    head: ['', 'conversations', 'mean', 'median', 'min', 'max'],
    rows: [
      summaryRow('generation calls', pc.generationCalls, 1),
      summaryRow('judge calls (recorded answers)', pc.judgeCalls, 1),
      summaryRow('generation tokens', pc.generationTokens, 0),
      summaryRow('wall time (s)', pc.wallSeconds, 1),
    ],
    numeric: [false, true, true, true, true, true],
  });
  blocks.push(
    p(
      'Counted from the session logs: a call per generated turn and per refused reply (the script engine: one call per dialogue); for the judge, one per recorded meter reading, perceived label and quality rating. ',
      'Not in the logs, so not counted: calls retried after a cut stream, judge answers that were dropped, and the several calls of each measurement-pipeline run (listed as measurements). ',
      'Tokens are the servers\' own counts, where they sent them; the script engine\'s call and the meter\'s and classifier\'s calls have none. ',
      pc.withoutTokens > 0 ? `${int(pc.withoutTokens)} conversations lack a token count for some generation call and are left out of the token row. ` : '',
      'Wall time runs from each start or resume of a conversation to the end that followed, so time spent stopped is not counted; model time is the sum of the generation calls\' latencies (calls run in parallel across conversations, so it can exceed the experiment\'s wall time).',
    ),
  );
  return { id: 'costs', title: 'Costs', blocks };
}
