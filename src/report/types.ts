// The plain data a detection report is built from. Nothing here refers to tensors, models
// or SQL: the loader (load.ts) fills these from files on disk, tests fill them by hand.
// Every section of the report is optional and shown only when its data is present.

import type { Stat } from '../util/stats.js';
import type { ComparisonRow } from '../eval/compare.js';
import type { ContestResult } from '../contest/run.js';

export type { Stat, ComparisonRow };

export interface DatasetSummary {
  release?: string;
  users?: number;
  days?: number;
  firstDay?: string;
  lastDay?: string;
  userDays?: number;
  /** User-days labelled malicious. */
  maliciousUserDays?: number;
  /** Raw events per log domain (logon, device, file, email, http, …). */
  eventsPerDomain?: Record<string, number>;
  /** Insiders per CERT scenario ("1", "2", …). */
  insidersPerScenario?: Record<string, number>;
  /** Any other scalar facts the producer wants shown, in its own words. */
  extra?: Record<string, string | number>;
}

export interface EpochRow {
  epoch: number;
  trainLoss?: number;
  valLoss?: number;
  valPrAuc?: number;
  valRocAuc?: number;
  seconds?: number;
}

export interface TrainingRun {
  name: string;
  epochs: EpochRow[];
}

export interface MethodCurves {
  method: string;
  roc?: { fpr: number[]; tpr: number[] };
  pr?: { recall: number[]; precision: number[] };
  /** Fraction of positives in the test set: the PR curve of a random ranking. */
  prevalence?: number;
}

/** A detection figure per insider scenario, one entry per method. */
export interface ScenarioRecall {
  method: string;
  recall: Record<string, Stat>;
  /** What the figure is, with its unit (default "recall (fraction)"). */
  measure?: string;
}

/** Insiders caught when the analyst reads the top k alerts per day. */
export interface AlertsCurve {
  method: string;
  points: { k: number; insidersCaught: number; sd?: number }[];
  insidersTotal?: number;
}

export interface TopAlert {
  user: string;
  day: string;
  score: number;
  /** Insider scenario of this user-day, or 0/undefined when benign. */
  insider?: number;
  /** Share of the score per log domain (may be negative). */
  contributions?: Record<string, number>;
}

export interface TopAlerts {
  method: string;
  rows: TopAlert[];
}

// --- ensemble analyses: one object per model, so ResNet and plain share axes -----------

/** lesion.json in an analysis directory. */
export interface LesionFigures {
  model: string;
  /** What `value` measures, with its unit, e.g. "test error (%)" or "PR-AUC". */
  metric: string;
  /** The metric with nothing removed. */
  baseline?: number;
  /** Delete one block at a time (its shortcut stays). */
  single?: { block: number; value: number }[];
  /** Delete k blocks at random, several trials each. */
  k?: { k: number; mean: number; sd: number }[];
  /** Swap k pairs of same-shape blocks. */
  reorder?: { k: number; mean: number; sd: number }[];
  /** Each reorder trial: Kendall tau between original and new block order, and the metric. */
  reorderTrials?: { tau: number; value: number }[];
}

/** paths.json: the distribution of path lengths, and gradient magnitude per length. */
export interface PathsFigures {
  model: string;
  lengths: { length: number; count: number }[];
  gradient?: { length: number; mean: number; sd?: number }[];
}

/** shattered.json: gradient along a line through input space, and its autocorrelation. */
export interface ShatteredFigures {
  model: string;
  gradients?: { x: number; value: number }[];
  autocorrelation?: { lag: number; value: number }[];
  /** Several nets or model states in one file (`reslab shattered`): one entry per series and depth. */
  series?: ShatteredSeries[];
  /** |lag-1 autocorrelation| below this is indistinguishable from white noise (3/√points). */
  whiteNoise?: number;
  /** Balduzzi et al.'s claims judged on these numbers. */
  claims?: ClaimRow[];
}

/** One net (plain+BN at depth 20, a run's trained model, …) measured over seeds. */
export interface ShatteredSeries {
  name: string;
  /** Hidden weight layers of a sweep net, or blocks of a run's model. */
  depth: number;
  /** Correlation between neighbouring points' gradients (lag-1 autocorrelation) over seeds. */
  neighbour: Stat;
  /** Mean over seeds. */
  autocorrelation: { lag: number; value: number }[];
  /** The first seed's gradient along the sweep. */
  gradients: { x: number; value: number }[];
}

/**
 * rank.json (`reslab rank`): ReXNet's rank analysis. Random single layers f(XW) per
 * nonlinearity and expansion ratio, with the paper's claims judged; and/or the rank of
 * each layer output of a trained model over a batch.
 */
export interface RankFigures {
  /** The trained model whose layers were measured; absent when the file has random layers only. */
  model?: string;
  /** Per layer: rank of its (batch·positions × channels) output, and the most it could be. */
  layers?: { layer: number; rank: number; label?: string; maxRank?: number; exactRank?: number }[];
  /** One maximum for every layer (a layer's own maxRank wins), drawn as a reference. */
  maxRank?: number;
  /** Random layers: normalised rank (0–1), mean ± sd over trials, per nonlinearity and ratio d_out/d_in. */
  random?: { nonlinearity: string; ratio: number; mean: number; sd: number; exactMean?: number }[];
  /** How rank was counted and normalised, in words. */
  measure?: string;
  claims?: ClaimRow[];
}

/** A paper's claim as an analysis judged it (src/analysis/claims.ts), with the paper's figure and the rule when the judge states them. */
export interface ClaimRow {
  claim: string;
  source: string;
  verdict: string;
  evidence: string;
  paper?: string;
  rule?: string;
}

/** veit.json (bench:veit): Veit et al.'s claims at the paper's depth. */
export interface VeitFigures {
  /** The study's budget in words. */
  budget: string;
  claims: ClaimRow[];
}

/** One row of the side-by-side claims table: which study judged it. */
export type StudyClaim = ClaimRow & { study: string };

export interface ReportData {
  title: string;
  /** ISO time the report was made; shown in the header. */
  generated?: string;
  /** Where the data came from (run directories, files), listed in the header. */
  sources?: string[];
  dataset?: DatasetSummary;
  training?: TrainingRun[];
  curves?: MethodCurves[];
  comparison?: ComparisonRow[];
  scenarios?: ScenarioRecall[];
  alerts?: AlertsCurve[];
  topAlerts?: TopAlerts;
  lesion?: LesionFigures[];
  paths?: PathsFigures[];
  shattered?: ShatteredFigures[];
  rank?: RankFigures[];
  variants?: VariantsFigures[];
  /** Every analysis' claims, side by side with the papers' figures. */
  claims?: StudyClaim[];
  contest?: ContestData;
}

/** variants.json in an analysis directory (`reslab variants`): one row per variant, the claims judged. */
export interface VariantsFigures {
  /** The study's budget in words ("6000 images, 2 epochs, seeds 1, 2"). */
  budget?: string;
  rows: {
    name: string;
    family: string;
    params: number;
    macs: number;
    /** Test accuracy (fraction) over seeds. */
    accuracy: { mean: number; sd: number };
    trainSeconds: number;
    /** Training loss over tenths of the first epoch. */
    firstEpochTenths: number[];
    /** Mean rise in test error (points) when one non-downsampling block is deleted; absent when none can be. */
    singleDrop?: number;
    /** Test error (%) with k random blocks deleted. */
    kCurve: { k: number; error: number; sd: number }[];
  }[];
  claims: ClaimRow[];
}

/** A contest (contest.json of `reslab contest`), as src/contest writes it; only its types are shared. */
export type ContestData = ContestResult;
