// Moving table rows onto the engine: a block of rows (or rows picked by index) as a
// float32 tensor, standardised there with the training moments; and the seeded minibatch
// order the engine-trained detectors share.
import * as torch from '../torch/index.js';
import type { Rng } from '../util/rng.js';
import type { Moments } from './moments.js';
import type { TabularData } from './types.js';

/** Rows `idx` of d copied into one [idx.length, f] array. */
export function gatherRows(d: TabularData, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * d.f);
  for (let r = 0; r < idx.length; r++) out.set(d.x.subarray(idx[r] * d.f, (idx[r] + 1) * d.f), r * d.f);
  return out;
}

/** Minibatches of `size` row indices walking a seeded permutation of n rows, reshuffled (Fisher–Yates) whenever a batch would run past the end. */
export class Minibatches {
  private readonly perm: Int32Array;
  private at: number;
  readonly size: number;
  constructor(private readonly n: number, size: number, private readonly rng: Rng) {
    this.perm = Int32Array.from({ length: n }, (_, i) => i);
    this.size = Math.min(size, n);
    this.at = n;
  }
  next(): Int32Array {
    const { perm, n, size } = this;
    if (this.at + size > n) {
      for (let i = n - 1; i > 0; i--) {
        const j = this.rng.int(i + 1);
        const t = perm[i]; perm[i] = perm[j]; perm[j] = t;
      }
      this.at = 0;
    }
    const idx = perm.subarray(this.at, this.at + size);
    this.at += size;
    return idx;
  }
}

/** Moments as two kept [1, f] tensors, for standardising blocks on the engine. */
export class EngineScaler {
  readonly mean: torch.Tensor;
  readonly std: torch.Tensor;
  private readonly f: number;
  constructor(m: Moments) {
    this.f = m.mean.length;
    this.mean = torch.keep(torch.tensor(m.mean, { shape: [1, m.mean.length] }));
    this.std = torch.keep(torch.tensor(m.std, { shape: [1, m.std.length] }));
  }
  /** A [rows, f] block of raw values as a standardised tensor (call inside tidy). */
  apply(x: Float32Array, rows: number): torch.Tensor {
    return torch.tensor(x, { shape: [rows, this.f] }).sub(this.mean).div(this.std);
  }
  dispose(): void {
    this.mean.dispose();
    this.std.dispose();
  }
}

/** Runs fn on row blocks [start, end) of at most `block` rows and writes its scores into one array. */
export function scoreInBlocks(d: TabularData, block: number, fn: (x: Float32Array, rows: number) => torch.Tensor): Float32Array {
  const out = new Float32Array(d.n);
  for (let start = 0; start < d.n; start += block) {
    const end = Math.min(d.n, start + block);
    const s = torch.noGrad(() => torch.tidy(() => fn(d.x.subarray(start * d.f, end * d.f), end - start).float().dataSync() as Float32Array));
    out.set(s, start);
  }
  return out;
}
