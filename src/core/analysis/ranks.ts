/**
 * Ranks for rank-based statistics (Spearman's rho, Mann–Whitney, Kruskal–Wallis).
 * Tied values share the average of the ranks they span, and the sizes of the
 * tie groups are returned too, since every tie correction is built from them.
 */

export interface Ranking {
  /** 1-based ranks in input order; ties get the mean of the positions they occupy. */
  ranks: number[];
  /** Size of every group of equal values with more than one member. */
  ties: number[];
}

export function averageRanks(values: readonly number[]): Ranking {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  const ties: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && (order[end] as { v: number }).v === (order[start] as { v: number }).v) end += 1;
    // Positions start+1 … end share their mean rank.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[(order[k] as { i: number }).i] = rank;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}

/** Σ (t³ − t) over tie groups: the quantity the Mann–Whitney and Kruskal–Wallis tie corrections use. */
export function tieSum(ties: readonly number[]): number {
  return ties.reduce((s, t) => s + (t ** 3 - t), 0);
}
