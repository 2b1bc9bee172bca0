// Detection metrics for scored user-days (or any scored rows), pure TypeScript over typed
// arrays, no files and no tensors (the comparison table over many runs' summaries is
// compare.ts, the flat summary result.json carries is summary.ts). Typed-array sorts
// (O(n log n)), no per-row objects. Labels > 0 are malicious (scenario numbers work);
// scores higher = more suspicious; a threshold flags rows with score >= it. Every function
// throws (never returns NaN) on empty input, columns of different lengths, NaN scores
// (naming the row) and, for ranking metrics, a single class.
//
// Row-level (scikit-learn semantics, checked against it in test/eval):
//   rocAuc(scores, labels): number                       roc_auc_score; ties get half credit
//   averagePrecision(scores, labels): number             average_precision_score; ties = one step
//   rocCurve(scores, labels, {dropIntermediate?, maxPoints?}): {fpr, tpr, thresholds}
//   prCurve(scores, labels, {maxPoints?}): {precision, recall, thresholds}
//   precisionRecallF1(scores, labels, threshold): {precision, recall, f1, tp, fp, fn, tn, threshold}
//   operatingPointAtFpr(scores, labels, maxFpr): {detectionRate, falsePositiveRate, threshold, maxFpr}
//   detectionRateAtFpr(scores, labels, maxFpr): number   best TPR with FPR <= maxFpr; ties not split
// User-level (user score = max of their rows, insider = any malicious row):
//   userScores(scores, labels, users), userLevelRocAuc(...), userLevelAveragePrecision(...)
// Daily alert budget over (user, day) rows — each day the top k user-days are alerts:
//   new DailyAlerts({scores, labels, users, days}) — rank once, then .recall(k), .alerts(k),
//     .alertPrecision(k), .insidersCaught(k), .daysToDetection(k), .cumulativeRecall(k, step = 25);
//     .only(row => bool) keeps a subset of the malicious rows (benign rows, sorted once per day
//     in a UserDayTable, are shared)
//   recallAtBudget(rows, k), insidersCaughtAtBudget(rows, k), daysToDetection(rows, k),
//   cumulativeRecallAtBudget(rows, k, step = 25)   Tuor et al. 2017 CR-k (see budget.ts)
// Per scenario and everything at once:
//   perScenario({scores, labels, users?, days?}, {fprs?, budgets?}): ScenarioMetrics[]
//   evaluateDetection({scores, labels, users?, days?, budgets?, fprs?, threshold?, ...}): DetectionReport
export { rocAuc, averagePrecision } from './auc.js';
export { rocCurve, prCurve, thinIndices, type RocCurve, type PrCurve, type RocCurveOptions } from './curves.js';
export { precisionRecallF1, operatingPointAtFpr, detectionRateAtFpr, type ThresholdMetrics, type OperatingPoint } from './threshold.js';
export { userScores, userLevelRocAuc, userLevelAveragePrecision, type UserScores } from './userlevel.js';
export {
  DailyAlerts, UserDayTable, recallAtBudget, insidersCaughtAtBudget, daysToDetection, cumulativeRecallAtBudget,
  type UserDayRows, type InsidersCaught, type InsiderDetection, type CumulativeRecall,
} from './budget.js';
export { perScenario, type ScenarioRows, type ScenarioMetrics, type ScenarioBudget, type PerScenarioOptions } from './scenario.js';
export { evaluateDetection, type EvaluateInput, type DetectionReport, type BudgetMetrics, type DaysToDetectionSummary } from './evaluate.js';
