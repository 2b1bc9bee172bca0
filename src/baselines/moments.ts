// Per-column mean and standard deviation of a training table, and standardisation of
// rows with them: the engine-based detectors (logistic, pca, knn) and zscore see
// features on one scale whether the caller normalised them or not.
import type { TabularData } from './types.js';

export interface Moments {
  mean: Float32Array;
  /** Population standard deviation; a constant column gets 1 so it standardises to 0. */
  std: Float32Array;
}

export function columnMoments(d: TabularData): Moments {
  const { x, n, f } = d;
  const sum = new Float64Array(f), sq = new Float64Array(f);
  for (let i = 0; i < n; i++) {
    const row = i * f;
    for (let j = 0; j < f; j++) sum[j] += x[row + j];
  }
  const mean = new Float32Array(f);
  for (let j = 0; j < f; j++) mean[j] = sum[j] / n;
  // Two passes: the one-pass formula loses everything on large-mean columns (byte counts).
  for (let i = 0; i < n; i++) {
    const row = i * f;
    for (let j = 0; j < f; j++) {
      const c = x[row + j] - mean[j];
      sq[j] += c * c;
    }
  }
  const std = new Float32Array(f);
  for (let j = 0; j < f; j++) {
    const s = Math.sqrt(sq[j] / n);
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}
