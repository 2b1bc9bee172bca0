// Per-column z-scores for a row-major [n, f] feature matrix, in place. CERT features mix
// counts in the thousands with 0/1 flags; a network needs them on one scale. Returns the
// statistics so the same transform can be applied to held-out rows (applyStandardize).
export interface ColumnStats { mean: Float64Array; std: Float64Array }

/** Fits mean and population std per column on these rows and standardizes them. A constant column gets std 1. */
export function standardize(values: Float32Array, n: number, f: number): ColumnStats {
  if (values.length !== n * f) throw new Error(`standardize: expected ${n} × ${f} values, got ${values.length}`);
  const mean = new Float64Array(f), std = new Float64Array(f);
  for (let j = 0; j < f; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[i * f + j];
    const m = n > 0 ? s / n : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (values[i * f + j] - m) ** 2;
    mean[j] = m;
    std[j] = n > 0 && ss > 0 ? Math.sqrt(ss / n) : 1;
  }
  applyStandardize(values, n, f, { mean, std });
  return { mean, std };
}

/** Applies statistics fitted elsewhere (e.g. on training users) to these rows, in place. */
export function applyStandardize(values: Float32Array, n: number, f: number, stats: ColumnStats): void {
  if (stats.mean.length !== f) throw new Error(`applyStandardize: statistics for ${stats.mean.length} columns, rows have ${f}`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) values[i * f + j] = (values[i * f + j] - stats.mean[j]) / stats.std[j];
  }
}
