import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

export type FieldPath = readonly PropertyKey[];

/** `hexaco.E`, `tags[2]` — the field path a person would type. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/**
 * Finds the 1-based line for a field path in a parsed YAML document. A present
 * field points at its key (the line a person edits); a missing one falls back to
 * `anchor` when given, else to its nearest present ancestor's key, else to the
 * document's first line.
 */
export function lineOfField(doc: Document, counter: LineCounter, path: FieldPath, anchor?: FieldPath): number | undefined {
  const own = keyOffset(doc, path);
  if (own !== undefined) return counter.linePos(own).line;
  const anchored = anchor ? keyOffset(doc, anchor) : undefined;
  if (anchored !== undefined) return counter.linePos(anchored).line;
  for (let depth = path.length - 1; depth > 0; depth--) {
    const offset = keyOffset(doc, path.slice(0, depth));
    if (offset !== undefined) return counter.linePos(offset).line;
  }
  const start = doc.contents?.range?.[0];
  return start === undefined ? undefined : counter.linePos(start).line;
}

/** Offset of the key holding `path` (or of the item, inside a sequence). */
function keyOffset(doc: Document, path: FieldPath): number | undefined {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath as unknown[], true);
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    if (!pair) return undefined;
    return (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? undefined;
  }
  if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last] as { range?: [number, number, number] } | undefined;
    return item?.range?.[0];
  }
  return undefined;
}
