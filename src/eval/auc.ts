// Threshold-free summaries of a score: ROC-AUC and average precision, both defined
// exactly as scikit-learn's roc_auc_score and average_precision_score for binary labels.
import { clfCurve, type ClfCurve } from './clfcurve.js';

/**
 * Area under the ROC curve by the trapezoid rule over tie groups, which equals the
 * Mann-Whitney statistic P(score of a positive > score of a negative) with half credit
 * for ties. Labels > 0 are positive. Throws on a single class, NaN scores, empty input.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return rocAucOf(clfCurve('ROC-AUC', scores, labels));
}

/** ROC-AUC of a curve already computed (shared by callers that need several metrics). */
export function rocAucOf(c: ClfCurve): number {
  // Twice the area in count units (integers below 2^53 for any realistic n), scaled once.
  let area2 = 0, fp0 = 0, tp0 = 0;
  for (let i = 0; i < c.fps.length; i++) {
    area2 += (c.fps[i] - fp0) * (c.tps[i] + tp0);
    fp0 = c.fps[i];
    tp0 = c.tps[i];
  }
  return area2 / (2 * c.positives * c.negatives);
}

/**
 * Average precision: Σ over thresholds (descending) of (recall_i − recall_{i−1}) · precision_i,
 * the step-wise area under the precision-recall curve without interpolation. A tie group
 * counts as one step. Its chance level is the prevalence, not 0.5.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  return averagePrecisionOf(clfCurve('average precision', scores, labels));
}

/** Average precision of a curve already computed. */
export function averagePrecisionOf(c: ClfCurve): number {
  let sum = 0, tp0 = 0;
  for (let i = 0; i < c.tps.length; i++) {
    const tp = c.tps[i];
    if (tp !== tp0) sum += ((tp - tp0) / c.positives) * (tp / (tp + c.fps[i]));
    tp0 = tp;
  }
  return sum;
}
