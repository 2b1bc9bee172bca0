// Nemenyi's post-hoc test after a Friedman test (Demšar 2006 §3.2.2): two methods differ
// significantly when their average ranks differ by at least the critical difference
//   CD = q_α · sqrt(k (k+1) / (6 N)),
// and the cliques of methods that do not differ are the bars of a critical-difference
// diagram.

// q_α = (studentized range quantile at 1 − α, k groups, infinite df) / sqrt(2), for
// k = 2..20, computed with scipy.stats.studentized_range.ppf (Debian's SciPy 1.10) by
// scripts/fixtures/stats_reference.py, which writes the same numbers to
// test/fixtures/stats/reference.json (the test compares them). The first nine agree with
// Demšar's Table 5 to its three decimals.
const Q: Record<string, readonly number[]> = {
  '0.05': [
    1.9599639845400534, 2.343700586378409, 2.569031772546482, 2.7277743708703763, 2.8497054196100016,
    2.9483200175296744, 3.030878449614413, 3.1017303413033805, 3.163683577053373, 3.2186536073291525,
    3.268003924466142, 3.31273859335082, 3.3536177518523043, 3.391230283765257, 3.4260413793706097,
    3.4584247073473247, 3.4886847993791976, 3.517073008691811, 3.5437991315177815,
  ],
  '0.1': [
    1.6448536269514722, 2.0522927304967755, 2.2913414968880566, 2.4595157642714183, 2.588520601922348,
    2.6927321009677594, 2.779883608152978, 2.8546064311980253, 2.9198888400615384, 2.9777682512648735,
    3.0296941831785844, 3.0767334682691447, 3.1196933331372936, 3.1591988189088367, 3.195743433019599,
    3.229723400908194, 3.2614614896472762, 3.2912239865997983, 3.319233059548415,
  ],
};

export type NemenyiAlpha = 0.05 | 0.1;

/** Nemenyi's q_α for k methods (2 ≤ k ≤ 20, α = 0.05 or 0.10). */
export function nemenyiQ(k: number, alpha: NemenyiAlpha = 0.05): number {
  const row = Q[String(alpha)];
  if (!row) throw new Error(`Nemenyi q is tabulated for alpha 0.05 and 0.10 only, got ${alpha}`);
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new Error(`Nemenyi q is tabulated for 2 to 20 methods, got ${k}`);
  return row[k - 2];
}

/** The smallest difference of average ranks that is significant for k methods over n data sets. */
export function nemenyiCriticalDifference(k: number, n: number, alpha: NemenyiAlpha = 0.05): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`critical difference needs a positive number of data sets, got ${n}`);
  return nemenyiQ(k, alpha) * Math.sqrt((k * (k + 1)) / (6 * n));
}

/**
 * Maximal runs of methods, in order of average rank (lower = better), in which no pair
 * differs significantly: the bars of a critical-difference diagram. Each clique lists
 * method indices best first; methods that differ from all others form no clique, and a
 * run contained in another is dropped. notDifferent(i, j) decides a pair (any post-hoc
 * test: Nemenyi below, or Wilcoxon–Holm).
 */
export function rankCliques(averageRanks: ArrayLike<number>, notDifferent: (i: number, j: number) => boolean): number[][] {
  const order = Array.from({ length: averageRanks.length }, (_, j) => j).sort((a, b) => averageRanks[a] - averageRanks[b] || a - b);
  const out: number[][] = [];
  let lastEnd = -1;
  for (let s = 0; s < order.length; s++) {
    let e = s;
    // Extend while the next method is alike to every method already in the run.
    while (e + 1 < order.length && order.slice(s, e + 1).every((i) => notDifferent(i, order[e + 1]))) e++;
    if (e > s && e > lastEnd) {
      out.push(order.slice(s, e + 1));
      lastEnd = e;
    }
  }
  return out;
}

/** Nemenyi cliques: runs whose average ranks span less than cd. */
export function criticalDifferenceCliques(averageRanks: ArrayLike<number>, cd: number): number[][] {
  return rankCliques(averageRanks, (i, j) => Math.abs(averageRanks[i] - averageRanks[j]) < cd);
}
