// Metrics at one operating point: a fixed score threshold, or the best threshold whose
// false positive rate stays within a limit (the "detection rate at x% FPR" that insider-
// threat papers report, since an analyst can only look at so many false alarms).
import { checkBinary } from './validate.js';
import { clfCurve, type ClfCurve } from './clfcurve.js';

export interface ThresholdMetrics {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/**
 * Precision, recall and F1 when rows with score >= threshold are flagged (the same
 * convention as the curves). With nothing flagged, precision is 0, and F1 is 0 when
 * precision + recall is 0 (scikit-learn's zero_division=0).
 */
export function precisionRecallF1(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): ThresholdMetrics {
  if (Number.isNaN(threshold)) throw new Error('precisionRecallF1: threshold is NaN');
  const { positives, negatives } = checkBinary('precision/recall/F1', scores, labels);
  let tp = 0, fp = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] >= threshold) {
      if (labels[i] > 0) tp++;
      else fp++;
    }
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp / positives;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1, tp, fp, fn: positives - tp, tn: negatives - fp };
}

export interface OperatingPoint {
  /** The false positive rate allowed. */
  maxFpr: number;
  /** True positive rate at the chosen threshold. */
  detectionRate: number;
  /** False positive rate actually reached (<= maxFpr). */
  falsePositiveRate: number;
  /** Rows with score >= threshold are flagged; null when no threshold fits (flag nothing). */
  threshold: number | null;
}

/**
 * The highest detection rate (TPR) of any threshold on these scores whose FPR is <= maxFpr.
 * Tie rule: a threshold flags every row with score >= it, so tied rows are flagged or not
 * together — a tie group of negatives that would push the FPR past the limit cannot be
 * split, and the threshold stops above it. Points between thresholds (randomised
 * classifiers) are not used. When even the top tie group exceeds the limit the answer is
 * 0 with threshold null.
 */
export function operatingPointAtFpr(scores: ArrayLike<number>, labels: ArrayLike<number>, maxFpr: number): OperatingPoint {
  checkFprLimit(maxFpr);
  return operatingPointOf(clfCurve('detection rate at FPR', scores, labels), maxFpr);
}

/** operatingPointAtFpr on a curve already computed. */
export function operatingPointOf(c: ClfCurve, maxFpr: number): OperatingPoint {
  checkFprLimit(maxFpr);
  // fps and tps only grow as the threshold falls, so the last admissible one is the best.
  let best = -1;
  for (let i = 0; i < c.fps.length && c.fps[i] / c.negatives <= maxFpr; i++) best = i;
  if (best < 0) return { maxFpr, detectionRate: 0, falsePositiveRate: 0, threshold: null };
  return {
    maxFpr,
    detectionRate: c.tps[best] / c.positives,
    falsePositiveRate: c.fps[best] / c.negatives,
    threshold: c.thresholds[best],
  };
}

/** operatingPointAtFpr(...).detectionRate. */
export function detectionRateAtFpr(scores: ArrayLike<number>, labels: ArrayLike<number>, maxFpr: number): number {
  return operatingPointAtFpr(scores, labels, maxFpr).detectionRate;
}

function checkFprLimit(maxFpr: number): void {
  if (!(maxFpr >= 0 && maxFpr <= 1)) throw new Error(`detection rate at FPR: FPR limit must be in [0, 1], got ${maxFpr}`);
}
