// The paired Wilcoxon signed-rank test (two-sided), as scipy.stats.wilcoxon computes it
// with its defaults (zero_method='wilcox': zero differences are dropped; correction=False)
// and the method SciPy >= 1.13 picks under method='auto':
//   'exact'        n <= 50 pairs, no zero differences and no tied |differences|: the exact
//                  null distribution of the positive rank sum (a subset-sum count);
//   'permutation'  n <= 13 with ties or zeros: all 2^n sign flips of the average ranks
//                  (the exact conditional distribution, what SciPy's permutation test does
//                  when 2^n is below its 9,999 resamples);
//   'normal'       otherwise: z = (R+ − n(n+1)/4) / σ, σ² = (n(n+1)(2n+1) − Σ(t³−t)/2) / 24
//                  over the n non-zero differences, t the sizes of tied groups; no
//                  continuity correction.
// n above counts all pairs, zeros included (SciPy's thresholds do).
import { rankRow } from './ranks.js';
import { normalSf } from './special.js';

export interface WilcoxonResult {
  /** min(R+, R−), SciPy's two-sided statistic. */
  statistic: number;
  rPlus: number;
  rMinus: number;
  pValue: number;
  method: 'exact' | 'permutation' | 'normal';
  /** The normal deviate −|z| when method is 'normal', else null. */
  z: number | null;
  /** Pairs where a > b, a = b, a < b. */
  wins: number;
  ties: number;
  losses: number;
}

/** Two-sided signed-rank test of a − b over paired results (e.g. one method vs another per world × seed). */
export function wilcoxonSignedRank(a: ArrayLike<number>, b: ArrayLike<number>): WilcoxonResult {
  if (a.length !== b.length) throw new Error(`Wilcoxon test: a has ${a.length} pairs, b has ${b.length}`);
  if (a.length === 0) throw new Error('Wilcoxon test: no pairs');
  const d: number[] = [];
  let wins = 0, losses = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] - b[i];
    if (Number.isNaN(x)) throw new Error(`Wilcoxon test: pair ${i} is NaN`);
    if (x > 0) wins++;
    else if (x < 0) losses++;
    if (x !== 0) d.push(x);
  }
  const n = a.length, m = d.length, ties = n - m;
  // Ascending |d| ranks: rankRow ranks "lower is better" when told so.
  const { ranks, tieTerm } = rankRow(d.map(Math.abs), false);
  let rPlus = 0, rMinus = 0;
  d.forEach((x, i) => { if (x > 0) rPlus += ranks[i]; else rMinus += ranks[i]; });
  const base = { statistic: Math.min(rPlus, rMinus), rPlus, rMinus, wins, ties, losses };
  if (n <= 50 && ties === 0 && tieTerm === 0) return { ...base, method: 'exact', z: null, pValue: exactP(m, rPlus) };
  if (n <= 13) return { ...base, method: 'permutation', z: null, pValue: permutationP(ranks, rPlus) };
  const sd = Math.sqrt((m * (m + 1) * (2 * m + 1) - tieTerm / 2) / 24);
  // Every pair tied: no evidence either way (SciPy returns NaN here).
  if (!(sd > 0)) return { ...base, method: 'normal', z: 0, pValue: 1 };
  const z = (rPlus - (m * (m + 1)) / 4) / sd;
  return { ...base, method: 'normal', z: -Math.abs(z), pValue: Math.min(1, 2 * normalSf(Math.abs(z))) };
}

/** Two-sided exact p of the positive rank sum r over ranks 1..m (no ties). */
function exactP(m: number, r: number): number {
  const max = (m * (m + 1)) / 2;
  // count[s] = subsets of {1..m} summing to s; below 2^50 for m <= 50, so exact in doubles.
  const count = new Float64Array(max + 1);
  count[0] = 1;
  for (let i = 1; i <= m; i++) for (let s = (i * (i + 1)) / 2; s >= i; s--) count[s] += count[s - i];
  let le = 0, ge = 0;
  for (let s = 0; s <= max; s++) {
    if (s <= r) le += count[s];
    if (s >= r) ge += count[s];
  }
  return Math.min(1, (2 * Math.min(le, ge)) / 2 ** m);
}

/** Two-sided p of the positive rank sum over every sign assignment of the (average) ranks. */
function permutationP(ranks: Float64Array, r: number): number {
  const m = ranks.length;
  // Ranks are multiples of 1/2, so doubled sums are integers and compare exactly.
  const twice = Array.from(ranks, (x) => Math.round(2 * x));
  const obs = Math.round(2 * r);
  let le = 0, ge = 0;
  for (let mask = 0; mask < 1 << m; mask++) {
    let s = 0;
    for (let i = 0; i < m; i++) if (mask & (1 << i)) s += twice[i];
    if (s <= obs) le++;
    if (s >= obs) ge++;
  }
  return Math.min(1, (2 * Math.min(le, ge)) / 2 ** m);
}
