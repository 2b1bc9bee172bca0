// Per-column normalisation fitted on training rows only: log1p for columns that are
// never negative in training (counts, sizes, durations: heavy right tails), then robust
// scaling by the median and the interquartile range (falling back to the standard
// deviation for sparse columns whose IQR is 0), then clipping. Robust statistics keep a
// handful of extreme insider days from setting the scale for everyone.
export interface ColumnTransform { log: boolean; center: number; scale: number }
export interface NormalizerState { kind: 'robust-log1p'; clip: number; transforms: ColumnTransform[] }

export interface NormalizeOptions {
  /** Columns never log-transformed (0/1 flags). */
  noLog?: boolean[];
  /** At most this many training rows are read per column for the quantiles. Default 50,000. */
  maxRows?: number;
  /** |value| limit after scaling. Default 20. */
  clip?: number;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Fits on `rows` of the row-major [n, f] matrix `values`. */
export function fitNormalizer(values: Float32Array, f: number, rows: Int32Array, o: NormalizeOptions = {}): NormalizerState {
  if (rows.length === 0) throw new Error('fitNormalizer: no training rows');
  // An evenly spaced subset of the training rows: deterministic, and spread over users and time.
  const m = Math.min(rows.length, o.maxRows ?? 50_000);
  const pick = Int32Array.from({ length: m }, (_, k) => rows[Math.floor((k * rows.length) / m)]);
  const col = new Float64Array(m);
  const transforms: ColumnTransform[] = [];
  for (let j = 0; j < f; j++) {
    let min = Infinity;
    for (let k = 0; k < m; k++) { col[k] = values[pick[k] * f + j]; if (col[k] < min) min = col[k]; }
    const log = !o.noLog?.[j] && min >= 0;
    if (log) for (let k = 0; k < m; k++) col[k] = Math.log1p(col[k]);
    const sorted = col.slice().sort();
    const center = quantile(sorted, 0.5);
    let scale = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
    if (!(scale > 1e-6)) {
      let s = 0, ss = 0;
      for (let k = 0; k < m; k++) { s += col[k]; ss += col[k] * col[k]; }
      const v = ss / m - (s / m) ** 2;
      scale = v > 1e-12 ? Math.sqrt(v) : 1;
    }
    transforms.push({ log, center, scale });
  }
  return { kind: 'robust-log1p', clip: o.clip ?? 20, transforms };
}

/** Applies a fitted normaliser to every row; returns a new [n, f] array. */
export function applyNormalizer(state: NormalizerState, values: Float32Array, f: number): Float32Array {
  if (state.transforms.length !== f) throw new Error(`applyNormalizer: fitted on ${state.transforms.length} columns, the rows have ${f}`);
  if (values.length % f !== 0) throw new Error(`applyNormalizer: ${values.length} values is not a whole number of ${f}-column rows`);
  const out = new Float32Array(values.length);
  const n = values.length / f, c = state.clip;
  for (let j = 0; j < f; j++) {
    const { log, center, scale } = state.transforms[j];
    for (let i = 0; i < n; i++) {
      let v = values[i * f + j];
      // A negative value in a log column (never seen in training) keeps its sign.
      if (log) v = v >= 0 ? Math.log1p(v) : -Math.log1p(-v);
      v = (v - center) / scale;
      out[i * f + j] = v > c ? c : v < -c ? -c : v;
    }
  }
  return out;
}
