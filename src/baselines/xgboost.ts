// Gradient-boosted trees and random forests by XGBoost (its C API, linked into the
// addon: native/src/xgboost.cc). `random_forest` is XGBoost's documented forest recipe:
// one round of num_parallel_tree trees, each on a row subsample with a feature subsample
// per split, learning rate 1.
import { N } from '../torch/native.js';
import { checkData, checkLabels, checkTrain, intParam, notFitted } from './check.js';
import { reslabThreads } from '../util/threads.js';
import type { Detector, FitOptions, TabularData } from './types.js';

type Handle = object;
export type XGBoostMode = 'xgboost' | 'random_forest';

/** Keys that are ours, not XGBoost parameters. */
const OWN_KEYS = new Set(['rounds']);

function defaults(mode: XGBoostMode): Record<string, string | number> {
  const common = { booster: 'gbtree', objective: 'binary:logistic', tree_method: 'hist', verbosity: 1 };
  if (mode === 'xgboost') return { ...common, eta: 0.1, max_depth: 6, min_child_weight: 1, subsample: 1, colsample_bytree: 1 };
  return { ...common, eta: 1, num_parallel_tree: 100, subsample: 0.632, colsample_bynode: 'sqrt', max_depth: 12, min_child_weight: 1 };
}

export class XGBoostDetector implements Detector {
  readonly supervised = true;
  private booster: Handle | null = null;
  private f = 0;
  private readonly rounds: number;
  private readonly params: Record<string, string | number>;

  /** params: `rounds` (boosting rounds; a forest always has one) and any XGBoost parameter by its own name. */
  constructor(readonly name: XGBoostMode, params: Record<string, unknown> = {}) {
    this.rounds = name === 'random_forest' ? 1 : intParam(name, params, 'rounds', 200);
    const xgb: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(params)) {
      if (OWN_KEYS.has(k) || v === undefined) continue;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new TypeError(`${name}: parameter ${k} must be a string or number`);
      xgb[k] = typeof v === 'boolean' ? Number(v) : v;
    }
    this.params = { ...defaults(name), ...xgb };
  }

  fit(train: TabularData, labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train);
    const y = checkLabels(this.name, train, labels);
    let pos = 0;
    for (let i = 0; i < y.length; i++) pos += y[i];
    const params: Record<string, string | number> = {
      nthread: reslabThreads(),
      seed: opts.seed ?? 0,
      // Weighting positives by the class ratio is XGBoost's own advice for imbalanced
      // binary tasks; insiders are well under 1 % of user-days.
      scale_pos_weight: (y.length - pos) / pos,
      ...this.params,
    };
    // sklearn's forest default: sqrt(f) candidate features per split.
    if (params.colsample_bynode === 'sqrt') params.colsample_bynode = Math.min(1, Math.max(1, Math.round(Math.sqrt(train.f))) / train.f);
    this.dispose();
    const d = N.xgbDMatrix(train.x, train.n, train.f, Float32Array.from(y));
    try {
      const b = N.xgbBooster(d, params);
      try {
        for (let r = 0; r < this.rounds; r++) N.xgbUpdate(b, d, r);
      } catch (e) {
        N.xgbFree(b);
        throw e;
      }
      this.booster = b;
      this.f = train.f;
    } finally {
      N.xgbFree(d);
    }
  }

  /** The margin (log-odds), not the probability: float32 probabilities tie near 1, margins keep the ranking. */
  score(data: TabularData): Float32Array {
    if (!this.booster) notFitted(this.name);
    checkData(this.name, data, this.f);
    const d = N.xgbDMatrix(data.x, data.n, data.f);
    try {
      return N.xgbPredict(this.booster, d, true) as Float32Array;
    } finally {
      N.xgbFree(d);
    }
  }

  /** The fitted model as XGBoost's JSON (loadable by any XGBoost, e.g. Python's Booster.load_model). */
  saveModel(): string {
    if (!this.booster) notFitted(this.name);
    return N.xgbSave(this.booster) as string;
  }

  /** Replaces the model with one saved by saveModel. */
  loadModel(json: string): this {
    const b = N.xgbLoad(json, { nthread: reslabThreads() });
    this.dispose();
    this.booster = b;
    this.f = N.xgbNumFeatures(b) as number;
    return this;
  }

  dispose(): void {
    if (this.booster) N.xgbFree(this.booster);
    this.booster = null;
  }
}
