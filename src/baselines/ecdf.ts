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

const BLOCK = 2048;

/**
 * Rows [start, end) of d transposed into `out` as [f, end - start]: row-major reads,
 * so that the per-column work after it walks memory in order (a column read straight
 * from a wide row-major table misses the cache on every value).
 */
function transposeBlock(d: TabularData, start: number, end: number, out: Float32Array): void {
  const { x, f } = d;
  const rows = end - start;
  for (let i = start; i < end; i++) {
    const row = i * f, c = i - start;
    for (let j = 0; j < f; j++) out[j * rows + c] = x[row + j];
  }
}

export function fitColumnEcdf(d: TabularData): ColumnEcdf {
  const { n, f } = d;
  const sorted = new Float32Array(n * f);
  const buf = new Float32Array(Math.min(n, BLOCK) * f);
  for (let s = 0; s < n; s += BLOCK) {
    const e = Math.min(n, s + BLOCK), rows = e - s;
    transposeBlock(d, s, e, buf);
    for (let j = 0; j < f; j++) sorted.set(buf.subarray(j * rows, (j + 1) * rows), j * n + s);
  }
  const skewSign = new Int8Array(f);
  for (let j = 0; j < f; j++) {
    const col = sorted.subarray(j * n, (j + 1) * n);
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
 * Sums combine(skewSign_j, uLeft, uRight) over the features of each row of data, where
 * uLeft = -log P(X_j <= v) and uRight = -log P(X_j >= v) for the row's value v.
 */
export function sumTailScores(e: ColumnEcdf, data: TabularData, combine: (sign: number, uLeft: number, uRight: number) => number): Float64Array {
  const { n, sorted } = e;
  const f = data.f;
  const sum = new Float64Array(data.n);
  // -log((count + 1) / (n + 1)) for every count, looked up instead of two logs per cell.
  const nlog = new Float64Array(n + 1);
  for (let c = 0; c <= n; c++) nlog[c] = Math.log(n + 1) - Math.log(c + 1);
  const buf = new Float32Array(Math.min(data.n, BLOCK) * f);
  for (let s = 0; s < data.n; s += BLOCK) {
    const end = Math.min(data.n, s + BLOCK), rows = end - s;
    transposeBlock(data, s, end, buf);
    for (let j = 0; j < f; j++) {
      const base = j * n, sign = e.skewSign[j], colAt = j * rows;
      for (let c = 0; c < rows; c++) {
        const v = buf[colAt + c];
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
        sum[s + c] += combine(sign, nlog[le], nlog[n - (lo2 - base)]);
      }
    }
  }
  return sum;
}
