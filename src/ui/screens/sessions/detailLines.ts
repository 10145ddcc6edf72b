import { wrap } from '../../../core/analysis/report-text.js';
import { endedNaturally } from '../../../app/resume.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { LoadedSession } from '../../../core/sessions/reader.js';
import { keysOf } from '../../keys.js';

export type LineRole = 'title' | 'meta' | 'seeker' | 'supporter' | 'text' | 'muted';

export interface DetailLine {
  text: string;
  role: LineRole;
}

/** A session as lines for the scrollable detail view: who, how, then every turn wrapped to `width`. */
export function detailLines(session: LoadedSession, width: number): DetailLine[] {
  const { header, turns, ended } = session;
  const w = Math.max(20, width);
  const clean = (t: string) => cleanForDisplay(t).replace(/\t/g, ' ');
  const seeker = clean(header.personas.seeker.name);
  const supporter = clean(header.personas.supporter.name);
  const lines: DetailLine[] = [];
  const push = (role: LineRole, text: string) => {
    for (const part of wrap(text, w)) lines.push({ role, text: part });
  };
  push('title', `${seeker} (seeker) → ${supporter} (supporter)`);
  const status = header.source
    ? `imported from ${header.source.kind}`
    : ended && endedNaturally(ended.reason)
      ? `finished (${ended.reason})`
      : ended
        ? `stopped (${ended.reason === 'error' ? 'by a failure' : 'by you'}) — ${keysOf('session', 'resume')} resumes it`
        : `unfinished — ${keysOf('session', 'resume')} resumes it`;
  // An imported conversation has no condition, engine or mode of ours: it says so rather than "blind · agents".
  const how = header.source ? 'imported' : `${header.condition} · ${header.engine} · ${header.mode}`;
  push('meta', `${header.createdAt.slice(0, 16).replace('T', ' ')} · ${how} · ${turns.length}/${header.turnCap} turns · ${status}`);
  push('meta', `models: ${clean(header.models.seeker.model)} ↔ ${clean(header.models.supporter.model)} @ ${clean(header.models.supporter.baseURL)}`);
  push('muted', `id ${clean(header.id)}`);
  const refusals = session.records.filter((r) => r.type === 'refusal').length;
  if (refusals > 0) push('muted', `${refusals} model repl${refusals === 1 ? 'y' : 'ies'} refused (as a refusal or out of persona) and asked again`);
  if (session.skippedLines.length > 0) push('muted', `${session.skippedLines.length} unreadable line(s) left out (line ${session.skippedLines.join(', ')})`);
  lines.push({ role: 'text', text: '' });
  if (turns.length === 0) push('muted', 'No turns were recorded.');
  for (const turn of turns) {
    const name = turn.speaker === 'seeker' ? seeker : supporter;
    const label = turn.strategy ? ` [${turn.strategy}]` : '';
    const who = turn.by === 'human' ? ', you' : '';
    push(turn.speaker, `[${turn.index + 1}] ${name} (${turn.speaker}${who})${label}`);
    for (const paragraph of clean(turn.text).split('\n')) {
      for (const part of wrap(`  ${paragraph}`, w)) lines.push({ role: 'text', text: part });
    }
  }
  return lines;
}
