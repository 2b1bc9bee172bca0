// Piecewise-linear encoding (Gorishniy, Rubachev & Babenko 2022, "PLE-Q"): each input
// column is cut into T bins at quantiles of the training rows, and a value x becomes a
// T-vector: 1 for every bin wholly below x, (x - left) / (right - left) in x's own bin,
// 0 above. The edges are fitted state (saved in layout.json with the normaliser); the
// encoding itself is applied per batch in BoundLayout, so the base matrix never grows T-fold.
//
// The first and last bins are left unclamped, as in the paper: below the training minimum
// the first component goes negative, above the maximum the last one exceeds 1. Insider
// days are the tail, and a value beyond anything seen in training should still say how far
// beyond (clamping would give every such value the encoding of the training maximum). The
// inputs are bounded (the normaliser clips at ±20, deviations are z-scores with a floor on
// the spread), so the extrapolation is too; edges closer than MIN_WIDTH are merged, since
// a bin that thin is float noise and its slope 1/width would blow any value past it up.
import * as torch from '../torch/index.js';
import { Tensor, keep } from '../torch/index.js';

export interface PleSpec {
  /** Bins per column before duplicate quantiles merge (T). */
  bins: number;
  /** At most this many training rows are read per column. Default 50,000, as the normaliser. */
  maxRows?: number;
}

/** Per column its increasing edges (2 to bins+1 of them); `bins` is the encoding's width. */
export interface PleState { bins: number; edges: number[][] }

/**
 * 8 bins: CERT counts are sparse (most user-days 0), so their quantiles collapse to a few
 * distinct edges anyway, and each bin costs d weights per column in the embedding; with a
 * few hundred malicious days to learn from, more bins mostly add parameters to overfit.
 */
export const DEFAULT_PLE_BINS = 8;
const MIN_WIDTH = 1e-4;

/** Linear-interpolated quantile of sorted values (numpy's default, as the normaliser). */
function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** The edges of one column from its sorted training values. */
export function pleEdges(sorted: Float64Array, bins: number): number[] {
  const edges: number[] = [];
  for (let k = 0; k <= bins; k++) {
    const q = quantile(sorted, k / bins);
    if (edges.length === 0 || q - edges[edges.length - 1] >= MIN_WIDTH) edges.push(q);
    else if (k === bins) edges[edges.length - 1] = q; // the maximum stays the last edge
  }
  // A column constant in training keeps one unit bin: its encoding is x minus that value.
  if (edges.length === 1) edges.push(edges[0] + 1);
  return edges;
}

/** Fits edges on `rows` of the row-major [n, w] matrix `values`. */
export function fitPle(values: Float32Array, w: number, rows: Int32Array, spec: PleSpec): PleState {
  if (!Number.isInteger(spec.bins) || spec.bins < 1) throw new Error(`PLE: bins must be a positive integer, got ${spec.bins}`);
  if (rows.length === 0) throw new Error('fitPle: no training rows');
  const m = Math.min(rows.length, spec.maxRows ?? 50_000);
  const pick = Int32Array.from({ length: m }, (_, k) => rows[Math.floor((k * rows.length) / m)]);
  const col = new Float64Array(m);
  const edges: number[][] = [];
  for (let j = 0; j < w; j++) {
    for (let k = 0; k < m; k++) col[k] = values[pick[k] * w + j];
    edges.push(pleEdges(col.slice().sort(), spec.bins));
  }
  return { bins: spec.bins, edges };
}

/**
 * The encoding as tensors, for a batch [B, w] → [B, w, T]: component t of column j is
 * clamp(x·scale + offset, lo, hi), with lo = -∞ on the first bin, hi = +∞ on the last,
 * and scale = offset = lo = hi = 0 on the bins a column does not have (always 0).
 */
export class PleEncoder {
  private readonly scale: Tensor;
  private readonly offset: Tensor;
  private readonly lo: Tensor;
  private readonly hi: Tensor;
  constructor(readonly state: PleState) {
    const T = state.bins, w = state.edges.length;
    const scale = new Float32Array(w * T), offset = new Float32Array(w * T), lo = new Float32Array(w * T), hi = new Float32Array(w * T);
    state.edges.forEach((e, j) => {
      const n = e.length - 1;
      if (n < 1 || n > T) throw new Error(`PLE: column ${j} has ${e.length} edges; expected 2 to ${T + 1}`);
      for (let t = 0; t < n; t++) {
        const width = e[t + 1] - e[t];
        scale[j * T + t] = 1 / width;
        offset[j * T + t] = -e[t] / width;
        lo[j * T + t] = t === 0 ? -Infinity : 0;
        hi[j * T + t] = t === n - 1 ? Infinity : 1;
      }
    });
    const t = (v: Float32Array) => keep(torch.tensor(v, { shape: [w, T] }));
    [this.scale, this.offset, this.lo, this.hi] = [t(scale), t(offset), t(lo), t(hi)];
  }
  get bins(): number { return this.state.bins; }
  encode(x: Tensor): Tensor {
    return torch.tidy(() => x.unsqueeze(2).mul(this.scale).add(this.offset).maximum(this.lo).minimum(this.hi));
  }
  dispose(): void {
    for (const t of [this.scale, this.offset, this.lo, this.hi]) t.dispose();
  }
}
