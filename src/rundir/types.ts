// What a run directory's JSON files hold. config.json is written before training (what
// was asked, and the sizes), result.json after scoring (what came out).
import type { LayoutKind, LayoutOptions } from '../layout/layout.js';
import type { TrainOptions } from '../train/trainer.js';
import type { Mode } from '../train/modes.js';
import type { SplitSpec } from '../train/split.js';
import type { PrepareSpec } from '../layout/prepare.js';
import type { ModelConfig, EmbedKind, EmbedSpec } from '../models/index.js';
import type { DetectionReport } from '../eval/index.js';
import type { ArchOptions } from '../train/arch.js';
import type { TestSummary } from '../eval/summary.js';

/**
 * A detection run's options. `seed` (TrainOptions) is the run's one seed: the split, the
 * layout (DeepInsight's embedding) and each member's training seed derive from it
 * (src/rundir/seeds.ts), so the split and layout options carry none of their own.
 */
export interface RunConfig extends TrainOptions, ArchOptions {
  features: string;
  layout: LayoutKind;
  layoutOptions?: Omit<LayoutOptions, 'seed'>;
  prepare?: PrepareSpec;
  split: Omit<SplitSpec, 'seed'>;
  ensemble: number;
  /** supervised (labels), autoencoder or svdd (no labels). */
  mode: Mode;
  /** Alerts shown with per-domain contributions in result.json. */
  topAlerts: number;
  /**
   * After early stopping has chosen a member's epoch count on the validation rows, train it
   * again from the same seed on training and validation rows together for that many epochs.
   * The baselines fit on both; without a refit a network sees fewer labelled insiders.
   */
  refit?: boolean;
  /**
   * For a model with a linear input→output shortcut (detect_mlp_skip_resnet): fit that
   * shortcut first, as a class-weighted logistic regression on the training rows' inputs,
   * then freeze it, so the residual stack trains on what the linear model misses. The
   * frozen shortcut is part of the saved weights; nothing else is needed to reload it.
   */
  linearFirst?: boolean;
  /**
   * A numeric embedding of every input feature in front of the model's stem: ple (the
   * layout's piecewise-linear encoding, edges fitted on the training rows, then a
   * per-feature Linear + ReLU), periodic (learned frequencies, then the same) or scale
   * (one learned weight per feature).
   */
  embed?: EmbedKind;
}

/** config.json of a detection run. */
export interface RunConfigFile extends RunConfig {
  /** The options that decide the numbers; a resume must match it. */
  fingerprint: string;
  name: string;
  method: string;
  params: number;
  macs: number;
  inputShape: number[];
  splitCounts: unknown;
  /** The features hold future-looking columns (ExtractOptions.allowFutureContext). */
  futureContext?: boolean;
  /** The model's embedding as built (runs with `embed`), so a reload rebuilds it whatever today's defaults. */
  embedSpec?: EmbedSpec;
}

/** config.json of one baseline detector and seed. */
export interface BaselineConfigFile {
  kind: 'baseline';
  model: string;
  method: string;
  name: string;
  features: string;
  edges?: string;
  split: SplitSpec;
  seed: number;
  prepare: PrepareSpec;
  detectorParams: Record<string, unknown>;
  splitCounts: unknown;
  /** The features hold future-looking columns (ExtractOptions.allowFutureContext). */
  futureContext?: boolean;
}

/** One ensemble member's training, and where its final weights are (relative to the run). */
export interface MemberSummary {
  member: number;
  bestEpoch: number;
  epochs: number;
  bestValScore: number | null;
  seconds: number;
  resumedFrom: number | null;
  weights?: string;
}

export interface TopAlertRow { user: string; day: string; score: number; insider: number; contributions?: Record<string, number> }

export interface DatasetFacts {
  release: string; users: number; days: number; userDays: number; maliciousUserDays: number;
  firstDay: string; lastDay: string; insidersPerScenario: Record<string, number>;
}

/** What a caller adds to result.json beside the metrics. */
export interface ResultExtra {
  model?: string;
  layout?: string;
  params?: number;
  macs?: number;
  members?: MemberSummary[];
  epochSeconds?: number;
  trainSeconds?: number;
  scoreSeconds?: number;
  /** A baseline that stopped early on the validation rows: the rounds it kept and their validation PR-AUC. */
  earlyStopping?: { rounds: number; validationPrAuc: number | null; patience: number; maxRounds: number };
}

/**
 * result.json of a scored method (residual runs and baselines alike): `method` is the name
 * without the seed (seeds of one method are grouped), `test` the flat summary of
 * src/eval/summary.ts, `evaluation` the full report.
 */
export interface ResultFile extends ResultExtra {
  name: string;
  method: string;
  seed: number;
  test: TestSummary;
  evaluation: DetectionReport;
  curves: { roc: { fpr: number[]; tpr: number[] }; pr: { recall: number[]; precision: number[] } };
  alertsCurve: { k: number; insidersCaught: number }[];
  topAlerts: TopAlertRow[];
  dataset: DatasetFacts;
}

/** config.json of an image run (`reslab train --images`). */
export interface ImageRunFileBase {
  task: 'images';
  name: string;
  modelConfig: ModelConfig;
  numClasses: number;
  inputShape: number[];
  fingerprint: string;
  params: number;
  macs: number;
  blocks: number;
  split: { seed: number; train: number; val: number; test: number };
}

/** result.json of an image run. */
export interface ImageResultFile {
  name: string;
  task: 'images';
  test: { accuracy: number; error: number; rows: number };
  params: number;
  macs: number;
  members: MemberSummary[];
  epochSeconds: number;
  trainSeconds: number;
}
