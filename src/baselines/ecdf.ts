// Per-column empirical distribution of the training rows, the common ground of ECOD and
// COPOD: each column sorted once, so a new value's left tail P(X <= v) and right tail
// P(X >= v) are two binary searches; and each column's skewness sign, which tells which
// tail counts as unusual.
//
// A value is counted as one more sample of its column ((count + 1) / (n + 1)), as PyOD
// does by computing the ECDF over training and scored rows together: a value outside the
// training range then gets a small tail probability instead of log(0).
import type { TabularData } from './types.js';

export interface ColumnEcdf {
  n: number;
  f: number;
  /** Column j sorted ascending at [j*n, (j+1)*n). */
  sorted: Float32Array;
  /** sign(skewness) per column: -1, 0 or 1 (0 also for a constant column). */
  skewSign: Int8Array;
}

export function fitColumnEcdf(d: TabularData): ColumnEcdf {
  const { x, n, f } = d;
  const sorted = new Float32Array(n * f);
  const skewSign = new Int8Array(f);
  for (let j = 0; j < f; j++) {
    const col = sorted.subarray(j * n, (j + 1) * n);
    for (let i = 0; i < n; i++) col[i] = x[i * f + j];
    // Biased sample skewness m3 / m2^1.5 (scipy.stats.skew's default); only its sign is used.
    let mean = 0;
    for (let i = 0; i < n; i++) mean += col[i];
    mean /= n;
    let m2 = 0, m3 = 0;
    for (let i = 0; i < n; i++) {
      const c = col[i] - mean;
      m2 += c * c;
      m3 += c * c * c;
    }
    const skew = m2 > 0 ? m3 / n / Math.pow(m2 / n, 1.5) : 0;
    skewSign[j] = skew > 0 ? 1 : skew < 0 ? -1 : 0;
    col.sort();
  }
  return { n, f, sorted, skewSign };
}

/**
 * Calls cell(i, j, uLeft, uRight) for every cell of data, with the negative log tail
 * probabilities -log P(X_j <= v) and -log P(X_j >= v) of its value v.
 */
export function forEachTail(e: ColumnEcdf, data: TabularData, cell: (i: number, j: number, uLeft: number, uRight: number) => void): void {
  const { n, sorted } = e;
  const { x, f } = data;
  const logDen = Math.log(n + 1);
  for (let i = 0; i < data.n; i++) {
    const row = i * f;
    for (let j = 0; j < f; j++) {
      const v = x[row + j];
      const base = j * n;
      // le = #{ <= v }: first index with sorted > v.
      let lo = base, hi = base + n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      const le = lo - base;
      // lt = #{ < v }: first index with sorted >= v, searched below `lo` only.
      let lo2 = base;
      hi = lo;
      while (lo2 < hi) {
        const mid = (lo2 + hi) >>> 1;
        if (sorted[mid] < v) lo2 = mid + 1;
        else hi = mid;
      }
      const ge = n - (lo2 - base);
      cell(i, j, logDen - Math.log(le + 1), logDen - Math.log(ge + 1));
    }
  }
}
