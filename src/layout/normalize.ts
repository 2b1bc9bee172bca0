// Per-column normalisation fitted on training rows only: log1p for columns that are
// never negative in training (counts, sizes, durations: heavy right tails), then robust
// scaling by the median and the interquartile range (falling back to the standard
// deviation for sparse columns whose IQR is 0), then clipping. Robust statistics keep a
// handful of extreme insider days from setting the scale for everyone.
//
// 'quantile' instead maps each column through its training distribution onto a standard
// normal (rank-Gauss, as the Kaggle MoA winners fed tabular nets): the net then sees every
// feature the way a tree does, by rank, with no tail to tame.
//
// 'smooth' is RealMLP's input (Holzmüller et al. 2024): the robust scaling above, then a
// smooth clip v / √(1 + (v/3)²) instead of the hard one. Extreme days keep their order
// (a hard clip ties every value past the limit, and insider days live in the tail) while
// their magnitude stays below 3, so no single count dominates a linear layer's sum.
export interface ColumnTransform { log: boolean; center: number; scale: number; knots?: number[]; scores?: number[] }
export const NORMALIZE_KINDS = ['robust', 'quantile', 'smooth'] as const;
export type NormalizeKind = (typeof NORMALIZE_KINDS)[number];
export interface NormalizerState { kind: 'robust-log1p' | 'quantile' | 'robust-smooth'; clip: number; transforms: ColumnTransform[] }

/** RealMLP's smooth clipping: odd, monotone, ≈ v near 0, tends to ±3. */
export function smoothClip(v: number): number {
  return v / Math.sqrt(1 + (v / 3) ** 2);
}

export interface NormalizeOptions {
  /** Columns never log-transformed (0/1 flags). */
  noLog?: boolean[];
  /** At most this many training rows are read per column for the quantiles. Default 50,000. */
  maxRows?: number;
  /** |value| limit after scaling. Default 20. */
  clip?: number;
  kind?: NormalizeKind;
}

/** Φ⁻¹ (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) { const q = Math.sqrt(-2 * Math.log(p)); return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1); }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Knots (distinct training values, at most `max`) and the normal score of each value's mid-rank. */
function quantileKnots(sorted: Float64Array, max = 512): { knots: number[]; scores: number[] } {
  const m = sorted.length;
  const knots: number[] = [], scores: number[] = [];
  for (let lo = 0; lo < m;) {
    let hi = lo;
    while (hi + 1 < m && sorted[hi + 1] === sorted[lo]) hi++;
    knots.push(sorted[lo]);
    scores.push(normalQuantile((lo + hi + 1) / 2 / m));
    lo = hi + 1;
  }
  if (knots.length <= max) return { knots, scores };
  const pick = Array.from({ length: max }, (_, k) => Math.round((k * (knots.length - 1)) / (max - 1)));
  return { knots: pick.map((i) => knots[i]), scores: pick.map((i) => scores[i]) };
}

function throughKnots(v: number, knots: number[], scores: number[]): number {
  if (v <= knots[0]) return scores[0];
  const n = knots.length;
  if (v >= knots[n - 1]) return scores[n - 1];
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (knots[mid] <= v) lo = mid; else hi = mid; }
  return scores[lo] + ((scores[hi] - scores[lo]) * (v - knots[lo])) / (knots[hi] - knots[lo]);
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
    if (o.kind === 'quantile') { transforms.push({ log, center: 0, scale: 1, ...quantileKnots(sorted) }); continue; }
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
  return { kind: o.kind === 'quantile' ? 'quantile' : o.kind === 'smooth' ? 'robust-smooth' : 'robust-log1p', clip: o.clip ?? 20, transforms };
}

/** Applies a fitted normaliser to every row; returns a new [n, f] array. */
export function applyNormalizer(state: NormalizerState, values: Float32Array, f: number): Float32Array {
  if (state.transforms.length !== f) throw new Error(`applyNormalizer: fitted on ${state.transforms.length} columns, the rows have ${f}`);
  if (values.length % f !== 0) throw new Error(`applyNormalizer: ${values.length} values is not a whole number of ${f}-column rows`);
  const out = new Float32Array(values.length);
  const n = values.length / f, c = state.clip, smooth = state.kind === 'robust-smooth';
  for (let j = 0; j < f; j++) {
    const { log, center, scale, knots, scores } = state.transforms[j];
    for (let i = 0; i < n; i++) {
      let v = values[i * f + j];
      // A negative value in a log column (never seen in training) keeps its sign.
      if (log) v = v >= 0 ? Math.log1p(v) : -Math.log1p(-v);
      v = knots ? throughKnots(v, knots, scores!) : (v - center) / scale;
      out[i * f + j] = smooth ? smoothClip(v) : v > c ? c : v < -c ? -c : v;
    }
  }
  return out;
}
