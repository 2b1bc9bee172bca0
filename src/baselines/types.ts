// The one interface every non-residual detector implements, so the comparison table can
// treat statistical, tree and engine-based baselines alike.
import type { GraphContext } from './graph/types.js';

/** A dense feature table: `x` is [n, f] row-major. */
export interface TabularData {
  x: Float32Array;
  n: number;
  f: number;
  /** Who and when each row is, and the log edges: present when the runner has them; graph detectors require it. */
  context?: GraphContext;
}

export interface FitOptions {
  /** Seeds every random choice the detector makes; the same seed gives the same scores. */
  seed?: number;
}

export interface Detector {
  /** The registry name: 'xgboost', 'random_forest', 'isolation_forest', 'ecod', ... */
  readonly name: string;
  /** Supervised detectors need 0/1 labels in fit; the others ignore them. */
  readonly supervised: boolean;
  fit(train: TabularData, labels?: Uint8Array, opts?: FitOptions): void | Promise<void>;
  /** One score per row: higher = more anomalous / more likely an insider. */
  score(data: TabularData): Float32Array | Promise<Float32Array>;
  /** Frees native memory now (boosters, kept tensors) instead of at garbage collection. */
  dispose?(): void;
}
