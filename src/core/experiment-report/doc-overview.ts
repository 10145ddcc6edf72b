import { cleanForDisplay as clean } from '../sanitize.js';
import { code, p, strong, type Block, type Inline, type Section } from './doc-model.js';
import { FACTOR_LABEL, int, plural } from './format.js';
import type { ExperimentReport } from './report.js';

/** The report's first section: what was read, what was left out and why, and what the arms are. */

export function leadLines(r: ExperimentReport): Inline[][] {
  const e = r.experiment;
  const lines: Inline[][] = [];
  lines.push([`Experiment folder ${clean(e.dir)}${e.id ? `, experiment ${clean(e.id)}` : ''}${e.createdAt ? `, created ${clean(e.createdAt)}` : ''}${e.appVersion ? ` with persona-talks ${clean(e.appVersion)}` : ''}.`]);
  lines.push([`Report written ${r.generated.at} by persona-talks ${clean(r.generated.appVersion)}; bootstrap intervals from ${int(r.generated.bootstrap.resamples)} resamples, seed ${r.generated.bootstrap.seed} (the same data and seed give the same report).`]);
  return lines;
}

export function conversationsSentence(r: ExperimentReport): string {
  const d = r.data;
  const s = d.states;
  const left = [
    s.stopped > 0 ? `${int(s.stopped)} stopped` : '',
    s.failed > 0 ? `${int(s.failed)} failed` : '',
    s.unfinished > 0 ? `${int(s.unfinished)} unfinished` : '',
    d.notStarted ? `${int(d.notStarted)} not started` : '',
  ].filter(Boolean);
  const of = d.planned !== undefined ? ` of ${plural(d.planned, 'planned conversation')}` : '';
  return `${int(s.finished)}${of} finished${d.planned === undefined ? ` (${plural(d.read, 'session')} read)` : ''}${left.length ? `; ${left.join(', ')} — left out of the statistics` : ''}.`;
}

export function overviewSection(r: ExperimentReport): Section {
  const d = r.data;
  const blocks: Block[] = [p(conversationsSentence(r))];
  blocks.push(p('Every statistic below uses the finished conversations (ended by the turn cap or by the seeker). The tidy data files hold every readable conversation, with a ', code('state'), ' column.'));
  if (d.unreadable.length > 0) {
    blocks.push(p(strong(`${plural(d.unreadable.length, 'session file')} could not be read and ${d.unreadable.length === 1 ? 'is' : 'are'} left out:`)));
    blocks.push({ kind: 'list', items: d.unreadable.map((u) => [code(clean(u.file)), ` — ${clean(u.reason)}`]) });
  }
  if (d.damaged.length > 0) {
    blocks.push(p(`${plural(d.damaged.length, 'session')} had unreadable lines (a line cut short by a crash, typically); the rest of each was used:`));
    blocks.push({ kind: 'list', items: d.damaged.slice(0, 20).map((x) => [code(clean(x.file)), ` — line ${x.lines.join(', ')}`]) });
    if (d.damaged.length > 20) blocks.push(p(`… and ${int(d.damaged.length - 20)} more (listed in report.json).`));
  }
  if (d.notInManifest > 0) blocks.push(p(`${plural(d.notInManifest, 'session')} in the sessions folder ${d.notInManifest === 1 ? 'is' : 'are'} not in the manifest; ${d.notInManifest === 1 ? 'it is' : 'they are'} reported with the rest.`));
  if (d.duplicateIds.length > 0) blocks.push(p(`Conversation ids that appear in more than one session file (each file is counted): ${d.duplicateIds.map(clean).join(', ')}.`));
  if (d.armFrom.condition > 0) {
    blocks.push(p(`${plural(d.armFrom.condition, 'finished conversation')} ${d.armFrom.condition === 1 ? 'has' : 'have'} no arm in ${d.armFrom.condition === 1 ? 'its' : 'their'} session header or the manifest; ${d.armFrom.condition === 1 ? 'it is' : 'they are'} grouped by ${d.armFrom.condition === 1 ? 'its' : 'their'} condition (aware or blind) instead.`));
  }
  for (const problem of d.problems) blocks.push(p(`Note: ${clean(problem)}.`));

  const rows = r.factors.map((f) => [FACTOR_LABEL[f.factor], f.levels.map((l) => `${clean(l.level)} (${int(l.conversations)})`).join(', ') || '—', f.sameAs ? `same split as ${f.sameAs}` : f.levels.length > 1 ? 'compared' : 'one level']);
  blocks.push({ kind: 'table', caption: 'What the finished conversations vary in (conversations per level)', head: ['factor', 'levels', ''], rows });
  if (d.endpoints.length > 0) {
    blocks.push(p('Models and servers the finished conversations used (from their session headers):'));
    blocks.push({ kind: 'list', items: d.endpoints.map((e) => [code(clean(e))]) });
  }
  return { id: 'data', title: 'The data', blocks };
}
