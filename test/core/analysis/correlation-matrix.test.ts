import { describe, expect, it } from 'vitest';
import { predictedCells, traitCorrelationMatrix, type CorrelationCell, type PersonaTraits } from '../../../src/core/analysis/correlation-matrix.js';
import { CSI_KEYS, HEXACO_KEYS, type CsiKey, type HexacoKey } from '../../../src/core/traits/dimensions.js';
import { expectNear } from './reference/close.js';

// Twelve personas; the twelfth has no Questioningness score. The same columns are in
// test/core/analysis/reference/reference_values.py, which computed the values below with
// SciPy 1.10.1 (pearsonr, spearmanr) and statsmodels 0.13.5 (multipletests, Holm).
const H = [4.2, 2.1, 3.5, 1.8, 4.8, 3.0, 2.6, 3.9, 1.5, 4.4, 2.9, 3.3];
const E = [3.1, 4.5, 2.2, 3.8, 2.9, 4.1, 1.7, 3.3, 4.9, 2.5, 3.6, 2.0];
const X = [2.4, 3.9, 4.6, 1.9, 3.2, 2.8, 4.1, 1.5, 3.5, 4.4, 2.2, 3.0];
const A = [4.0, 2.5, 3.1, 4.7, 1.8, 3.6, 2.2, 4.3, 2.9, 3.4, 1.6, 4.9];
const C = [3.3, 1.9, 4.4, 2.7, 4.0, 2.1, 3.8, 4.6, 1.4, 3.0, 2.5, 3.6];
const O = [2.8, 4.2, 3.6, 1.7, 3.9, 2.4, 4.8, 2.0, 3.1, 4.5, 1.9, 3.3];
const IM = [1.9, 3.8, 2.6, 4.1, 1.5, 3.0, 3.4, 2.2, 4.6, 1.8, 3.1, 2.7];
const EM = [3.4, 4.0, 2.5, 3.5, 3.1, 4.4, 2.0, 3.0, 4.5, 2.9, 3.2, 2.4];
const EX = [2.0, 4.1, 4.2, 2.3, 2.9, 3.1, 3.7, 1.9, 3.0, 4.6, 2.6, 2.8];
const VA = [2.1, 3.9, 2.4, 1.6, 4.2, 2.6, 3.5, 1.8, 3.0, 2.5, 4.4, 1.4];
const PR = [2.4, 3.9, 1.8, 3.2, 2.0, 3.8, 2.1, 1.5, 4.4, 2.9, 3.6, 2.3];
const QU = [2.5, 3.9, 3.1, 2.0, 4.1, 2.8, 4.4, 2.4, 3.5, 3.8, 1.7];

const personas: PersonaTraits[] = H.map((_, i) => ({
  hexaco: { H: H[i], E: E[i], X: X[i], A: A[i], C: C[i], O: O[i] } as Record<HexacoKey, number>,
  csi: {
    expressiveness: EX[i],
    preciseness: PR[i],
    verbal_aggressiveness: VA[i],
    emotionality: EM[i],
    impression_manipulativeness: IM[i],
    ...(QU[i] === undefined ? {} : { questioningness: QU[i] }),
  } as Record<CsiKey, number>,
}));

interface Reference {
  n: number;
  r: number;
  p: number;
  ci: [number, number];
  rho: number;
  rhoP: number;
  holmR?: number;
  holmRho?: number;
}

const REFERENCE: Record<string, Reference> = {
  'H:impression_manipulativeness': { n: 12, r: -0.9969251001013972, p: 2.153666645505516e-12, ci: [-0.9991666057503289, -0.9886889282393965], rho: -1, rhoP: 0, holmR: 1.2921999873033095e-11, holmRho: 0 },
  'E:emotionality': { n: 12, r: 0.9502092037673144, p: 2.2162081750592294e-6, ci: [0.8276437230516545, 0.9862710071887083], rho: 0.9580419580419581, rhoP: 9.5435818268384e-7, holmR: 6.648624525177688e-6, holmRho: 2.86307454805152e-6 },
  'X:expressiveness': { n: 12, r: 0.9319798072795005, p: 1.022251162627181e-5, ci: [0.7698366570937057, 0.9811167109511582], rho: 0.9230769230769231, rhoP: 1.8621951098680987e-5, holmR: 2.044502325254362e-5, holmRho: 3.724390219736197e-5 },
  'A:verbal_aggressiveness': { n: 12, r: -0.9724597275701947, p: 1.1913851968607789e-7, ci: [-0.9924684589609373, -0.9019115013178777], rho: -0.965034965034965, rhoP: 3.88098529962746e-7, holmR: 4.7655407874431155e-7, holmRho: 1.552394119850984e-6 },
  'C:preciseness': { n: 12, r: -0.9920886278238105, p: 2.4086547500140954e-10, ci: [-0.9978519777690323, -0.9710854585811451], rho: -1, rhoP: 0, holmR: 1.2043273750070477e-9, holmRho: 0 },
  'O:questioningness': { n: 11, r: 0.934940842955393, p: 2.4341495948256542e-5, ci: [0.7629831197113411, 0.983322014603014], rho: 0.9363636363636365, rhoP: 2.208207644917754e-5, holmR: 2.4341495948256542e-5, holmRho: 3.724390219736197e-5 },
  'H:expressiveness': { n: 12, r: -0.01772932994002416, p: 0.956387507826256, ci: [-0.5856718001520544, 0.5618894510578677], rho: -0.027972027972027972, rhoP: 0.9312343512018808 },
  'O:emotionality': { n: 12, r: -0.37093559787000757, p: 0.23520392116919195, ci: [-0.7790026999109837, 0.2578592314220147], rho: -0.4545454545454546, rhoP: 0.13765791634772945 },
};

