import { changeSetting } from '../../../core/forks/changes.js';
import { familyRows, sessionFamilies } from '../../../core/forks/families.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import type { SessionSummary } from '../../../core/sessions/list.js';

/** Where a session sits in its family: the tree's lead ("├─ ", "│  └─ ") and, for a fork, its turn and change. */
export interface FamilyPlace {
  prefix: string;
  note?: string;
}

/**
 * "@4 supporter.hexaco.A=1.5": what the list says of a fork under its parent —
 * the fork turn and the setting it leads to, short enough for a list row (the
 * tree's lead already says it is a fork). A fork without its parent in the list
 * names it.
 */
export function forkNote(session: Pick<SessionSummary, 'fork'>, parentHere: boolean): string | undefined {
  const { fork } = session;
  if (!fork) return undefined;
  const change = `@${fork.atTurn} ${cleanForDisplay(fork.changes.length === 0 ? 'nothing changed' : fork.changes.map(changeSetting).join(', '))}`;
  return parentHere ? change : `fork of ${cleanForDisplay(fork.parent.id)} ${change}`;
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
