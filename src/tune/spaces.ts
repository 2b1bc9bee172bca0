// The declared search space of every tunable method, in one place so the budget each
// method gets is visible side by side. Ranges are the usual ones of the tabular-ML
// benchmarks (Grinsztajn et al. 2022, TabArena) narrowed to what fits a few thousand
// user-days; names are each method's own parameter names (XGBoost's, the detectors'
// constructor params, `reslab train`'s options), so a trial's params apply unchanged.
import type { MethodSpec } from '../contest/methods.js';
import type { Space } from './space.js';
import { namedConfig } from '../models/index.js';
import { SIZED_FAMILIES } from '../train/arch.js';

const XGBOOST: Space = {
  max_depth: { kind: 'int', lo: 2, hi: 10 },
  eta: { kind: 'float', lo: 0.01, hi: 0.3, log: true },
  rounds: { kind: 'int', lo: 50, hi: 800, log: true },
  min_child_weight: { kind: 'float', lo: 0.5, hi: 20, log: true },
  // The positive weight's shape, not a number: the class ratio differs from world to world.
  scale_pos_weight: { kind: 'choice', values: ['ratio', 'sqrt', 1] },
  max_delta_step: { kind: 'choice', values: [0, 1, 2, 5] },
  subsample: { kind: 'float', lo: 0.5, hi: 1 },
  colsample_bytree: { kind: 'float', lo: 0.3, hi: 1 },
};

const RANDOM_FOREST: Space = {
  max_depth: { kind: 'int', lo: 4, hi: 20 },
  colsample_bynode: { kind: 'choice', values: ['sqrt', 0.05, 0.1, 0.2, 0.35, 0.5] },
  min_child_weight: { kind: 'float', lo: 0.5, hi: 20, log: true },
  subsample: { kind: 'float', lo: 0.3, hi: 0.9 },
};

const LOGISTIC: Space = {
  l2: { kind: 'float', lo: 1e-6, hi: 1, log: true },
  lr: { kind: 'float', lo: 0.005, hi: 0.2, log: true },
};

/** A residual recipe's trainer options. */
const RESIDUAL: Space = {
  lr: { kind: 'float', lo: 3e-4, hi: 1e-2, log: true },
  weightDecay: { kind: 'float', lo: 1e-6, hi: 1e-2, log: true },
  batch: { kind: 'choice', values: [128, 256, 512] },
};
/**
 * The network's size, for the families with one width and one depth (train/arch.ts);
 * the grids and other convolutional families keep their registry sizes. The range spans
 * RealMLP's and TabM's defaults (256–512 wide, 3–4 deep) down to what a few thousand
 * user-days can fit.
 */
const SIZE: Space = {
  width: { kind: 'choice', values: [64, 128, 256, 512] },
  depth: { kind: 'int', lo: 1, hi: 6 },
  dropout: { kind: 'float', lo: 0, hi: 0.4 },
};
/** Only the balanced sampler reads positiveShare; other recipes would search a dimension that does nothing. */
const SAMPLER: Space = { positiveShare: { kind: 'float', lo: 0.05, hi: 0.5 } };

const BASELINE_SPACES: Record<string, Space> = { xgboost: XGBOOST, random_forest: RANDOM_FOREST, logistic: LOGISTIC };

/** The method's search space, or null when none is declared (it then runs at its defaults). */
export function spaceFor(spec: MethodSpec): Space | null {
  if (spec.kind === 'baseline') return BASELINE_SPACES[spec.detector] ?? null;
  const sampler = (spec.recipe.balance ?? 'sampler') === 'sampler' ? SAMPLER : {};
  return { ...RESIDUAL, ...sampler, ...(SIZED_FAMILIES.includes(namedConfig(spec.recipe.model).config().family) ? SIZE : {}) };
}

/** Detectors with a declared space (for help texts). */
export const TUNABLE_DETECTORS = Object.keys(BASELINE_SPACES);