function cellOf(cells: readonly CorrelationCell[], key: string): CorrelationCell {
  const [h, c] = key.split(':');
  const cell = cells.find((x) => x.hexaco === h && x.csi === c);
  if (!cell) throw new Error(`no cell ${key}`);
  return cell;
}

describe('RQ1: HEXACO × CSI correlation matrix', () => {
  const matrix = traitCorrelationMatrix(personas);

  it('has 36 cells, row-major HEXACO × CSI', () => {
    expect(matrix.personas).toBe(12);
    expect(matrix.cells).toHaveLength(36);
    expect(matrix.cells.map((c) => `${c.hexaco}:${c.csi}`)).toEqual(HEXACO_KEYS.flatMap((h) => CSI_KEYS.map((c) => `${h}:${c}`)));
  });

  it('matches SciPy on the predicted pairs and two others (pairwise-complete n)', () => {
    for (const [key, ref] of Object.entries(REFERENCE)) {
      const cell = cellOf(matrix.cells, key);
      expect(cell.n, key).toBe(ref.n);
      if (!cell.pearson.ok || !cell.spearman.ok || !cell.pearson.ci.ok) throw new Error(`${key} not computable`);
      expectNear(cell.pearson.coefficient, ref.r, 1e-11, `${key} r`);
      expectNear(cell.pearson.pValue, ref.p, 1e-7, `${key} p`);
      expectNear(cell.pearson.ci.lower, ref.ci[0], 1e-9, `${key} lower`);
      expectNear(cell.pearson.ci.upper, ref.ci[1], 1e-9, `${key} upper`);
      expectNear(cell.spearman.coefficient, ref.rho, 1e-11, `${key} rho`);
      // rho = ±1 gives p = 0 in SciPy; floating ranks may give a p-value of ~1e-100 instead.
      if (ref.rhoP === 0) expect(cell.spearman.pValue).toBeLessThan(1e-15);
      else expectNear(cell.spearman.pValue, ref.rhoP, 1e-7, `${key} rho p`);
    }
  });

  it('marks exactly the six predicted pairs, their expected sign, agreement and Holm-adjusted p', () => {
    const predicted = predictedCells(matrix);
    expect(predicted.map((c) => `${c.hexaco}:${c.csi}`).sort()).toEqual(
      ['H:impression_manipulativeness', 'E:emotionality', 'X:expressiveness', 'A:verbal_aggressiveness', 'C:preciseness', 'O:questioningness'].sort(),
    );
    const expectedSign: Record<string, 1 | -1> = { H: -1, E: 1, X: 1, A: -1, C: 1, O: 1 };
    for (const cell of predicted) {
      const key = `${cell.hexaco}:${cell.csi}`;
      const ref = REFERENCE[key] as Reference;
      expect(cell.predicted?.expectedSign, key).toBe(expectedSign[cell.hexaco]);
      const p = cell.predicted?.pearson;
      const s = cell.predicted?.spearman;
      if (!p?.ok || !s?.ok) throw new Error(`${key}: sign check not computable`);
      // Preciseness was built to run against Conscientiousness: the one disagreement.
      expect(p.agrees, key).toBe(cell.hexaco !== 'C');
      expect(s.agrees, key).toBe(cell.hexaco !== 'C');
      expect(p.observedSign).toBe(Math.sign(ref.r));
      expectNear(p.pHolm, ref.holmR as number, 1e-7, `${key} Holm (Pearson)`);
      if (ref.holmRho === 0) expect(s.pHolm).toBeLessThan(1e-14);
      else expectNear(s.pHolm, ref.holmRho as number, 1e-7, `${key} Holm (Spearman)`);
    }
    expect(cellOf(matrix.cells, 'H:expressiveness').predicted).toBeUndefined();
  });

  it('with too few personas every cell says why, and nothing is NaN', () => {
    const few = traitCorrelationMatrix(personas.slice(0, 2));
    for (const cell of few.cells) {
      expect(cell.pearson.ok).toBe(false);
      expect(cell.spearman.ok).toBe(false);
      if (cell.predicted) expect(cell.predicted.pearson).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 3 pairs/) });
    }
    expect(JSON.stringify(few)).not.toMatch(/NaN|null/);
    expect(traitCorrelationMatrix([]).cells.every((c) => c.n === 0 && !c.pearson.ok)).toBe(true);
  });
});
