import { packageRoot } from '../package-info.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { CSI_KEYS, HEXACO_FACETS, HEXACO_KEYS, type CsiKey, type HexacoKey } from './dimensions.js';

/**
 * Trait inventories are data, not code: a YAML file of statements a judge rates
 * 1–5 for a speaker. The bundled files hold this project's own statements; a
 * user may point the app at any other inventory they are licensed to use, so
 * the loader validates strictly and names file, line and field on every error.
 */

export const INVENTORY_KINDS = ['hexaco', 'csi'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

export interface InventoryItem<D extends string = string> {
  id: string;
  dimension: D;
  /** HEXACO facet (optional; when present it must belong to the dimension). */
  facet?: string;
  text: string;
  /** A high rating indicates the low pole: scored 6 − raw. */
  reverse: boolean;
}

interface InventoryBase<K extends InventoryKind, D extends string> {
  name: string;
  version: string | number;
  kind: K;
  scale: { min: 1; max: 5 };
  items: InventoryItem<D>[];
}
export type HexacoInventory = InventoryBase<'hexaco', HexacoKey>;
export type CsiInventory = InventoryBase<'csi', CsiKey>;
export type Inventory = HexacoInventory | CsiInventory;
export type InventoryOf<K extends InventoryKind> = K extends 'hexaco' ? HexacoInventory : CsiInventory;

/** Dimension keys of an inventory kind, in canonical order. */
export function dimensionsOf(kind: InventoryKind): readonly string[] {
  return kind === 'hexaco' ? HEXACO_KEYS : CSI_KEYS;
}

// A missing field and a wrong type deserve different messages.
const requiredOr = (what: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : what);
const nonEmpty = z.string({ error: requiredOr('must be text') }).trim().min(1, { error: 'must not be empty' });

const ItemSchema = z.strictObject({
  id: z
    .string({ error: requiredOr('must be text') })
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, { error: 'must start with a letter and use only letters, digits, "_" or "-" (max 32)' }),
  dimension: nonEmpty,
  facet: nonEmpty.optional(),
  text: nonEmpty.max(300, { error: 'must be at most 300 characters' }),
  reverse: z.boolean({ error: requiredOr('must be true or false') }),
});

// Scoring hard-codes the 1–5 scale (reverse = 6 − raw), so a file claiming another scale is rejected, not rescaled.
const ScaleSchema = z.strictObject({
  min: z.literal(1, { error: 'must be 1 (only 1–5 scales are supported)' }),
  max: z.literal(5, { error: 'must be 5 (only 1–5 scales are supported)' }),
});

