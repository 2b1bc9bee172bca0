// PCA reconstruction error: the squared distance of a standardised row from the span of
// the training data's top-k principal directions. The engine has no eigendecomposition,
// so the directions come from orthogonal (subspace) iteration: the covariance product
// runs on the engine, the re-orthonormalisation of the k columns (f·k², small) in JS.
import * as torch from '../torch/index.js';
import { Rng } from '../util/rng.js';
import { checkData, checkTrain, intParam, notFitted } from './check.js';
import { columnMoments } from './moments.js';
import { EngineScaler, scoreInBlocks } from './rows.js';
import type { Detector, FitOptions, TabularData } from './types.js';

export class PCADetector implements Detector {
  readonly name = 'pca';
  readonly supervised = false;
  private scaler: EngineScaler | null = null;
  /** [f, k] orthonormal columns. */
  private v: torch.Tensor | null = null;
  private f = 0;
  private readonly components: number | undefined;
  private readonly iterations: number;

  /** params: components (default min(10, f - 1)), iterations of subspace iteration (100). */
  constructor(params: Record<string, unknown> = {}) {
    this.components = params.components === undefined ? undefined : intParam(this.name, params, 'components', 1);
    this.iterations = intParam(this.name, params, 'iterations', 100);
  }

  fit(train: TabularData, _labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train, 2);
    const { n, f } = train;
    const k = this.components ?? Math.max(1, Math.min(10, f - 1));
    if (k > f) throw new RangeError(`pca: ${k} components for ${f} features`);
    this.dispose();
    const scaler = new EngineScaler(columnMoments(train));
    // Covariance Xᵀ X / n in float64, accumulated over row blocks.
    const cov = torch.keep(torch.zeros([f, f], { dtype: 'float64' }));
    const block = Math.max(1, Math.floor((1 << 22) / f));
    for (let s = 0; s < n; s += block) {
      const e = Math.min(n, s + block);
      torch.noGrad(() => torch.tidy(() => {
        const xs = scaler.apply(train.x.subarray(s * f, e * f), e - s).double();
        cov.add_(xs.t().matmul(xs).div(n));
      }));
    }
    const rng = new Rng(opts.seed ?? 0, 0x9ca);
    let q: Float64Array = Float64Array.from({ length: f * k }, () => rng.normal());
    orthonormalize(q, f, k);
    for (let it = 0; it < this.iterations; it++) {
      q = torch.noGrad(() => torch.tidy(() => cov.matmul(torch.tensor(q, { shape: [f, k] })).dataSync() as Float64Array));
      orthonormalize(q, f, k);
    }
    cov.dispose();
    this.v = torch.keep(torch.tensor(q, { shape: [f, k], dtype: 'float32' }));
    this.scaler = scaler;
    this.f = f;
  }

  score(data: TabularData): Float32Array {
    if (!this.v || !this.scaler) notFitted(this.name);
    checkData(this.name, data, this.f);
    const { v, scaler } = this;
    return scoreInBlocks(data, 8192, (x, rows) => {
      const xs = scaler.apply(x, rows);
      return xs.sub(xs.matmul(v).matmul(v.t())).square().sum(1);
    });
  }

  /** The fitted principal directions, [f, k] row-major. */
  directions(): Float32Array {
    if (!this.v) notFitted(this.name);
    return this.v.dataSync() as Float32Array;
  }

  dispose(): void {
    this.v?.dispose();
    this.scaler?.dispose();
    this.v = null;
    this.scaler = null;
  }
}

/** Modified Gram-Schmidt on the k columns of a row-major [f, k] matrix, in place. */
function orthonormalize(q: Float64Array, f: number, k: number): void {
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let attempt = 0; attempt <= f; attempt++) {
      let before = 0;
      for (let r = 0; r < f; r++) before += q[r * k + c] ** 2;
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let r = 0; r < f; r++) dot += q[r * k + c] * q[r * k + p];
        for (let r = 0; r < f; r++) q[r * k + c] -= dot * q[r * k + p];
      }
      norm = 0;
      for (let r = 0; r < f; r++) norm += q[r * k + c] ** 2;
      if (norm > 1e-20 * before && norm > 0) break;
      // The column lay in the span of the previous ones (data of rank < k): restart it along an axis.
      for (let r = 0; r < f; r++) q[r * k + c] = r === (c + attempt) % f ? 1 : 0;
    }
    norm = Math.sqrt(norm);
    for (let r = 0; r < f; r++) q[r * k + c] /= norm;
  }
}
