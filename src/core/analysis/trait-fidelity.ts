import { CSI_KEYS, HEXACO_KEYS } from '../traits/dimensions.js';
import { bootstrapClusteredMean, seedFor, type BootstrapInterval, type BootstrapOptions, type Cluster } from './bootstrap.js';

/**
 * RQ2: how far the traits a conversation expressed (measured) lie from the
 * traits the persona was given (target), per dimension and per group of
 * conversations (condition, engine, model, role — any factor the caller
 * records), with bootstrap intervals over conversations; and a persona-fidelity
 * table ranking models by how closely they hold a persona, per role.
 */

/** One tidy row: one conversation × speaker × dimension. */
export interface TraitObservation {
  /** The conversation's id: the unit the bootstrap resamples. */
  conversation: string;
  /** A HEXACO key ("E"), a CSI key ("emotionality"), or any other dimension name. */
  dimension: string;
  target: number;
  measured: number;
  /** Grouping factors, e.g. { condition: 'aware', engine: 'agents', model: 'gpt-x', role: 'supporter' }. */
  factors: Readonly<Record<string, string>>;
}

export interface ShiftCell {
  /** The factor values of this group, keys in `groupBy` order. */
  group: Record<string, string>;
  dimension: string;
  /** Observations (conversation × speaker rows) in the cell. */
  n: number;
  conversations: number;
  /** Mean of measured − target: the direction of drift. */
  meanShift: number;
  /** Mean of |measured − target|: the paper's trait-shift measure. */
  meanAbsoluteDifference: number;
  /** Percentile bootstrap interval of the mean absolute difference, resampling conversations. */
  ci: BootstrapInterval;
}

export interface ShiftOptions extends BootstrapOptions {
  /** Dimensions to report, in this order; default HEXACO then CSI keys, then any others alphabetically. */
  dimensions?: readonly string[];
}

const DEFAULT_ORDER: readonly string[] = [...HEXACO_KEYS, ...CSI_KEYS];

function dimensionOrder(observations: readonly TraitObservation[], chosen: readonly string[] | undefined): string[] {
  if (chosen) return [...chosen];
  const present = new Set(observations.map((o) => o.dimension));
  const others = [...present].filter((d) => !DEFAULT_ORDER.includes(d)).sort();
  return [...DEFAULT_ORDER.filter((d) => present.has(d)), ...others];
}

function factorValues(o: TraitObservation, keys: readonly string[], index: number): string[] {
  return keys.map((key) => {
    const value = o.factors[key];
    if (value === undefined) throw new RangeError(`observation ${index} (conversation ${o.conversation}) has no factor "${key}"`);
    return value;
  });
}

function checkObservation(o: TraitObservation, index: number): void {
  if (!Number.isFinite(o.target) || !Number.isFinite(o.measured)) {
    throw new RangeError(`observation ${index} (conversation ${o.conversation}, ${o.dimension}) needs finite target and measured scores`);
  }
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Observations split by factor values; groups sorted by those values so output order does not depend on input order. */
function groupObservations(observations: readonly TraitObservation[], keys: readonly string[]): Array<{ values: string[]; rows: TraitObservation[] }> {
  const groups = new Map<string, { values: string[]; rows: TraitObservation[] }>();
  observations.forEach((o, i) => {
    checkObservation(o, i);
    const values = factorValues(o, keys, i);
    const id = JSON.stringify(values);
    const group = groups.get(id) ?? { values, rows: [] };
    group.rows.push(o);
    groups.set(id, group);
  });
  // Rows in a fixed order too (by conversation, then scores), so sums and bootstrap draws do not depend on input order.
  for (const group of groups.values()) group.rows.sort(compareRows);
  return [...groups.values()].sort((a, b) => compareKeys(a.values, b.values));
}

function compareRows(a: TraitObservation, b: TraitObservation): number {
  if (a.conversation !== b.conversation) return a.conversation < b.conversation ? -1 : 1;
  if (a.dimension !== b.dimension) return a.dimension < b.dimension ? -1 : 1;
  return a.target - b.target || a.measured - b.measured;
}

/** Absolute differences summed per conversation: the clusters the bootstrap draws. */
function clustersOf(rows: readonly TraitObservation[]): Cluster[] {
  const byConversation = new Map<string, Cluster>();
  for (const o of rows) {
    const c = byConversation.get(o.conversation) ?? { sum: 0, count: 0 };
    c.sum += Math.abs(o.measured - o.target);
    c.count += 1;
    byConversation.set(o.conversation, c);
  }
  return [...byConversation.values()];
}

function record(keys: readonly string[], values: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k, i) => [k, values[i] as string]));
}

