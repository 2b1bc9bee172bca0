// ROC and precision-recall curves for plots. By default they are the exact curves
// scikit-learn returns (roc_curve with drop_intermediate=True, precision_recall_curve),
// so a plot and a reported AUC come from the same points. Reports that draw many curves
// can pass maxPoints to thin them; a thinned curve is for drawing, not for areas.
import { clfCurve } from './clfcurve.js';

export interface RocCurve { fpr: Float64Array; tpr: Float64Array; thresholds: Float64Array }
export interface PrCurve { precision: Float64Array; recall: Float64Array; thresholds: Float64Array }

export interface RocCurveOptions {
  /** Drop points on straight segments, which changes neither the shape nor the area (default true, as scikit-learn). */
  dropIntermediate?: boolean;
  /** Keep at most this many points, evenly spaced by index, first and last always kept. */
  maxPoints?: number;
}

/**
 * ROC curve from (0, 0) to (1, 1), thresholds descending; rows with score >= thresholds[i]
 * give (fpr[i], tpr[i]). The first threshold is +Infinity (nothing flagged), as in
 * scikit-learn >= 1.3 (older versions wrote max score + 1 there).
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, opts: RocCurveOptions = {}): RocCurve {
  const c = clfCurve('ROC curve', scores, labels);
  const n = c.fps.length;
  // scikit-learn keeps the ends and every point where either count's second difference
  // is non-zero (a corner); points strictly inside a straight run are dropped.
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((opts.dropIntermediate ?? true) && n > 2 && i > 0 && i < n - 1) {
      const dfp = c.fps[i + 1] - 2 * c.fps[i] + c.fps[i - 1];
      const dtp = c.tps[i + 1] - 2 * c.tps[i] + c.tps[i - 1];
      if (dfp === 0 && dtp === 0) continue;
    }
    keep.push(i);
  }
  const fpr = new Float64Array(keep.length + 1);
  const tpr = new Float64Array(keep.length + 1);
  const thresholds = new Float64Array(keep.length + 1);
  thresholds[0] = Infinity;
  keep.forEach((i, j) => {
    fpr[j + 1] = c.fps[i] / c.negatives;
    tpr[j + 1] = c.tps[i] / c.positives;
    thresholds[j + 1] = c.thresholds[i];
  });
  return thinCurve({ fpr, tpr, thresholds }, opts.maxPoints);
}

/**
 * Precision-recall curve in scikit-learn's order: thresholds ascending, recall
 * non-increasing, and a final point (precision 1, recall 0) with no threshold, so
 * precision and recall have one more entry than thresholds.
 */
export function prCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, opts: { maxPoints?: number } = {}): PrCurve {
  const c = clfCurve('PR curve', scores, labels);
  const n = c.tps.length;
  const precision = new Float64Array(n + 1);
  const recall = new Float64Array(n + 1);
  const thresholds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = n - 1 - i;
    precision[i] = c.tps[j] / (c.tps[j] + c.fps[j]);
    recall[i] = c.tps[j] / c.positives;
    thresholds[i] = c.thresholds[j];
  }
  precision[n] = 1;
  recall[n] = 0;
  if (opts.maxPoints !== undefined) checkMaxPoints(opts.maxPoints);
  if (opts.maxPoints === undefined || n + 1 <= opts.maxPoints) return { precision, recall, thresholds };
  // Thin the (precision, recall) pairs; thresholds follow, the final point keeps none.
  const idx = thinIndices(n + 1, opts.maxPoints);
  return {
    precision: Float64Array.from(idx, (i) => precision[i]),
    recall: Float64Array.from(idx, (i) => recall[i]),
    thresholds: Float64Array.from(idx.slice(0, -1), (i) => thresholds[i]),
  };
}

/** Indices 0..n−1 thinned to at most max, evenly spaced, both ends kept. */
export function thinIndices(n: number, max: number): number[] {
  checkMaxPoints(max);
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let j = 0; j < max; j++) {
    const i = Math.round((j * (n - 1)) / (max - 1));
    if (out.length === 0 || out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

function checkMaxPoints(max: number): void {
  if (!Number.isInteger(max) || max < 2) throw new Error(`maxPoints must be an integer >= 2, got ${max}`);
}

function thinCurve(c: RocCurve, maxPoints: number | undefined): RocCurve {
  if (maxPoints !== undefined) checkMaxPoints(maxPoints);
  if (maxPoints === undefined || c.fpr.length <= maxPoints) return c;
  const idx = thinIndices(c.fpr.length, maxPoints);
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
  return { fpr: pick(c.fpr), tpr: pick(c.tpr), thresholds: pick(c.thresholds) };
}
