// Per-scenario breakdown. CERT insiders follow numbered scenarios (1 data theft before
// leaving, 2 job hunting then theft, 3 sabotage by a disgruntled admin, …), and a detector
// can be good at one and blind to another, which a pooled number hides. Each scenario is
// scored as its own task: its malicious rows against all benign rows, with other
// scenarios' rows left out entirely (so they neither count as negatives nor use up the
// daily alert budget).
import { checkIntegers, checkLengths, checkScores } from './validate.js';
import { rocAuc } from './auc.js';
import { operatingPointAtFpr, type OperatingPoint } from './threshold.js';
import { DailyAlerts } from './budget.js';

export interface ScenarioRows {
  scores: ArrayLike<number>;
  /** 0 (or any value <= 0) benign, 1..n the scenario number of a malicious row. */
  labels: ArrayLike<number>;
  users?: ArrayLike<number>;
  days?: ArrayLike<number>;
}

export interface ScenarioBudget {
  k: number;
  /** Fraction of this scenario's malicious user-days alerted. */
  recall: number;
  /** Insiders of this scenario with at least one alerted malicious day. */
  insidersCaught: number;
  insiders: number;
}

export interface ScenarioMetrics {
  scenario: number;
  /** Malicious rows of this scenario. */
  positives: number;
  rocAuc: number;
  detectionRateAtFpr: OperatingPoint[];
  /** Present when users and days are given. */
  budgets?: ScenarioBudget[];
}

export interface PerScenarioOptions {
  /** FPR limits for the detection rate (default [0.05]). */
  fprs?: number[];
  /** Daily alert budgets (default [5, 20]); needs users and days. */
  budgets?: number[];
}

/** Metrics for each scenario number present in labels, ascending. Throws if there are no benign rows. */
export function perScenario(rows: ScenarioRows, opts: PerScenarioOptions = {}): ScenarioMetrics[] {
  const what = 'per-scenario metrics';
  const { scores, labels, users, days } = rows;
  checkLengths(what, scores, { labels, ...(users ? { users } : {}), ...(days ? { days } : {}) });
  checkScores(what, scores);
  checkIntegers(what, 'label (scenario number)', labels);
  const fprs = opts.fprs ?? [0.05];
  const budgets = opts.budgets ?? [5, 20];
  const scenarios = [...new Set(Array.from(labels).filter((l) => l > 0))].sort((a, b) => a - b);
  return scenarios.map((s) => {
    const keep: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] <= 0 || labels[i] === s) keep.push(i);
    const sc = Float64Array.from(keep, (i) => scores[i]);
    const lb = Uint8Array.from(keep, (i) => (labels[i] > 0 ? 1 : 0));
    const out: ScenarioMetrics = {
      scenario: s,
      positives: lb.reduce((a, x) => a + x, 0),
      rocAuc: rocAuc(sc, lb),
      detectionRateAtFpr: fprs.map((f) => operatingPointAtFpr(sc, lb, f)),
    };
    if (users && days) {
      const alerts = new DailyAlerts({
        scores: sc, labels: lb,
        users: Float64Array.from(keep, (i) => users[i]),
        days: Float64Array.from(keep, (i) => days[i]),
      });
      out.budgets = budgets.map((k) => {
        const c = alerts.insidersCaught(k);
        return { k, recall: alerts.recall(k), insidersCaught: c.caught, insiders: c.insiders };
      });
    }
    return out;
  });
}
