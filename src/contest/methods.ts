// The methods a contest (or a bench) runs, by name: every baseline detector by the name
// `reslab baselines` uses, on the plain features or with a suffix for the deviation
// inputs, and the named residual recipes, each a `reslab train` configuration. A method
// is what its options are: the cache of a contest cell keys on the resolved spec, so
// changing one method's options reruns only its cells.
import type { ArchOptions } from '../train/arch.js';
import { detectorNames } from '../baselines/index.js';
import type { LayoutKind } from '../layout/layout.js';
import type { PrepareSpec } from '../layout/prepare.js';
import type { TrainOptions } from '../train/trainer.js';
import { readMeasured, bestRecipe } from './measured.js';
import type { EmbedKind } from '../train/embed.js';

/** The options of `reslab train` a recipe may set (the rest keep their defaults). */
export interface RecipeConfig extends Partial<Omit<TrainOptions, 'model' | 'seed'>>, ArchOptions {
  model: string;
  layout: LayoutKind;
  prepare?: PrepareSpec;
  ensemble?: number;
  refit?: boolean;
  linearFirst?: boolean;
  embed?: EmbedKind;
}

export type MethodSpec =
  | { kind: 'baseline'; detector: string; prepare: PrepareSpec; params?: Record<string, unknown> }
  | { kind: 'residual'; recipe: RecipeConfig };

const DEV: PrepareSpec = { deviation: ['user', 'peer'] };
const DEV_RG: PrepareSpec = { deviation: ['user', 'peer'], normalize: 'quantile' };
const DEV_SMOOTH: PrepareSpec = { deviation: ['user', 'peer'], normalize: 'smooth' };
/** The strongest residual training recipe found so far: deviation and rank-Gauss inputs, focal loss, longer training. */
const BEST = { prepare: DEV_RG, balance: 'focal' as const, epochs: 30, patience: 8 };

/**
 * Named residual recipes. The bench:detect entries, with the same names: `grid` is the
 * seed's domain × feature ResNet, `*-plain` the same network without shortcuts.
 */
