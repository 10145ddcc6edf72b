import { notComputable, type Computed } from './computable.js';

/**
 * Agreement between the strategy a supporter declared and the one an
 * independent classifier perceived: raw share of matches, and Cohen's kappa,
 * which discounts the matches two raters would reach by chance given how
 * often each uses each label.
 */

export interface Agreement {
  n: number;
  /** Share of pairs with the same label (p_o). */
  observed: number;
  /** Agreement expected by chance from the two label distributions (p_e). */
  chance: number;
  /** (p_o − p_e) / (1 − p_e); undefined when p_e = 1 (both used one and the same label throughout). */
  kappa: number | undefined;
}

/** Agreement of paired labels; throws RangeError when the lists differ in length or are empty. */
export function agreement<T extends string>(declared: readonly T[], perceived: readonly T[]): Agreement {
  if (declared.length !== perceived.length) {
    throw new RangeError(`label lists differ in length: ${declared.length} declared, ${perceived.length} perceived`);
  }
  const n = declared.length;
  if (n === 0) throw new RangeError('agreement needs at least one pair of labels');
  const declaredCounts = new Map<T, number>();
  const perceivedCounts = new Map<T, number>();
  let same = 0;
  for (let i = 0; i < n; i++) {
    const d = declared[i] as T;
    const p = perceived[i] as T;
    if (d === p) same += 1;
    declaredCounts.set(d, (declaredCounts.get(d) ?? 0) + 1);
    perceivedCounts.set(p, (perceivedCounts.get(p) ?? 0) + 1);
  }
  let chance = 0;
  for (const [label, count] of declaredCounts) chance += (count / n) * ((perceivedCounts.get(label) ?? 0) / n);
  const observed = same / n;
  // Floating error can leave p_e a hair under 1 when it is 1 in exact arithmetic.
  const kappa = Math.abs(1 - chance) < 1e-12 ? undefined : (observed - chance) / (1 - chance);
  return { n, observed, chance, kappa };
}

/**
 * Cohen's kappa for a report: "not computable" with a reason, instead of a
 * throw or an undefined kappa, when there are no pairs or when both raters
 * used one and the same label throughout (chance agreement is then 1).
 * Unequal lists are still a programming error and throw.
 */
export function cohenKappa<T extends string>(declared: readonly T[], perceived: readonly T[]): Computed<Agreement & { kappa: number }> {
  if (declared.length === 0 && perceived.length === 0) return notComputable('no supporter turn has both a declared and a perceived label');
  const result = agreement(declared, perceived); // throws on unequal lengths
  if (result.kappa === undefined) return notComputable(`both labellings used a single label (“${declared[0]}”) throughout, so chance agreement is 1 and kappa is undefined`);
  return { ...result, ok: true, kappa: result.kappa };
}
