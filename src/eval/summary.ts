// The flat summary of a DetectionReport that result.json carries as `test` and that the
// comparison table and the HTML report read: one number per cell, keyed by strings.
// Per-scenario "recall" is the share of that scenario's malicious user-days that are
// among the day's top `budget` alerts (an analyst's view), falling back to the
// detection rate at 5 % FPR when the rows have no days.
import type { DetectionReport } from './evaluate.js';

export interface TestSummary {
  rocAuc: number;
  averagePrecision: number;
  prevalence: number;
  positives: number;
  detectionRate: Record<string, number>;
  budgets: Record<string, { recall: number; insidersCaught: number; insidersTotal: number; alertPrecision: number; medianDaysToDetection: number | null }>;
  perScenario: Record<string, number>;
  userLevel?: { rocAuc: number; averagePrecision: number; users: number; insiders: number };
  cumulativeRecall?: Record<string, number>;
  /** 95 % bootstrap interval of averagePrecision, resampling test users (written with the result). */
  averagePrecisionCi?: { lo: number; hi: number };
}

export function summarizeReport(r: DetectionReport, scenarioBudget = 5): TestSummary {
  const detectionRate: TestSummary['detectionRate'] = {};
  for (const p of r.overall.detectionRateAtFpr) detectionRate[String(p.maxFpr)] = p.detectionRate;
  const budgets: TestSummary['budgets'] = {};
  for (const b of r.budgets?.daily ?? []) {
    budgets[String(b.k)] = { recall: b.recall, insidersCaught: b.insidersCaught, insidersTotal: b.insiders, alertPrecision: b.alertPrecision, medianDaysToDetection: b.daysToDetection.medianDays };
  }
  const perScenario: TestSummary['perScenario'] = {};
  for (const s of r.perScenario) {
    const atBudget = s.budgets?.find((b) => b.k === scenarioBudget);
    perScenario[String(s.scenario)] = atBudget ? atBudget.recall : s.detectionRateAtFpr.find((p) => p.maxFpr === 0.05)?.detectionRate ?? 0;
  }
  const cumulativeRecall = r.budgets ? Object.fromEntries(r.budgets.cumulativeRecall.map((c) => [String(c.k), c.normalized])) : undefined;
  return { rocAuc: r.overall.rocAuc, averagePrecision: r.overall.averagePrecision, prevalence: r.prevalence, positives: r.positives, detectionRate, budgets, perScenario, userLevel: r.userLevel, cumulativeRecall };
}