export const RECIPES: Record<string, RecipeConfig> = {
  mlp: { model: 'detect_mlp_resnet', layout: 'flat' },
  'mlp-plain': { model: 'detect_mlp_plain', layout: 'flat' },
  'mlp-dev': { model: 'detect_mlp_resnet', layout: 'flat', prepare: DEV },
  'mlp-ens': { model: 'detect_mlp_resnet', layout: 'flat', ensemble: 5 },
  'mlp-best': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST },
  'mlp-best-plain': { model: 'detect_mlp_plain', layout: 'flat', ...BEST },
  // The best recipe's training on the plain features: logistic regression's inputs.
  'mlp-focal': { model: 'detect_mlp_resnet', layout: 'flat', balance: 'focal', epochs: 30, patience: 8 },
  'mlp-focal-plain': { model: 'detect_mlp_plain', layout: 'flat', balance: 'focal', epochs: 30, patience: 8 },
  // RealMLP's robust scaling with a smooth clip instead of rank-Gauss inputs.
  'mlp-smooth': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, prepare: DEV_SMOOTH },
  'mlp-best-ens': { model: 'detect_mlp_resnet', layout: 'flat', ensemble: 5, ...BEST },
  // A linear input→output shortcut beside the residual stack: logistic regression plus a residual correction.
  'mlp-skip': { model: 'detect_mlp_skip_resnet', layout: 'flat' },
  'mlp-skip-best': { model: 'detect_mlp_skip_resnet', layout: 'flat', ...BEST },
  'mlp-skip-w': { model: 'detect_mlp_skip_resnet', layout: 'flat', balance: 'weighted', epochs: 30, patience: 8 },
  'mlp-w': { model: 'detect_mlp_resnet', layout: 'flat', balance: 'weighted', epochs: 30, patience: 8 },
  'mlp-skip-w-dev': { model: 'detect_mlp_skip_resnet', layout: 'flat', prepare: DEV_RG, balance: 'weighted', epochs: 30, patience: 8 },
  // Refit on train+val once early stopping has chosen the epochs: the baselines fit on both.
  'mlp-refit': { model: 'detect_mlp_resnet', layout: 'flat', refit: true },
  'mlp-best-refit': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, refit: true },
  'mlp-skip-best-refit': { model: 'detect_mlp_skip_resnet', layout: 'flat', ...BEST, refit: true },
  'mlp-plain-refit': { model: 'detect_mlp_plain', layout: 'flat', refit: true },
  // The shortcut fitted first as logistic regression and frozen; the residual stack learns the rest.
  'mlp-skip-lin': { model: 'detect_mlp_skip_resnet', layout: 'flat', linearFirst: true },
  'mlp-skip-best-lin': { model: 'detect_mlp_skip_resnet', layout: 'flat', ...BEST, linearFirst: true },
  // A TabM-style efficient ensemble (Gorishniy et al. 2025) of 32 residual MLPs sharing their weight matrices, on the best recipe's training.
  tabm: { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, members: 32 },
  'tabm-plain': { model: 'detect_mlp_plain', layout: 'flat', ...BEST, members: 32 },
  // k = 8: within the 10 M MACs per user-day budget on the deviation inputs (k = 32 is not).
  'tabm-k8': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, members: 8 },
  'tabm-k8-plain': { model: 'detect_mlp_plain', layout: 'flat', ...BEST, members: 8 },
  // Numeric feature embeddings (Gorishniy et al. 2022) on the best recipe, which changes
  // nothing else: PLE edges fitted on the training rows of every input channel (value and
  // deviations), or learned periodic features; each then a per-feature Linear + ReLU.
  'mlp-ple': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, embed: 'ple' },
  'mlp-ple-plain': { model: 'detect_mlp_plain', layout: 'flat', ...BEST, embed: 'ple' },
  'mlp-periodic': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, embed: 'periodic' },
  'mlp-periodic-plain': { model: 'detect_mlp_plain', layout: 'flat', ...BEST, embed: 'periodic' },
  // RealMLP's preprocessing (Holzmüller et al. 2024): robust scaling with a smooth clip,
  // then a learned scale per input feature, on the best recipe's training.
  'mlp-realmlp': { model: 'detect_mlp_resnet', layout: 'flat', ...BEST, prepare: DEV_SMOOTH, embed: 'scale' },
  'mlp-realmlp-plain': { model: 'detect_mlp_plain', layout: 'flat', ...BEST, prepare: DEV_SMOOTH, embed: 'scale' },
  // The input shortcut then reads the PLE encoding: a piecewise-linear additive model beside the residual stack.
  'mlp-skip-ple': { model: 'detect_mlp_skip_resnet', layout: 'flat', ...BEST, embed: 'ple' },
  learned: { model: 'detect_learned_resnet', layout: 'learned' },
  'learned-plain': { model: 'detect_learned_plain', layout: 'learned' },
  seq: { model: 'detect_seq_resnet', layout: 'seq' },
  'seq-plain': { model: 'detect_seq_plain', layout: 'seq' },
  grid: { model: 'detect_grid_resnet', layout: 'grid' },
  'grid-plain': { model: 'detect_grid_plain', layout: 'grid' },
  'grid-dev': { model: 'detect_grid_resnet', layout: 'grid', prepare: DEV },
  'grid-dev-plain': { model: 'detect_grid_plain', layout: 'grid', prepare: DEV },
  // Each grid cell's PLE embedded to 8 channels before the stem.
  'grid-ple': { model: 'detect_grid_resnet', layout: 'grid', embed: 'ple' },
  'grid-ple-plain': { model: 'detect_grid_plain', layout: 'grid', embed: 'ple' },
  history: { model: 'detect_history_resnet', layout: 'history' },
  'history-plain': { model: 'detect_history_plain', layout: 'history' },
  'history-dev': { model: 'detect_history_resnet', layout: 'history', prepare: { deviation: ['user'] } },
  // Causal history models on mlp-best's options: today's row as mlp-best sees it, beside a
  // learned summary of the user's previous 27 days (src/models/twotower.ts). -td: time-dropout;
  // devconv: the past read through its deviation channels only, with a temporal convolution.
  // On the quick suite each resnet variant beat mlp-best's mean PR-AUC on every world
  // (seeds 1-6); the plain twin fell behind it on one (docs/detection.md).
  'history-2tower': { model: 'detect_2tower_resnet', layout: 'timeline', ...BEST },
  'history-2tower-plain': { model: 'detect_2tower_plain', layout: 'timeline', ...BEST },
  'history-2tower-td': { model: 'detect_2tower_td_resnet', layout: 'timeline', ...BEST },
  'history-devconv': { model: 'detect_2tower_devconv_resnet', layout: 'timeline', ...BEST },
  'history-devconv-td': { model: 'detect_2tower_devconv_td_resnet', layout: 'timeline', ...BEST },
  // TabM beyond the MLP: the members folded into the batch of the convolutional families
  // (src/models/members.ts). k = 4 keeps the two-tower model, and k = 2 the grid ResNet on
  // the best recipe's inputs, within 10 M MACs per user-day.
  'history-2tower-k4': { model: 'detect_2tower_resnet', layout: 'timeline', ...BEST, members: 4 },
  'history-2tower-k4-plain': { model: 'detect_2tower_plain', layout: 'timeline', ...BEST, members: 4 },
  'grid-best-k2': { model: 'detect_grid_resnet', layout: 'grid', ...BEST, members: 2 },
  'grid-best-k2-plain': { model: 'detect_grid_plain', layout: 'grid', ...BEST, members: 2 },
  deepinsight: { model: 'detect_image_resnet', layout: 'deepinsight' },
  'deepinsight-plain': { model: 'detect_image_plain', layout: 'deepinsight' },
};

