import { describeChanges } from '../../../app/fork.js';
import { familyRows, sessionFamilies } from '../../../core/forks/families.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { SessionSummary } from '../../../core/sessions/list.js';

/** Where a session sits in its family: the tree's lead ("├─ ", "│  └─ ") and, for a fork, its turn and change. */
export interface FamilyPlace {
  prefix: string;
  note?: string;
}

/** "fork @4: supporter.hexaco.A 4.6 → 1.5": what the list says of a fork. */
export function forkNote(session: Pick<SessionSummary, 'fork'>, parentHere: boolean): string | undefined {
  const { fork } = session;
  if (!fork) return undefined;
  const change = `fork @${fork.atTurn}: ${cleanForDisplay(describeChanges(fork.changes))}`;
  return parentHere ? change : `${change} (of ${cleanForDisplay(fork.parent.id)}, not in this list)`;
}

/**
 * The list in families: each session followed by its forks as a tree (newest
 * family first, forks by fork turn), and each one's place in it. A fork whose
 * parent is not in the list (deleted, filtered out) starts its own family and
 * says whose fork it is.
 */
export function inFamilies(sessions: readonly SessionSummary[]): { sessions: SessionSummary[]; places: ReadonlyMap<string, FamilyPlace> } {
  const ordered: SessionSummary[] = [];
  const places = new Map<string, FamilyPlace>();
  for (const family of sessionFamilies(sessions)) {
    for (const row of familyRows(family)) {
      ordered.push(row.session);
      const note = forkNote(row.session, row.depth > 0);
      places.set(row.session.path, { prefix: row.prefix, ...(note ? { note } : {}) });
    }
  }
  return { sessions: ordered, places };
}
