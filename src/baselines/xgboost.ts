// Gradient-boosted trees and random forests by XGBoost (its C API, linked into the
// addon: native/src/xgboost.cc). `random_forest` is XGBoost's documented forest recipe:
// one round of num_parallel_tree trees, each on a row subsample with a feature subsample
// per split, learning rate 1.
//
// The defaults are for a few thousand user-days with a handful of insiders. Positives are
// weighted by the square root of the class ratio, each leaf's step is capped
// (max_delta_step 1, XGBoost's advice for imbalanced logistic objectives) and each tree
// sees half the features: with the full ratio (150-300 on small worlds) one malicious row
// outweighs min_child_weight on its own, trees grow leaves around the few training
// insiders, and the model is only as good as which ones the split drew. docs/baselines.md
// has the before/after over seeds. Early stopping on the validation rows is there
// (early_stopping_rounds) but off: with the one to four validation insiders of a small
// world its curve is noise, and it stopped too early on most seeds.
import { N } from '../torch/native.js';
import { averagePrecision } from '../eval/auc.js';
import { checkData, checkLabels, checkTrain, intParam, notFitted } from './check.js';
import { reslabThreads } from '../util/threads.js';
import type { Detector, FitOptions, TabularData, Validation } from './types.js';

type Handle = object;
export type XGBoostMode = 'xgboost' | 'random_forest';

/** Keys that are ours, not XGBoost parameters. */
const OWN_KEYS = new Set(['rounds', 'early_stopping_rounds', 'scale_pos_weight']);

/** Bumped whenever a default changes, so cached results of the old defaults are not reused (contest cells key on it). */
export const XGBOOST_REVISION = 2;

function defaults(mode: XGBoostMode): Record<string, string | number> {
  const common = { booster: 'gbtree', objective: 'binary:logistic', tree_method: 'hist', verbosity: 1 };
  if (mode === 'xgboost') return { ...common, eta: 0.1, max_depth: 6, min_child_weight: 1, subsample: 1, colsample_bytree: 0.5, max_delta_step: 1 };
  return { ...common, eta: 1, num_parallel_tree: 100, subsample: 0.632, colsample_bynode: 'sqrt', max_depth: 12, min_child_weight: 1 };
}

/** scale_pos_weight: 'ratio' (negatives / positives), 'sqrt' (its square root) or a number. */
function positiveWeight(setting: string | number, y: Uint8Array): number {
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const ratio = (y.length - pos) / Math.max(1, pos);
  return setting === 'ratio' ? ratio : setting === 'sqrt' ? Math.sqrt(ratio) : Number(setting);
}

export class XGBoostDetector implements Detector {
  readonly supervised = true;
  private booster: Handle | null = null;
  private f = 0;
  private readonly rounds: number;
  private readonly patience: number;
  private readonly posWeight: string | number;
  private readonly params: Record<string, string | number>;
  private chosen: { rounds: number; validationPrAuc: number | null } | null = null;