/** Trait shift per group × dimension; a cell exists only where the group has observations on the dimension. */
export function traitShiftByGroup(observations: readonly TraitObservation[], groupBy: readonly string[], options: ShiftOptions): ShiftCell[] {
  const dimensions = dimensionOrder(observations, options.dimensions);
  const cells: ShiftCell[] = [];
  for (const { values, rows } of groupObservations(observations, groupBy)) {
    for (const dimension of dimensions) {
      const inCell = rows.filter((o) => o.dimension === dimension);
      if (inCell.length === 0) continue;
      const clusters = clustersOf(inCell);
      const n = inCell.length;
      cells.push({
        group: record(groupBy, values),
        dimension,
        n,
        conversations: clusters.length,
        meanShift: inCell.reduce((s, o) => s + (o.measured - o.target), 0) / n,
        meanAbsoluteDifference: inCell.reduce((s, o) => s + Math.abs(o.measured - o.target), 0) / n,
        ci: bootstrapClusteredMean(clusters, { ...options, seed: seedFor(options.seed, ...values, dimension) }),
      });
    }
  }
  return cells;
}

export interface FidelityRow {
  model: string;
  /** 1 = holds the persona most closely (smallest mean absolute difference); equal values share a rank. */
  rank: number;
  conversations: number;
  observations: number;
  /** Mean |measured − target| over all of the model's dimensions and conversations in this role. */
  meanAbsoluteDifference: number;
  ci: BootstrapInterval;
  byDimension: Array<{ dimension: string; n: number; meanAbsoluteDifference: number }>;
}

export interface FidelityTable {
  role: string;
  rows: FidelityRow[];
}

export interface FidelityOptions extends ShiftOptions {
  /** The factor naming the model that played the role; 'model' unless given. */
  modelFactor?: string;
  /** The factor naming the role (seeker, supporter); 'role' unless given. */
  roleFactor?: string;
}

/** Which model holds a persona best, per role: models ranked by overall mean absolute difference. */
export function personaFidelity(observations: readonly TraitObservation[], options: FidelityOptions): FidelityTable[] {
  const modelFactor = options.modelFactor ?? 'model';
  const roleFactor = options.roleFactor ?? 'role';
  const dimensions = dimensionOrder(observations, options.dimensions);
  const kept = observations.filter((o) => dimensions.includes(o.dimension));
  const tables = new Map<string, FidelityRow[]>();
  for (const { values, rows } of groupObservations(kept, [roleFactor, modelFactor])) {
    const [role, model] = values as [string, string];
    const clusters = clustersOf(rows);
    const byDimension = dimensions.flatMap((dimension) => {
      const inDim = rows.filter((o) => o.dimension === dimension);
      return inDim.length === 0 ? [] : [{ dimension, n: inDim.length, meanAbsoluteDifference: inDim.reduce((s, o) => s + Math.abs(o.measured - o.target), 0) / inDim.length }];
    });
    const list = tables.get(role) ?? [];
    list.push({
      model,
      rank: 0,
      conversations: clusters.length,
      observations: rows.length,
      meanAbsoluteDifference: rows.reduce((s, o) => s + Math.abs(o.measured - o.target), 0) / rows.length,
      ci: bootstrapClusteredMean(clusters, { ...options, seed: seedFor(options.seed, 'fidelity', role, model) }),
      byDimension,
    });
    tables.set(role, list);
  }
  return [...tables.entries()].map(([role, rows]) => {
    rows.sort((a, b) => a.meanAbsoluteDifference - b.meanAbsoluteDifference || (a.model < b.model ? -1 : 1));
    rows.forEach((row, i) => {
      const previous = rows[i - 1];
      row.rank = previous && previous.meanAbsoluteDifference === row.meanAbsoluteDifference ? previous.rank : i + 1;
    });
    return { role, rows };
  });
}
