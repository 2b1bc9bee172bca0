// Per-scenario breakdown. CERT insiders follow numbered scenarios (1 data theft before
// leaving, 2 job hunting then theft, 3 sabotage by a disgruntled admin, …), and a detector
// can be good at one and blind to another, which a pooled number hides. Each scenario is
// scored as its own task: its malicious rows against all benign rows, with other
// scenarios' rows left out entirely (so they neither count as negatives nor use up the
// daily alert budget).
import { checkIntegers, checkLengths, checkScores, countClasses } from './validate.js';
import { rocAucOf } from './auc.js';
import { operatingPointOf, type OperatingPoint } from './threshold.js';
import { mergeCurve, sortedByClass } from './clfcurve.js';
import { DailyAlerts, UserDayTable } from './budget.js';

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
  /** A table already built over these same rows (evaluateDetection passes its own). */
  table?: UserDayTable;
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
  const present = new Set<number>();
  for (let i = 0; i < labels.length; i++) if (labels[i] > 0) present.add(labels[i]);
  const scenarios = [...present].sort((a, b) => a - b);
  const { negatives } = countClasses(what, labels, false);
  if (negatives === 0) throw new Error(`${what} needs both classes: got ${labels.length} rows, all positive`);
  // Negatives are shared by every scenario: sort them (and bucket them by day) once.
  const neg = sortedByClass(scores, labels).neg;
  const table = users && days ? opts.table ?? new UserDayTable({ scores, labels, users, days }) : undefined;
  return scenarios.map((s) => {
    let m = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === s) m++;
    const pos = new Float64Array(m);
    for (let i = 0, j = 0; i < labels.length; i++) if (labels[i] === s) pos[j++] = scores[i];
    const curve = mergeCurve(pos.sort(), neg);
    const out: ScenarioMetrics = {
      scenario: s,
      positives: m,
      rocAuc: rocAucOf(curve),
      detectionRateAtFpr: fprs.map((f) => operatingPointOf(curve, f)),
    };
    if (table) {
      const alerts = new DailyAlerts(table, table.positives.filter((i) => labels[i] === s));
      out.budgets = budgets.map((k) => {
        const c = alerts.insidersCaught(k);
        return { k, recall: alerts.recall(k), insidersCaught: c.caught, insiders: c.insiders };
      });
    }
    return out;
  });
}
