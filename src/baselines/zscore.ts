// The simplest statistical baseline: how many training standard deviations a row lies
// from the training mean, averaged (or maximised) over features.
import { checkData, checkTrain, notFitted } from './check.js';
import { columnMoments, type Moments } from './moments.js';
import type { Detector, TabularData } from './types.js';

export class ZScore implements Detector {
  readonly name = 'zscore';
  readonly supervised = false;
  private m: Moments | null = null;
  private readonly reduce: 'mean' | 'max';

  /** params.reduce: 'mean' (default) or 'max' of |z| over features. */
  constructor(params: Record<string, unknown> = {}) {
    const r = params.reduce ?? 'mean';
    if (r !== 'mean' && r !== 'max') throw new RangeError(`zscore: reduce must be 'mean' or 'max' (got ${String(r)})`);
    this.reduce = r;
  }

  fit(train: TabularData): void {
    checkTrain(this.name, train);
    this.m = columnMoments(train);
  }

  score(data: TabularData): Float32Array {
    if (!this.m) notFitted(this.name);
    checkData(this.name, data, this.m.mean.length);
    const { x, n, f } = data;
    const { mean, std } = this.m;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const row = i * f;
      let acc = 0;
      for (let j = 0; j < f; j++) {
        const z = Math.abs((x[row + j] - mean[j]) / std[j]);
        acc = this.reduce === 'max' ? Math.max(acc, z) : acc + z;
      }
      out[i] = this.reduce === 'max' ? acc : acc / f;
    }
    return out;
  }
}
