import { buildStatsReport, type GroupBy } from '../../../core/analysis/report.js';
import { renderStatsReport } from '../../../core/analysis/report-text.js';
import { deleteSession, listSessions, type SessionListing } from '../../../core/sessions/list.js';
import { readSession, type LoadedSession } from '../../../core/sessions/reader.js';
import { resumable } from '../../../app/resume.js';
import type { DetailLine } from './detailLines.js';

/** What the browser does with files, as one small object (the real folder, or a test's). */
export interface SessionStore {
  list(): SessionListing;
  read(path: string): { ok: true; session: LoadedSession } | { ok: false; message: string };
  /** Undefined when deleted, else why not. */
  remove(path: string): string | undefined;
  /** Undefined when the session can be resumed, else why not. */
  resumable(session: LoadedSession): string | undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function sessionStore(dir: string | null): SessionStore {
  return {
    list: () => (dir ? listSessions(dir) : { sessions: [], skipped: [] }),
    read(path) {
      try {
        return { ok: true, session: readSession(path) };
      } catch (error) {
        return { ok: false, message: messageOf(error) };
      }
    },
    remove(path) {
      try {
        deleteSession(path);
        return undefined;
      } catch (error) {
        return messageOf(error);
      }
    },
    resumable(session) {
      if (resumable(session).ok) return undefined;
      // One short line: the browser's message row is narrow.
      return session.header.source ? 'Imported: nothing to resume (r replays it).' : 'Finished: nothing to resume (r replays it).';
    },
  };
}

/** The stats report (the same text as `persona-talks stats`) for the given sessions, as pager lines. */
export function statsLines(store: SessionStore, paths: readonly string[], by: GroupBy, width: number): DetailLine[] {
  const sessions: LoadedSession[] = [];
  const lines: DetailLine[] = [];
  for (const path of paths) {
    const read = store.read(path);
    if (read.ok) sessions.push(read.session);
    else lines.push({ role: 'muted', text: `left out: ${read.message}` });
  }
  const text = renderStatsReport(buildStatsReport(sessions, by), width);
  return [...lines, ...text.replace(/\n$/, '').split('\n').map((line) => ({ role: 'text' as const, text: line }))];
}
