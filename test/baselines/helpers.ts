// Small seeded tables for the baseline tests.
import { Rng } from '../../src/util/rng.js';
import type { TabularData } from '../../src/baselines/index.js';

/**
 * Rows near a 2-D plane in f dimensions (so PCA has structure to find) and, at row
 * `outlierAt`, one row far off it in every feature.
 */
export function planeWithOutlier(n: number, f: number, seed: number, outlierAt: number): TabularData {
  const rng = new Rng(seed, 1);
  const a = Array.from({ length: 2 * f }, () => rng.normal());
  const x = new Float32Array(n * f);
  for (let i = 0; i < n; i++) {
    const z0 = rng.normal(), z1 = rng.normal();
    for (let j = 0; j < f; j++) x[i * f + j] = z0 * a[j] + z1 * a[f + j] + 0.1 * rng.normal();
  }
  for (let j = 0; j < f; j++) x[outlierAt * f + j] = (j % 2 ? -8 : 8) * (1 + Math.abs(a[j]) + Math.abs(a[f + j]));
  return { x, n, f };
}

/** A linearly separable two-class table with a margin: label 1 when x0 + x1 > 1. */
export function separable(n: number, f: number, seed: number): { data: TabularData; labels: Uint8Array } {
  const rng = new Rng(seed, 2);
  const x = new Float32Array(n * f);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let s: number;
    do {
      for (let j = 0; j < f; j++) x[i * f + j] = rng.normal();
      s = x[i * f] + x[i * f + 1] - 1;
    } while (Math.abs(s) < 0.3);
    labels[i] = s > 0 ? 1 : 0;
  }
  return { data: { x, n, f }, labels };
}

export function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}