export const InventorySchema = z
  .strictObject({
    name: nonEmpty,
    version: z.union([nonEmpty, z.number()], { error: requiredOr('must be a number or text') }),
    kind: z.enum(INVENTORY_KINDS, { error: requiredOr(`must be one of: ${INVENTORY_KINDS.join(', ')}`) }),
    scale: ScaleSchema,
    items: z.array(ItemSchema, { error: requiredOr('must be a list of items') }).min(1, { error: 'must list at least one item' }),
  })
  .superRefine((inv, ctx) => {
    const dims = dimensionsOf(inv.kind);
    const seen = new Map<string, number>();
    inv.items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicates the id of items[${first}] ("${item.id}")` });
      } else seen.set(item.id, i);
      if (!dims.includes(item.dimension)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'dimension'], message: `must be one of: ${dims.join(', ')} (for kind ${inv.kind})` });
      } else if (item.facet !== undefined && inv.kind === 'hexaco') {
        const facets = HEXACO_FACETS[item.dimension as HexacoKey];
        if (!facets.includes(item.facet)) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'facet'], message: `must be one of the ${item.dimension} facets: ${facets.join(', ')}` });
        }
      }
    });
    const empty = dims.filter((d) => !inv.items.some((item) => item.dimension === d));
    if (empty.length > 0 && inv.items.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: `has no statements for dimension(s): ${empty.join(', ')}; every dimension needs at least one` });
    }
  });

/** One problem in an inventory file, located for a human to fix. */
export interface InventoryProblem {
  line: number;
  column: number;
  /** Dotted path such as "items[3].dimension"; "(file)" for read/syntax problems. */
  field: string;
  message: string;
}

export class InventoryError extends Error {
  readonly file: string;
  readonly problems: readonly InventoryProblem[];

  constructor(file: string, problems: InventoryProblem[]) {
    super(
      `Invalid inventory ${file}:\n` +
        problems.map((p) => `  ${file}:${p.line}:${p.column} ${p.field} — ${p.message}`).join('\n'),
    );
    this.name = 'InventoryError';
    this.file = file;
    this.problems = problems;
  }
}

// yaml's pretty errors repeat the position and add a code frame; the problem list has its own position.
function syntaxMessage(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\s*at line \d+, column \d+:?$/, '');
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(root)' : out;
}

type Position = { line: number; col: number };

/** Maps a zod path back to where it sits in the YAML source. */
function sourceLocator(doc: Document, lineCounter: LineCounter) {
  const nodeAt = (path: readonly PropertyKey[]): unknown => (path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true));
  return {
    /** The node at `path`, or its nearest existing ancestor: a missing field is reported at its parent. */
    value(path: readonly PropertyKey[]): Position {
      for (let n = path.length; n >= 0; n--) {
        const node = nodeAt(path.slice(0, n));
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
      }
      return { line: 1, col: 1 };
    },
    /** The key `key` inside the map at `parent`: an unknown field is reported where its name is written. */
    key(parent: readonly PropertyKey[], key: string): Position {
      const map = nodeAt(parent);
      const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      return range ? lineCounter.linePos(range[0]) : this.value(parent);
    },
  };
}

function problemsOf(issues: readonly z.core.$ZodIssue[], locate: ReturnType<typeof sourceLocator>): InventoryProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const at = locate.key(issue.path, key);
        return { line: at.line, column: at.col, field: fieldName([...issue.path, key]), message: 'is not a known field' };
      });
    }
    const at = locate.value(issue.path);
    return [{ line: at.line, column: at.col, field: fieldName(issue.path), message: issue.message }];
  });
}

/**
 * Parse inventory YAML text; `file` is only used in error messages. Throws
 * InventoryError listing every problem (syntax, schema, or a kind mismatch).
 */
export function parseInventory(source: string, file: string): Inventory;
export function parseInventory<K extends InventoryKind>(source: string, file: string, expectedKind: K): InventoryOf<K>;
export function parseInventory(source: string, file: string, expectedKind?: InventoryKind): Inventory {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InventoryError(
      file,
      doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1, field: '(file)', message: syntaxMessage(e.message) })),
    );
  }
  const locate = sourceLocator(doc, lineCounter);
  const result = InventorySchema.safeParse(doc.toJS());
  if (!result.success) throw new InventoryError(file, problemsOf(result.error.issues, locate));

  const inventory = result.data as Inventory;
  if (expectedKind !== undefined && inventory.kind !== expectedKind) {
    const at = locate.value(['kind']);
    throw new InventoryError(file, [{ line: at.line, column: at.col, field: 'kind', message: `is "${inventory.kind}" but a ${expectedKind} inventory is needed here` }]);
  }
  return inventory;
}

/** Read and validate an inventory file; pass `expectedKind` to reject a file of the other kind. */
export async function loadInventory(path: string): Promise<Inventory>;
export async function loadInventory<K extends InventoryKind>(path: string, expectedKind: K): Promise<InventoryOf<K>>;
export async function loadInventory(path: string, expectedKind?: InventoryKind): Promise<Inventory> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InventoryError(path, [{ line: 1, column: 1, field: '(file)', message: `cannot be read: ${reason}` }]);
  }
  return expectedKind === undefined ? parseInventory(source, path) : parseInventory(source, path, expectedKind);
}

export { packageRoot };

/** `<package root>/inventories/<kind>.yaml` — the inventories shipped with the app. */
export function bundledInventoryPath(kind: InventoryKind): string {
  return join(packageRoot(), 'inventories', `${kind}.yaml`);
}

/** Load the bundled inventory of a kind. */
export function loadBundledInventory<K extends InventoryKind>(kind: K): Promise<InventoryOf<K>> {
  return loadInventory(bundledInventoryPath(kind), kind);
}
