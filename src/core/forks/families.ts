import type { ForkOrigin } from '../domain.js';

/** What grouping needs of a session: its id, when it was made, and where it was forked from. */
export interface FamilySession {
  id: string;
  createdAt: string;
  fork?: ForkOrigin;
}

/** A session in its family tree, with the forks made from it. */
export interface FamilyNode<S extends FamilySession> {
  session: S;
  /** Forks of this session, by fork turn, then oldest first. */
  forks: FamilyNode<S>[];
}

export interface Family<S extends FamilySession> {
  root: FamilyNode<S>;
  /** Sessions in the tree, the root included. */
  size: number;
  /** The root is itself a fork whose parent is not among the sessions (deleted, or in another folder): its id. */
  missingParent?: string;
}

/** One line of a family drawn as an indented tree. */
export interface FamilyRow<S extends FamilySession> {
  session: S;
  depth: number;
  /** "├─ ", "│  └─ " …: what goes before the session at this depth. */
  prefix: string;
}

const byTurnThenAge = <S extends FamilySession>(a: FamilyNode<S>, b: FamilyNode<S>) =>
  (a.session.fork?.atTurn ?? 0) - (b.session.fork?.atTurn ?? 0) || a.session.createdAt.localeCompare(b.session.createdAt) || a.session.id.localeCompare(b.session.id);

/**
 * Groups sessions into families: a session, the forks made from it, their forks,
 * and so on, as trees. A session that is no fork (or whose parent is not among
 * `sessions`) roots its own family, so every session is in exactly one. Families
 * come newest root first, like the session list. Sessions whose parent chain
 * loops (only hand-edited files could make one) each root their own family.
 */
export function sessionFamilies<S extends FamilySession>(sessions: readonly S[]): Family<S>[] {
  const nodes = new Map<string, FamilyNode<S>>();
  for (const session of sessions) if (!nodes.has(session.id)) nodes.set(session.id, { session, forks: [] });
  const parentOf = (node: FamilyNode<S>) => {
    const id = node.session.fork?.parent.id;
    return id !== undefined && id !== node.session.id ? nodes.get(id) : undefined;
  };
  const roots: FamilyNode<S>[] = [];
  for (const node of nodes.values()) {
    const parent = parentOf(node);
    if (parent && !loopsBack(node, parentOf)) parent.forks.push(node);
    else roots.push(node);
  }
  const sortTree = (node: FamilyNode<S>): number => {
    node.forks.sort(byTurnThenAge);
    return 1 + node.forks.reduce((n, child) => n + sortTree(child), 0);
  };
  return roots
    .map((root) => {
      const size = sortTree(root);
      const missing = root.session.fork?.parent.id;
      return { root, size, ...(missing !== undefined ? { missingParent: missing } : {}) };
    })
    .sort((a, b) => b.root.session.createdAt.localeCompare(a.root.session.createdAt) || a.root.session.id.localeCompare(b.root.session.id));
}

/** True when following parents from `node` comes back to it. */
function loopsBack<S extends FamilySession>(node: FamilyNode<S>, parentOf: (n: FamilyNode<S>) => FamilyNode<S> | undefined): boolean {
  const seen = new Set<FamilyNode<S>>([node]);
  for (let at = parentOf(node); at; at = parentOf(at)) {
    if (seen.has(at)) return at === node;
    seen.add(at);
  }
  return false;
}

/** A family as the lines of an indented tree, root first, each fork under its parent. */
export function familyRows<S extends FamilySession>(family: Family<S>): FamilyRow<S>[] {
  const rows: FamilyRow<S>[] = [];
  const walk = (node: FamilyNode<S>, depth: number, lead: string, last: boolean) => {
    rows.push({ session: node.session, depth, prefix: depth === 0 ? '' : `${lead}${last ? '└─ ' : '├─ '}` });
    const childLead = depth === 0 ? '' : `${lead}${last ? '   ' : '│  '}`;
    node.forks.forEach((child, i) => walk(child, depth + 1, childLead, i === node.forks.length - 1));
  };
  walk(family.root, 0, '', true);
  return rows;
}

/**
 * Each session of the family with the forks that led to it, oldest first: empty
 * for the root, unless the root is itself a fork whose parent is missing.
 */
export function familyLineage<S extends FamilySession>(family: Family<S>): Array<{ session: S; lineage: ForkOrigin[] }> {
  const out: Array<{ session: S; lineage: ForkOrigin[] }> = [];
  const walk = (node: FamilyNode<S>, lineage: ForkOrigin[]) => {
    const own = node.session.fork ? [...lineage, node.session.fork] : lineage;
    out.push({ session: node.session, lineage: own });
    for (const child of node.forks) walk(child, own);
  };
  walk(family.root, []);
  return out;
}
