// What a lesion measures: one number per model state (test error for classifiers, PR-AUC
// for detectors), plus secondary figures, computed on fixed rows so that every lesion of
// a run is scored on the same data.
import type { BlockNet } from '../models/index.js';

export interface Score {
  value: number;
  /** Secondary figures (ROC-AUC for detectors), by name. */
  figures?: Record<string, number>;
}

export interface Evaluator {
  /** Label of `value`, e.g. "test error (%)" or "PR-AUC". */
  metric: string;
  /** Whether smaller values are better (error) or larger ones (AUC). */
  lowerIsBetter: boolean;
  /** The value of a model that knows nothing (90 % error for 10 classes, the positive rate for PR-AUC). */
  chance: number;
  evaluate(model: BlockNet): Score;
}
