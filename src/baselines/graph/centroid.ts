// Distance of each row to the centroid of its community, on the engine: rows are
// standardised with the training moments, a community's centroid is the mean of its
// training rows (sums by one-hot matmul, block by block), and a row's distance is the
// root-mean-square of its standardised difference from its community's centroid. Rows
// of users in no community, or in one with fewer than `minRows` training rows, are
// measured from the training mean (the origin of the standardised space).
import * as torch from '../../torch/index.js';
import { columnMoments } from '../moments.js';
import { EngineScaler } from '../rows.js';
import type { TabularData } from '../types.js';

const BLOCK_VALUES = 1 << 22;

export class CommunityCentroids {
  private readonly scaler: EngineScaler;
  /** [k + 1, f]: row c is community c's centroid, row k the origin. */
  private readonly centroids: torch.Tensor;
  private readonly k: number;
  readonly f: number;

  /** `community[i]` is training row i's community (0 … k-1) or −1. */
  constructor(train: TabularData, community: Int32Array, k: number, minRows = 2) {
    if (community.length !== train.n) throw new RangeError(`centroids: ${community.length} communities for ${train.n} rows`);
    const { n, f } = train;
    this.f = f;
    this.k = k;
    this.scaler = new EngineScaler(columnMoments(train));
    const scaler = this.scaler;
    const sums = torch.keep(torch.zeros([k + 1, f], { dtype: 'float64' }));
    const counts = new Float64Array(k + 1);
    const block = Math.max(1, Math.floor(BLOCK_VALUES / f));
    for (let s = 0; s < n; s += block) {
      const e = Math.min(n, s + block);
      const idx = this.groups(community.subarray(s, e), counts);
      torch.noGrad(() => torch.tidy(() => {
        const xs = scaler.apply(train.x.subarray(s * f, e * f), e - s).double();
        const onehot = torch.F.oneHot(torch.tensor(idx, { dtype: 'int64' }), k + 1).double();
        sums.add_(onehot.t().matmul(xs));
      }));
    }
    // Small communities and the no-community group get the origin.
    const scale = Float64Array.from(counts, (c, i) => (i < k && c >= minRows ? 1 / c : 0));
    this.centroids = torch.noGrad(() => torch.tidy(() => torch.keep(sums.mul(torch.tensor(scale, { shape: [k + 1, 1] })).float())));
    sums.dispose();
  }

  /** Community ids with −1 (and out-of-range ids) sent to the origin row k; counts rows per group. */
  private groups(c: Int32Array, counts?: Float64Array): Int32Array {
    const idx = new Int32Array(c.length);
    for (let i = 0; i < c.length; i++) {
      const g = c[i]! >= 0 && c[i]! < this.k ? c[i]! : this.k;
      idx[i] = g;
      if (counts) counts[g]!++;
    }
    return idx;
  }

  /** RMS standardised distance of each row of `data` to the centroid of `community[i]`. */
  distances(data: TabularData, community: Int32Array): Float32Array {
    if (data.f !== this.f) throw new RangeError(`centroids: data has ${data.f} features, fitted on ${this.f}`);
    if (community.length !== data.n) throw new RangeError(`centroids: ${community.length} communities for ${data.n} rows`);
    const out = new Float32Array(data.n);
    const block = Math.max(1, Math.floor(BLOCK_VALUES / this.f));
    for (let s = 0; s < data.n; s += block) {
      const e = Math.min(data.n, s + block);
      const idx = this.groups(community.subarray(s, e));
      const d = torch.noGrad(() => torch.tidy(() => {
        const xs = this.scaler.apply(data.x.subarray(s * this.f, e * this.f), e - s);
        const c = this.centroids.indexSelect(0, torch.tensor(idx, { dtype: 'int64' }));
        return xs.sub(c).square().mean(1).sqrt().dataSync() as Float32Array;
      }));
      out.set(d, s);
    }
    return out;
  }

  dispose(): void {
    this.centroids.dispose();
    this.scaler.dispose();
  }
}
