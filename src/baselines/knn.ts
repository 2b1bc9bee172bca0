// k-nearest-neighbour distance (PyOD's KNN, method 'largest'): a row's Euclidean
// distance to its k-th nearest training row, in standardised features. Training rows
// are subsampled (seeded) so scoring stays a few matmuls per block: distances come from
// |q|² + |t|² - 2 q·t on the engine, and topk picks the k smallest.
import * as torch from '../torch/index.js';
import { Rng } from '../util/rng.js';
import { checkData, checkTrain, intParam, notFitted } from './check.js';
import { columnMoments } from './moments.js';
import { EngineScaler, gatherRows, scoreInBlocks } from './rows.js';
import type { Detector, FitOptions, TabularData } from './types.js';

export class KNNDetector implements Detector {
  readonly name = 'knn';
  readonly supervised = false;
  private scaler: EngineScaler | null = null;
  /** [m, f] standardised reference rows and their squared norms [1, m]. */
  private ref: torch.Tensor | null = null;
  private refSq: torch.Tensor | null = null;
  private f = 0;
  private readonly k: number;
  private readonly maxTrain: number;

  /** params: k (5), maxTrain (10000 reference rows at most). */
  constructor(params: Record<string, unknown> = {}) {
    this.k = intParam(this.name, params, 'k', 5);
    this.maxTrain = intParam(this.name, params, 'maxTrain', 10_000);
  }

  fit(train: TabularData, _labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train, this.k);
    this.dispose();
    const m = Math.min(this.maxTrain, train.n);
    // The first m entries of a seeded partial shuffle: a sample without replacement.
    const idx = Int32Array.from({ length: train.n }, (_, i) => i);
    const rng = new Rng(opts.seed ?? 0, 0x4e);
    for (let i = 0; i < m; i++) {
      const j = i + rng.int(train.n - i);
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    const sample = idx.subarray(0, m).sort();
    this.scaler = new EngineScaler(columnMoments(train));
    const scaler = this.scaler;
    [this.ref, this.refSq] = torch.noGrad(() => torch.tidy(() => {
      const ref = scaler.apply(gatherRows(train, sample), m);
      return [torch.keep(ref), torch.keep(ref.square().sum(1).reshape([1, m]))];
    }));
    this.f = train.f;
  }

  score(data: TabularData): Float32Array {
    if (!this.ref || !this.refSq || !this.scaler) notFitted(this.name);
    checkData(this.name, data, this.f);
    const { ref, refSq, scaler, k } = this;
    return scoreInBlocks(data, 1024, (x, rows) => {
      const q = scaler.apply(x, rows);
      const d2 = q.square().sum(1, true).add(refSq!).sub(q.matmul(ref!.t()).mul(2)).clamp(0);
      return d2.topk(k, 1, false, true).values.select(1, k - 1).sqrt();
    });
  }

  dispose(): void {
    this.ref?.dispose();
    this.refSq?.dispose();
    this.scaler?.dispose();
    this.ref = this.refSq = null;
    this.scaler = null;
  }
}
