// One call that computes every detection metric for a scored test set and returns a
// plain JSON-serialisable object: what CLI commands write to result.json and what
// comparison tables read. Non-finite numbers (a +Infinity threshold) become null so that
// JSON.stringify never silently writes them as null in some places and not others.
import { checkLengths, countClasses, checkIntegers } from './validate.js';
import { rocAuc, averagePrecision, rocAucOf, averagePrecisionOf } from './auc.js';
import { operatingPointOf, precisionRecallF1, type OperatingPoint, type ThresholdMetrics } from './threshold.js';
import { clfCurve } from './clfcurve.js';
import { rocCurve, prCurve } from './curves.js';
import { userScores } from './userlevel.js';
import { DailyAlerts, UserDayTable, type CumulativeRecall, type InsiderDetection } from './budget.js';
import { perScenario, type ScenarioMetrics } from './scenario.js';

export interface EvaluateInput {
  scores: ArrayLike<number>;
  /** 0 benign, 1..n scenario number of a malicious row (plain 0/1 works: one scenario). */
  labels: ArrayLike<number>;
  /** User index per row; enables user-level and budget metrics. */
  users?: ArrayLike<number>;
  /** Day number per row; with users, enables the daily alert-budget metrics. */
  days?: ArrayLike<number>;
  /** Daily alert budgets k (default [5, 20]). */
  budgets?: number[];
  /** FPR limits for detection rates (default [0.01, 0.05]; per scenario, 0.05 only unless fprs is given). */
  fprs?: number[];
  /** Score threshold for precision/recall/F1 (rows with score >= it are flagged); omitted if absent. */
  threshold?: number;
  /** Budgets for Tuor et al.'s cumulative recall CR-k (default [400, 1000]); multiples of crStep. */
  cumulativeRecallBudgets?: number[];
  /** Step between budgets summed in CR-k (default 25, as Tuor et al.). */
  crStep?: number;
  /** If set, include ROC and PR curves thinned to at most this many points (for reports). */
  curvePoints?: number;
}

export interface DaysToDetectionSummary {
  caught: number;
  insiders: number;
  /** Over caught insiders; null when none was caught. */
  medianDays: number | null;
  meanDays: number | null;
  perInsider: InsiderDetection[];
}

export interface BudgetMetrics {
  k: number;
  /** Fraction of malicious user-days alerted. */
  recall: number;
  alerts: number;
  /** Fraction of alerts that are malicious user-days. */
  alertPrecision: number;
  insidersCaught: number;
  insiders: number;
  daysToDetection: DaysToDetectionSummary;
}

export interface JsonCurve { [name: string]: (number | null)[] }

export interface DetectionReport {
  rows: number;
  positives: number;
  negatives: number;
  prevalence: number;
  overall: {
    rocAuc: number;
    averagePrecision: number;
    detectionRateAtFpr: OperatingPoint[];
    atThreshold?: ThresholdMetrics;
  };
  userLevel?: { users: number; insiders: number; rocAuc: number; averagePrecision: number };
  budgets?: { days: number; daily: BudgetMetrics[]; cumulativeRecall: CumulativeRecall[] };
  perScenario: ScenarioMetrics[];
  curves?: { roc: JsonCurve; pr: JsonCurve };
}

export function evaluateDetection(input: EvaluateInput): DetectionReport {
  const what = 'evaluateDetection';
  const { scores, labels, users, days } = input;
  checkLengths(what, scores, { labels, ...(users ? { users } : {}), ...(days ? { days } : {}) });
  checkIntegers(what, 'label (scenario number)', labels);
  const budgets = input.budgets ?? [5, 20];
  const fprs = input.fprs ?? [0.01, 0.05];
  const { positives, negatives } = countClasses(what, labels);
  const curve = clfCurve(what, scores, labels);

  const report: DetectionReport = {
    rows: scores.length,
    positives,
    negatives,
    prevalence: positives / scores.length,
    overall: {
      rocAuc: rocAucOf(curve),
      averagePrecision: averagePrecisionOf(curve),
      detectionRateAtFpr: fprs.map((f) => jsonPoint(operatingPointOf(curve, f))),
    },
    perScenario: [],
  };
  if (input.threshold !== undefined) report.overall.atThreshold = precisionRecallF1(scores, labels, input.threshold);

  if (users) {
    const u = userScores(scores, labels, users);
    const insiders = u.labels.reduce((s, x) => s + x, 0);
    report.userLevel = {
      users: u.users.length,
      insiders,
      rocAuc: rocAuc(u.scores, u.labels),
      averagePrecision: averagePrecision(u.scores, u.labels),
    };
  }

  const table = users && days ? new UserDayTable({ scores, labels, users, days }) : undefined;
  if (table) {
    const alerts = new DailyAlerts(table);
    report.budgets = {
      days: table.days,
      daily: budgets.map((k) => budgetMetrics(alerts, k)),
      cumulativeRecall: (input.cumulativeRecallBudgets ?? [400, 1000]).map((k) => alerts.cumulativeRecall(k, input.crStep ?? 25)),
    };
  }

  report.perScenario = perScenario({ scores, labels, users, days }, { fprs: input.fprs ?? [0.05], budgets, table })
    .map((s) => ({ ...s, detectionRateAtFpr: s.detectionRateAtFpr.map(jsonPoint) }));

  if (input.curvePoints !== undefined) {
    const roc = rocCurve(scores, labels, { maxPoints: input.curvePoints });
    const pr = prCurve(scores, labels, { maxPoints: input.curvePoints });
    report.curves = {
      roc: { fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr), thresholds: jsonNumbers(roc.thresholds) },
      pr: { precision: Array.from(pr.precision), recall: Array.from(pr.recall), thresholds: jsonNumbers(pr.thresholds) },
    };
  }
  return report;
}

function budgetMetrics(alerts: DailyAlerts, k: number): BudgetMetrics {
  const caught = alerts.insidersCaught(k);
  const perInsider = alerts.daysToDetection(k);
  const delays = perInsider.flatMap((d) => (d.daysToDetection === null ? [] : [d.daysToDetection])).sort((a, b) => a - b);
  const m = delays.length;
  return {
    k,
    recall: alerts.recall(k),
    alerts: alerts.alerts(k),
    alertPrecision: alerts.alertPrecision(k),
    insidersCaught: caught.caught,
    insiders: caught.insiders,
    daysToDetection: {
      caught: m,
      insiders: perInsider.length,
      medianDays: m === 0 ? null : m % 2 ? delays[(m - 1) / 2] : (delays[m / 2 - 1] + delays[m / 2]) / 2,
      meanDays: m === 0 ? null : delays.reduce((s, x) => s + x, 0) / m,
      perInsider,
    },
  };
}

function jsonPoint(p: OperatingPoint): OperatingPoint {
  return { ...p, threshold: p.threshold !== null && Number.isFinite(p.threshold) ? p.threshold : null };
}

function jsonNumbers(a: Float64Array): (number | null)[] {
  return Array.from(a, (x) => (Number.isFinite(x) ? x : null));
}