/** The headline when no contest has been recorded (the default suite's best residual recipe on 2026-12-07). */
const FALLBACK_HEADLINE = 'tabm-k8';

/**
 * The headline residual recipe: the best-ranked recipe of the last recorded contest
 * (src/contest/measured.json). `best` names it in `reslab train --recipe`, the contest,
 * the demo and the benches, so they all say the same thing.
 */
export function headlineRecipe(): string {
  const m = readMeasured();
  return (m && bestRecipe(m, (n) => n in RECIPES)) ?? FALLBACK_HEADLINE;
}

/** A method's own name: `best` becomes the headline recipe's. */
export function canonicalMethod(name: string): string {
  return name === 'best' ? headlineRecipe() : name;
}

/** Suffixes of a baseline's name: its inputs. */
const BASELINE_INPUTS: Record<string, PrepareSpec> = { '': {}, '+dev': DEV, '+dev-rg': DEV_RG };

/** The names `resolveMethod` accepts, for help texts and errors. */
export function methodNames(): string[] {
  return ['best', ...Object.keys(RECIPES), ...detectorNames.flatMap((d) => Object.keys(BASELINE_INPUTS).map((s) => d + s))];
}

/**
 * A method by name: a recipe of RECIPES, or DETECTOR, DETECTOR+dev (user and peer
 * deviation inputs), DETECTOR+dev-rg (the same with rank-Gauss normalisation, the best
 * residual recipe's inputs).
 */
export function resolveMethod(name: string): MethodSpec {
  name = canonicalMethod(name);
  const recipe = RECIPES[name];
  if (recipe) return { kind: 'residual', recipe };
  const m = /^([a-z0-9_]+)(\+dev(?:-rg)?)?$/.exec(name);
  if (m && detectorNames.includes(m[1]!)) return { kind: 'baseline', detector: m[1]!, prepare: BASELINE_INPUTS[m[2] ?? '']! };
  throw new RangeError(`unknown method '${name}': a residual recipe (best, ${Object.keys(RECIPES).join(', ')}) or a baseline detector (${detectorNames.join(', ')}), optionally with +dev or +dev-rg`);
}

/** A residual recipe's plain twin (NAME-plain: the same recipe on the network without shortcuts), where one is named. */
export function plainTwin(name: string): string | null {
  return RECIPES[`${name}-plain`] ? `${name}-plain` : null;
}

/** A baseline method with its detector's parameters (those named for it), if any. */
export function withParams(spec: MethodSpec, params: Record<string, Record<string, unknown>> = {}): MethodSpec {
  if (spec.kind !== 'baseline' || !params[spec.detector]) return spec;
  return { ...spec, params: { ...spec.params, ...params[spec.detector] } };
}
