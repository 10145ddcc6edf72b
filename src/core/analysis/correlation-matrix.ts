import { CSI_KEYS, CSI_PAIRS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../traits/dimensions.js';
import { notComputable, type NotComputable } from './computable.js';
import { pearson, spearman, type CorrelationOptions, type CorrelationResult } from './correlation.js';
import { holmAdjust } from './holm.js';

/**
 * RQ1: across personas, how does each HEXACO dimension correlate with each
 * CSI dimension? Psychology predicts six of the 36 pairs and their signs
 * (CSI_PAIRS); for those the matrix says whether the observed sign agrees,
 * with p-values Holm-corrected over the six predicted tests per method.
 */

export interface PersonaTraits {
  hexaco: Readonly<Partial<Record<HexacoKey, number>>>;
  csi: Readonly<Partial<Record<CsiKey, number>>>;
}

export type SignCheck =
  | {
      ok: true;
      /** Sign of the observed coefficient; 0 only for an exact zero. */
      observedSign: 1 | -1 | 0;
      agrees: boolean;
      /** Two-sided p-value Holm-adjusted over the computable predicted pairs of the same method. */
      pHolm: number;
    }
  | NotComputable;

export interface PredictedPair {
  expectedSign: 1 | -1;
  pearson: SignCheck;
  spearman: SignCheck;
}

export interface CorrelationCell {
  hexaco: HexacoKey;
  csi: CsiKey;
  /** Personas scored on both dimensions (pairwise-complete). */
  n: number;
  pearson: CorrelationResult;
  spearman: CorrelationResult;
  /** Present on the six pairs psychology predicts. */
  predicted?: PredictedPair;
}

export interface TraitCorrelationMatrix {
  personas: number;
  hexacoKeys: readonly HexacoKey[];
  csiKeys: readonly CsiKey[];
  /** Row-major: HEXACO_KEYS × CSI_KEYS, 36 cells. */
  cells: CorrelationCell[];
}

function signCheck(result: CorrelationResult, expectedSign: 1 | -1, pHolm: number | undefined): SignCheck {
  if (!result.ok || pHolm === undefined) return notComputable(result.ok ? 'no p-value' : result.reason);
  const observedSign = result.coefficient > 0 ? 1 : result.coefficient < 0 ? -1 : 0;
  return { ok: true, observedSign, agrees: observedSign === expectedSign, pHolm };
}

/** Holm-adjusted p per cell index, over the predicted cells whose `method` result is computable. */
function holmOverPredicted(cells: readonly CorrelationCell[], method: 'pearson' | 'spearman'): Map<number, number> {
  const tested = cells.flatMap((cell, i) => {
    const r = cell[method];
    return CSI_PAIRS[cell.csi].hexaco === cell.hexaco && r.ok ? [{ i, p: r.pValue }] : [];
  });
  const adjusted = holmAdjust(tested.map((t) => t.p));
  return new Map(tested.map((t, k) => [t.i, adjusted[k] as number]));
}

export function traitCorrelationMatrix(personas: readonly PersonaTraits[], options: CorrelationOptions = {}): TraitCorrelationMatrix {
  const cells: CorrelationCell[] = [];
  for (const h of HEXACO_KEYS) {
    for (const c of CSI_KEYS) {
      const x: number[] = [];
      const y: number[] = [];
      for (const p of personas) {
        const hv = p.hexaco[h];
        const cv = p.csi[c];
        if (hv !== undefined && cv !== undefined) {
          x.push(hv);
          y.push(cv);
        }
      }
      cells.push({ hexaco: h, csi: c, n: x.length, pearson: pearson(x, y, options), spearman: spearman(x, y, options) });
    }
  }
  const holmPearson = holmOverPredicted(cells, 'pearson');
  const holmSpearman = holmOverPredicted(cells, 'spearman');
  cells.forEach((cell, i) => {
    const pair = CSI_PAIRS[cell.csi];
    if (pair.hexaco !== cell.hexaco) return;
    cell.predicted = {
      expectedSign: pair.sign,
      pearson: signCheck(cell.pearson, pair.sign, holmPearson.get(i)),
      spearman: signCheck(cell.spearman, pair.sign, holmSpearman.get(i)),
    };
  });
  return { personas: personas.length, hexacoKeys: HEXACO_KEYS, csiKeys: CSI_KEYS, cells };
}

/** The six predicted cells, in CSI_KEYS order. */
export function predictedCells(matrix: TraitCorrelationMatrix): CorrelationCell[] {
  return matrix.cells.filter((c) => c.predicted !== undefined);
}
