import type { ForkOrigin } from '../domain.js';
import type { LoadedSession } from '../sessions/reader.js';
import { changeSetting } from './changes.js';
import { familyLineage, sessionFamilies } from './families.js';

/** The group of sessions made the way the family's root was: the root itself, and forks that changed nothing. */
export const ORIGINAL_GROUP = 'original';

export interface FamilyGrouping {
  /** The sessions in families, each cut to the turns it generated itself (a fork's kept turns are its parent's). */
  sessions: LoadedSession[];
  groupOf(session: LoadedSession): { key: string; label: string };
  /** Sessions in no family (neither a fork nor forked), left out. */
  outside: number;
}

/**
 * What a chain of forks set, as settings: later forks override earlier ones
 * ("supporter.hexaco.A=2" after "supporter.hexaco.A=1.5"), sorted, joined by " + ".
 */
export function lineageKey(lineage: readonly ForkOrigin[]): string {
  const settings = new Map<string, string>();
  for (const origin of lineage) {
    for (const change of origin.changes) {
      const setting = changeSetting(change);
      settings.set(setting.slice(0, setting.indexOf('=')), setting);
    }
  }
  return settings.size === 0 ? ORIGINAL_GROUP : [...settings.values()].sort().join(' + ');
}

/**
 * For `stats --by family`: every session that belongs to a family (a fork, or a
 * session that was forked) grouped by what its forks changed from the original,
 * so many forks are compared at once and forks made the same way in different
 * families pool. Each turn counts once, in the session that generated it: a
 * fork's kept turns are its parent's and are left out of the fork.
 */
export function familyGrouping(sessions: readonly LoadedSession[]): FamilyGrouping {
  const families = sessionFamilies(sessions.map((session) => ({ id: session.header.id, createdAt: session.header.createdAt, fork: session.header.fork, session })));
  const groups = new Map<LoadedSession, string>();
  const kept: LoadedSession[] = [];
  let outside = 0;
  for (const family of families) {
    if (family.size === 1 && !family.root.session.fork) {
      outside += 1;
      continue;
    }
    for (const { session, lineage } of familyLineage(family)) {
      const at = session.fork?.atTurn ?? 0;
      const own: LoadedSession = { ...session.session, turns: session.session.turns.filter((t) => t.index >= at) };
      groups.set(own, lineageKey(lineage));
      kept.push(own);
    }
  }
  return {
    sessions: kept,
    groupOf: (session) => {
      const key = groups.get(session) ?? ORIGINAL_GROUP;
      return { key, label: key };
    },
    outside,
  };
}