  /**
   * params: `rounds` (boosting rounds; a forest always has one), `early_stopping_rounds`
   * (0: off; else stop once that many rounds pass without a better validation PR-AUC),
   * `scale_pos_weight` ('sqrt' for xgboost, 'ratio' for the forest, or a number) and any
   * XGBoost parameter by its own name.
   */
  constructor(readonly name: XGBoostMode, params: Record<string, unknown> = {}) {
    this.rounds = name === 'random_forest' ? 1 : intParam(name, params, 'rounds', 200);
    this.patience = name === 'random_forest' ? 0 : intParam(name, params, 'early_stopping_rounds', 0, 0);
    const w = params.scale_pos_weight ?? (name === 'xgboost' ? 'sqrt' : 'ratio');
    if (!(w === 'ratio' || w === 'sqrt' || (typeof w === 'number' && w > 0))) throw new RangeError(`${name}: scale_pos_weight must be 'ratio', 'sqrt' or a positive number (got ${String(w)})`);
    this.posWeight = w;
    const xgb: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(params)) {
      if (OWN_KEYS.has(k) || v === undefined) continue;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new TypeError(`${name}: parameter ${k} must be a string or number`);
      xgb[k] = typeof v === 'boolean' ? Number(v) : v;
    }
    this.params = { ...defaults(name), ...xgb };
  }

  /** Early stopping reads the validation rows; without it XGBoost fits training and validation rows together like the other baselines. */
  get validates(): boolean {
    return this.patience > 0;
  }

  fit(train: TabularData, labels?: Uint8Array, opts: FitOptions = {}): void {
    checkTrain(this.name, train);
    const y = checkLabels(this.name, train, labels);
    this.dispose();
    this.chosen = null;
    const val = this.patience > 0 ? opts.validation : undefined;
    if (!val) {
      this.booster = this.boost(train, y, opts.seed ?? 0, this.rounds);
      this.f = train.f;
      return;
    }
    checkData(this.name, val.data, train.f);
    const stop = this.stoppingRound(train, y, opts.seed ?? 0, val);
    this.chosen = stop;
    // Same seed and rows: the refit grows the same first trees as the run that chose them.
    const [x, yy] = val.refit ? concat(train, y, val) : [train, y];
    this.booster = this.boost(x, yy, opts.seed ?? 0, stop.rounds);
    this.f = train.f;
  }

  /** The rounds early stopping chose and their validation PR-AUC, when it ran. */
  fitInfo(): Record<string, unknown> {
    return this.chosen ? { earlyStopping: { ...this.chosen, patience: this.patience, maxRounds: this.rounds } } : {};
  }

  /** Boosts on `train` watching PR-AUC on the validation rows after every round; every round counts when they hold no insider. */
  private stoppingRound(train: TabularData, y: Uint8Array, seed: number, val: Validation): { rounds: number; validationPrAuc: number | null } {
    if (!val.labels.includes(1) || val.data.n === 0) return { rounds: this.rounds, validationPrAuc: null };
    const d = N.xgbDMatrix(train.x, train.n, train.f, Float32Array.from(y));
    const dv = N.xgbDMatrix(val.data.x, val.data.n, val.data.f);
    const b = N.xgbBooster(d, this.paramsFor(train, y, seed));
    try {
      let best = -Infinity, bestRounds = 1;
      for (let r = 0; r < this.rounds && r + 1 - bestRounds <= this.patience; r++) {
        N.xgbUpdate(b, d, r);
        // XGBoost caches each DMatrix's margins, so predicting after each round adds one tree's worth of work.
        const ap = averagePrecision(N.xgbPredict(b, dv, true) as Float32Array, val.labels);
        if (ap > best) { best = ap; bestRounds = r + 1; }
      }
      return { rounds: bestRounds, validationPrAuc: best };
    } finally {
      N.xgbFree(b);
      N.xgbFree(dv);
      N.xgbFree(d);
    }
  }

  private paramsFor(train: TabularData, y: Uint8Array, seed: number): Record<string, string | number> {
    const params: Record<string, string | number> = { nthread: reslabThreads(), seed, scale_pos_weight: positiveWeight(this.posWeight, y), ...this.params };
    // sklearn's forest default: sqrt(f) candidate features per split.
    if (params.colsample_bynode === 'sqrt') params.colsample_bynode = Math.min(1, Math.max(1, Math.round(Math.sqrt(train.f))) / train.f);
    return params;
  }

  private boost(train: TabularData, y: Uint8Array, seed: number, rounds: number): Handle {
    const d = N.xgbDMatrix(train.x, train.n, train.f, Float32Array.from(y));
    try {
      const b = N.xgbBooster(d, this.paramsFor(train, y, seed));
      try {
        for (let r = 0; r < rounds; r++) N.xgbUpdate(b, d, r);
      } catch (e) {
        N.xgbFree(b);
        throw e;
      }
      return b;
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

function concat(train: TabularData, y: Uint8Array, val: Validation): [TabularData, Uint8Array] {
  const x = new Float32Array((train.n + val.data.n) * train.f);
  x.set(train.x.subarray(0, train.n * train.f));
  x.set(val.data.x.subarray(0, val.data.n * train.f), train.n * train.f);
  const yy = new Uint8Array(train.n + val.data.n);
  yy.set(y);
  yy.set(val.labels, train.n);
  return [{ x, n: train.n + val.data.n, f: train.f }, yy];
}
