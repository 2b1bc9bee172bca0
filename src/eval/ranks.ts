// Ranks of k methods over N data sets and the Friedman test on them (Demšar 2006,
// "Statistical Comparisons of Classifiers over Multiple Data Sets", JMLR 7, §3.2.2).
// A results matrix has one row per data set and one column per method; higher values are
// better unless told otherwise, and rank 1 is the best. Ties share the average of the
// ranks they span, as scipy.stats.rankdata does.
import { chiSquareSf, fSf } from './special.js';

export type ResultMatrix = readonly ArrayLike<number>[];

export interface FriedmanResult {
  /** Data sets (rows) and methods (columns). */
  n: number;
  k: number;
  /** Mean rank of each method over the data sets (1 = best). */
  averageRanks: Float64Array;
  /** Friedman's chi-square with k − 1 degrees of freedom, and its upper-tail p-value. */
  chiSquare: number;
  pValue: number;
  /** Iman and Davenport's F = (N−1)χ² / (N(k−1) − χ²), with k−1 and (k−1)(N−1) df. */
  imanDavenport: { f: number; df1: number; df2: number; pValue: number };
  tieCorrection: boolean;
}

/** Ranks of one row (1 = best), ties averaged; also returns Σ(t³ − t) over tie groups. */
export function rankRow(row: ArrayLike<number>, higherIsBetter = true): { ranks: Float64Array; tieTerm: number } {
  const k = row.length;
  const order = Array.from({ length: k }, (_, j) => j);
  const v = (j: number) => (higherIsBetter ? -row[j] : row[j]);
  order.sort((a, b) => v(a) - v(b));
  const ranks = new Float64Array(k);
  let tieTerm = 0;
  for (let s = 0; s < k;) {
    let e = s + 1;
    while (e < k && v(order[e]) === v(order[s])) e++;
    const t = e - s;
    for (let i = s; i < e; i++) ranks[order[i]] = (s + 1 + e) / 2;
    tieTerm += t * t * t - t;
    s = e;
  }
  return { ranks, tieTerm };
}

function checkMatrix(what: string, m: ResultMatrix, minK = 2): { n: number; k: number } {
  const n = m.length;
  if (n === 0) throw new Error(`${what}: no data sets (empty matrix)`);
  const k = m[0].length;
  if (k < minK) throw new Error(`${what} needs at least ${minK} methods, got ${k}`);
  m.forEach((row, i) => {
    if (row.length !== k) throw new Error(`${what}: data set ${i} has ${row.length} results, data set 0 has ${k}`);
    for (let j = 0; j < k; j++) if (Number.isNaN(row[j])) throw new Error(`${what}: result of method ${j} on data set ${i} is NaN`);
  });
  return { n, k };
}

/** Mean rank of each method over the rows of m (1 = best). */
export function averageRanks(m: ResultMatrix, higherIsBetter = true): Float64Array {
  const { n, k } = checkMatrix('average ranks', m, 1);
  const sum = new Float64Array(k);
  for (const row of m) rankRow(row, higherIsBetter).ranks.forEach((r, j) => { sum[j] += r; });
  return sum.map((s) => s / n);
}

/**
 * Friedman's test that all methods perform alike, with Iman and Davenport's less
 * conservative F version. tieCorrection (default true) divides χ² by
 * 1 − Σ(t³−t) / (N k (k²−1)) as scipy.stats.friedmanchisquare does; Demšar's worked
 * example leaves it out. Rows where every method ties carry no information; if all do,
 * χ² is 0 and the p-values are 1.
 */
export function friedmanTest(m: ResultMatrix, opts: { higherIsBetter?: boolean; tieCorrection?: boolean } = {}): FriedmanResult {
  const { n, k } = checkMatrix('Friedman test', m);
  const tieCorrection = opts.tieCorrection ?? true;
  const sum = new Float64Array(k);
  let ties = 0;
  for (const row of m) {
    const r = rankRow(row, opts.higherIsBetter ?? true);
    r.ranks.forEach((x, j) => { sum[j] += x; });
    ties += r.tieTerm;
  }
  let ss = 0;
  for (const s of sum) ss += s * s;
  const c = tieCorrection ? 1 - ties / (n * k * (k * k - 1)) : 1;
  // Rank sums instead of mean ranks keep the arithmetic in integers and halves.
  const raw = (12 / (n * k * (k + 1))) * ss - 3 * n * (k + 1);
  const chiSquare = c > 0 ? Math.max(0, raw / c) : 0;
  const df1 = k - 1, df2 = (k - 1) * (n - 1);
  const denom = n * (k - 1) - chiSquare;
  // χ² reaches N(k−1) when every data set ranks the methods the same way: F is infinite.
  const f = denom > 0 ? ((n - 1) * chiSquare) / denom : Infinity;
  return {
    n, k,
    averageRanks: sum.map((s) => s / n),
    chiSquare,
    pValue: chiSquareSf(chiSquare, df1),
    imanDavenport: { f, df1, df2, pValue: n > 1 ? fSf(f, df1, df2) : NaN },
    tieCorrection,
  };
}
