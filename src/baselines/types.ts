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

/** Held-out labelled rows for a detector that stops early on them (Detector.validates). */
export interface Validation {
  data: TabularData;
  labels: Uint8Array;
  /** After choosing where to stop, fit again on the training and these rows together for that long (a tuning trial scored on these rows must not). */
  refit: boolean;
}

export interface FitOptions {
  /** Seeds every random choice the detector makes; the same seed gives the same scores. */
  seed?: number;
  /** Only for a detector that validates: the runner then passes the training rows alone as `train`. */
  validation?: Validation;
}

export interface Detector {
  /** The registry name: 'xgboost', 'random_forest', 'isolation_forest', 'ecod', ... */
  readonly name: string;
  /** Supervised detectors need 0/1 labels in fit; the others ignore them. */
  readonly supervised: boolean;
  /** Takes FitOptions.validation (e.g. XGBoost with early stopping); the others fit on training and validation rows together. */
  readonly validates?: boolean;
  fit(train: TabularData, labels?: Uint8Array, opts?: FitOptions): void | Promise<void>;
  /** What fitting chose (XGBoost's rounds under early stopping), kept in the run's result.json. */
  fitInfo?(): Record<string, unknown>;
  /** One score per row: higher = more anomalous / more likely an insider. */
  score(data: TabularData): Float32Array | Promise<Float32Array>;
  /** Frees native memory now (boosters, kept tensors) instead of at garbage collection. */
  dispose?(): void;
}
