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
// Bootstrap intervals over users (bootstrap.ts; users drawn with replacement with all their rows,
// seeded, percentile interval; resamples where the metric is undefined are skipped and counted):
//   bootstrapCi({scores, labels, users, days?}, metric, {resamples = 1000, level = 0.95, seed = 0}):
//     {estimate, lo, hi, level, resamples, used, skipped}
//   pairedBootstrapCi(rowsWithScoresA, scoresB, metric, opts): the same for metric(A) − metric(B)
//   bootstrapMeanCi(sets, metric, opts, scoresB?): the metric's mean over several sets (a method's
//     seeds, each its own test users), each set's users drawn independently; with scoresB, of the
//     mean difference A − B
//   metrics (bootmetrics.ts), each sorted once and read in one pass per resample:
//     bootAveragePrecision, bootRocAuc, bootUserAveragePrecision, bootInsidersCaught(k)
//     (DailyAlerts' insiders caught at k alerts/day); bootRows(fn) any metric over the
//     materialized resample (slow), dailyAlertsCaught(k) = bootRows of DailyAlerts;
//     resampleRows(rows, users, weights) the rows of one resample (a user drawn twice = two users)
//   quantileSorted(sorted, q): NumPy's linear percentile
// Comparing k methods over N data sets (rows = data sets, columns = methods, higher = better):
//   averageRanks(matrix, higherIsBetter = true): Float64Array     rank 1 = best, ties averaged
//   rankRow(row, higherIsBetter = true): {ranks, tieTerm}
//   friedmanTest(matrix, {higherIsBetter?, tieCorrection = true}): {n, k, averageRanks, chiSquare,
//     pValue, imanDavenport: {f, df1, df2, pValue}}   scipy.stats.friedmanchisquare's χ²
//   nemenyiQ(k, alpha = 0.05 | 0.1), nemenyiCriticalDifference(k, n, alpha): Demšar 2006's CD
//   criticalDifferenceCliques(averageRanks, cd), rankCliques(averageRanks, notDifferent(i, j)):
//     runs of methods (best first) with no significant pair: the bars of a CD diagram
//   wilcoxonSignedRank(a, b): {statistic, rPlus, rMinus, pValue, method, z, wins, ties, losses}
//     two-sided, scipy.stats.wilcoxon's defaults and newer SciPy's exact/permutation/normal rule
//   holm(pValues): Float64Array of Holm-adjusted p-values (reject where <= alpha)
//   wilcoxonHolm(matrix, {alpha = 0.05, higherIsBetter?}): {averageRanks, pairs, cliques, alpha}
//     every pair's Wilcoxon test, Holm-corrected (Benavoli et al. 2016), with CD cliques
// Distribution tails (special.ts, checked against SciPy): normalSf(z), chiSquareSf(x, df),
//   fSf(x, df1, df2), and gammaQ(a, x), betaI(a, b, x), lnGamma(x) beneath them
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
export { bootstrapCi, pairedBootstrapCi, bootstrapMeanCi, quantileSorted, type BootstrapRows, type BootMetric, type ResampledMetric, type BootstrapOptions, type BootstrapCi } from './bootstrap.js';
export { bootAveragePrecision, bootRocAuc, bootUserAveragePrecision, bootInsidersCaught, bootRows, dailyAlertsCaught, resampleRows, type ResampledRows } from './bootmetrics.js';
export { normalSf, chiSquareSf, fSf, gammaQ, betaI, lnGamma } from './special.js';
export { rankRow, averageRanks, friedmanTest, type ResultMatrix, type FriedmanResult } from './ranks.js';
export { nemenyiQ, nemenyiCriticalDifference, rankCliques, criticalDifferenceCliques, type NemenyiAlpha } from './nemenyi.js';
export { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxon.js';
export { holm, wilcoxonHolm, type PairwiseComparison, type WilcoxonHolmResult } from './holm.js';
export { rankVerdict, pairVerdict, leadVerdict, METRIC_TEXT, type RankMetric, type RankSummary, type PairSummary } from './verdict.js';
