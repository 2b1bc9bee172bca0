// Holm's step-down correction for a family of p-values, and the Wilcoxon–Holm post-hoc
// comparison of every pair of methods over data sets that Benavoli, Corani and Mangili
// (2016, "Should we really use post-hoc tests based on mean-ranks?", JMLR 17) recommend
// instead of Nemenyi's mean-rank test for critical-difference diagrams.
import { averageRanks, type ResultMatrix } from './ranks.js';
import { rankCliques } from './nemenyi.js';
import { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon.js';

/**
 * Holm-adjusted p-values in the input order: sorted ascending, p_(i) · (m − i + 1), made
 * non-decreasing and capped at 1. A hypothesis is rejected at level α when its adjusted
 * p-value is <= α, which is Holm's procedure (reject while p_(i) <= α / (m − i + 1)).
 */
export function holm(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`Holm correction: p-value ${i} is ${p}, expected a number in [0, 1]`);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Float64Array(m);
  let running = 0;
  order.forEach((j, i) => {
    running = Math.max(running, Math.min(1, (m - i) * pValues[j]));
    adjusted[j] = running;
  });
  return adjusted;
}

export interface PairwiseComparison extends WilcoxonResult {
  /** Method indices (columns); wins count data sets where a's result is higher than b's. */
  a: number;
  b: number;
  adjustedP: number;
  significant: boolean;
}

export interface WilcoxonHolmResult {
  averageRanks: Float64Array;
  /** Every pair a < b, in order. */
  pairs: PairwiseComparison[];
  /** Runs of methods (best first) with no significant pair among them, for a CD diagram. */
  cliques: number[][];
  alpha: number;
}

/** Wilcoxon signed-rank tests of every pair of methods (columns) over data sets (rows), Holm-corrected. */
export function wilcoxonHolm(m: ResultMatrix, opts: { alpha?: number; higherIsBetter?: boolean } = {}): WilcoxonHolmResult {
  const alpha = opts.alpha ?? 0.05;
  const ranks = averageRanks(m, opts.higherIsBetter ?? true);
  const k = ranks.length;
  if (k < 2) throw new Error(`Wilcoxon–Holm needs at least 2 methods, got ${k}`);
  const column = (j: number) => Float64Array.from(m, (row) => row[j]);
  const raw: Omit<PairwiseComparison, 'adjustedP' | 'significant'>[] = [];
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) raw.push({ a, b, ...wilcoxonSignedRank(column(a), column(b)) });
  const adjusted = holm(raw.map((r) => r.pValue));
  const pairs = raw.map((r, i) => ({ ...r, adjustedP: adjusted[i], significant: adjusted[i] <= alpha }));
  const significant = new Set(pairs.filter((p) => p.significant).map((p) => p.a * k + p.b));
  const alike = (i: number, j: number) => !significant.has(Math.min(i, j) * k + Math.max(i, j));
  return { averageRanks: ranks, pairs, cliques: rankCliques(ranks, alike), alpha };
}
