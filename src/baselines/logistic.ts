// L2-regularised logistic regression on the engine: standardised features, positives
// weighted by the class ratio (as for XGBoost), minibatch Adam on binary cross-entropy.
// The problem is convex, so zero initialisation and a few hundred steps suffice.
import * as torch from '../torch/index.js';
import { F } from '../torch/index.js';
import { Adam } from '../optim/index.js';
import { Rng } from '../util/rng.js';
import { checkData, checkLabels, checkTrain, intParam, notFitted, numParam } from './check.js';
import { columnMoments } from './moments.js';
import { EngineScaler, Minibatches, gatherRows, scoreInBlocks } from './rows.js';
import type { Detector, FitOptions, TabularData } from './types.js';

export class LogisticRegression implements Detector {
  readonly name = 'logistic';
  readonly supervised = true;
  private w: torch.Tensor | null = null;
  private b: torch.Tensor | null = null;
  private scaler: EngineScaler | null = null;
  private f = 0;
  private readonly steps: number;
  private readonly batchSize: number;
  private readonly lr: number;
  private readonly l2: number;

  /** params: steps (300), batchSize (4096), lr (0.05), l2 (1e-4, on the mean loss). */
  constructor(params: Record<string, unknown> = {}) {
    this.steps = intParam(this.name, params, 'steps', 300);
    this.batchSize = intParam(this.name, params, 'batchSize', 4096);
    this.lr = numParam(this.name, params, 'lr', 0.05, 0);
    this.l2 = numParam(this.name, params, 'l2', 1e-4, 0);
  }

  fit(train: TabularData, labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train);
    const y = checkLabels(this.name, train, labels);
    this.dispose();
    const { n, f } = train;
    let pos = 0;
    for (let i = 0; i < n; i++) pos += y[i];
    this.scaler = new EngineScaler(columnMoments(train));
    this.f = f;
    const w = torch.keep(torch.zeros([f, 1], { requiresGrad: true }));
    const b = torch.keep(torch.zeros([1], { requiresGrad: true }));
    const posWeight = torch.keep(torch.tensor([(n - pos) / pos]));
    const opt = new Adam([w, b], { lr: this.lr });
    const batches = new Minibatches(n, this.batchSize, new Rng(opts.seed ?? 0, 0x10));
    const bs = batches.size;
    try {
      for (let step = 0; step < this.steps; step++) {
        const idx = batches.next();
        const yb = Float32Array.from(idx, (i) => y[i]);
        torch.tidy(() => {
          const logits = this.scaler!.apply(gatherRows(train, idx), bs).matmul(w).add(b);
          const target = torch.tensor(yb, { shape: [bs, 1] });
          const loss = F.binaryCrossEntropyWithLogits(logits, target, { posWeight }).add(w.square().sum().mul(this.l2 / 2));
          opt.zeroGrad();
          loss.backward();
          opt.step();
        });
      }
    } finally {
      opt.dispose();
      posWeight.dispose();
    }
    this.w = w;
    this.b = b;
  }

  /** The logit (log-odds): monotone in the probability, with no ties from saturation. */
  score(data: TabularData): Float32Array {
    if (!this.w || !this.b || !this.scaler) notFitted(this.name);
    checkData(this.name, data, this.f);
    const { w, b, scaler } = this;
    return scoreInBlocks(data, 8192, (x, rows) => scaler.apply(x, rows).matmul(w!).add(b!).reshape([rows]));
  }

  /** The fitted weights on standardised features (the training moments are applied first). */
  coefficients(): Float32Array {
    if (!this.w) notFitted(this.name);
    return this.w.dataSync() as Float32Array;
  }

  /** The fitted model on the raw (unstandardised) inputs: logit = x·w + b. */
  rawLinear(): { w: Float32Array; b: number } {
    if (!this.w || !this.b || !this.scaler) notFitted(this.name);
    const w = this.w.dataSync() as Float32Array;
    const mean = this.scaler.mean.dataSync() as Float32Array, std = this.scaler.std.dataSync() as Float32Array;
    let b = (this.b.dataSync() as Float32Array)[0]!;
    const raw = Float32Array.from(w, (v, j) => v / std[j]!);
    raw.forEach((v, j) => (b -= v * mean[j]!));
    return { w: raw, b };
  }

  dispose(): void {
    this.w?.dispose();
    this.b?.dispose();
    this.scaler?.dispose();
    this.w = this.b = null;
    this.scaler = null;
  }
}
