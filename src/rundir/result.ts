// result.json (ResultFile in types.ts), the one summary every scored method writes
// (residual runs and baselines alike), so `reslab compare` and `reslab report` read all
// methods the same way.
import { evaluateDetection, rocCurve, prCurve, DailyAlerts, bootstrapCi, bootAveragePrecision } from '../eval/index.js';
import { summarizeReport } from '../eval/summary.js';
import { dayToIso, type FeatureMatrix } from '../data/cert/matrix.js';
import type { Domain } from '../data/cert/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { RESULT, runFile } from './files.js';
import type { DatasetFacts, ImageResultFile, ResultExtra, ResultFile } from './types.js';

export interface ResultInput {
  name: string;
  method: string;
  seed: number;
  matrix: FeatureMatrix;
  /** Test rows of the matrix and their scores (higher = more suspicious). */
  rows: Int32Array;
  scores: ArrayLike<number>;
  topAlerts?: number;
  /** Per-domain contributions for the given top rows, when the method can say. */
  explain?: (rows: Int32Array) => Record<Domain, number>[];
  extra?: ResultExtra;
}

/** Evaluates the scores and writes RUN/result.json. */
/** The run's PR-AUC interval over its test users (none when a resample could never hold both classes). */
function prAucInterval(scores: ArrayLike<number>, labels: Int32Array, users: Int32Array, days: Int32Array): { averagePrecisionCi?: { lo: number; hi: number } } {
  try {
    const ci = bootstrapCi({ scores, labels, users, days }, bootAveragePrecision, { resamples: 1000, seed: 0 });
    return { averagePrecisionCi: { lo: ci.lo, hi: ci.hi } };
  } catch {
    return {};
  }
}

export function writeResult(run: string, r: ResultInput) {
  const { matrix, rows, scores } = r;
  const labels = Int32Array.from(rows, (i) => matrix.insider![i]);
  const users = Int32Array.from(rows, (i) => matrix.user[i]), days = Int32Array.from(rows, (i) => matrix.time[i]);
  const evaluation = evaluateDetection({ scores, labels, users, days });
  const y = Int32Array.from(labels, (l) => (l > 0 ? 1 : 0));
  const roc = rocCurve(scores, y, { maxPoints: 400 }), pr = prCurve(scores, y, { maxPoints: 400 });
  const alerts = new DailyAlerts({ scores, labels, users, days });
  const alertsCurve = [1, 2, 3, 5, 10, 15, 20, 30, 50].map((k) => ({ k, insidersCaught: alerts.insidersCaught(k).caught }));
  const order = Array.from({ length: rows.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]).slice(0, r.topAlerts ?? 20);
  const contrib = r.explain?.(Int32Array.from(order, (i) => rows[i]));
  const topAlerts = order.map((i, k) => ({ user: matrix.users[users[i]], day: dayToIso(days[i]), score: scores[i], insider: labels[i], ...(contrib ? { contributions: contrib[k] } : {}) }));
  const result: ResultFile = {
    name: r.name, method: r.method, seed: r.seed,
    test: { ...summarizeReport(evaluation), ...prAucInterval(scores, labels, users, days) },
    evaluation,
    curves: { roc: { fpr: [...roc.fpr], tpr: [...roc.tpr] }, pr: { recall: [...pr.recall], precision: [...pr.precision] } },
    alertsCurve, topAlerts, dataset: datasetSummary(matrix),
    ...r.extra,
  };
  writeFileAtomic(runFile(run, RESULT), JSON.stringify(result) + '\n');
  return { evaluation, test: result.test };
}

export function writeImageResult(run: string, r: ImageResultFile): void {
  writeFileAtomic(runFile(run, RESULT), JSON.stringify(r) + '\n');
}

export function datasetSummary(m: FeatureMatrix): DatasetFacts {
  const insiders = new Map<number, number>();
  let malicious = 0;
  m.insider?.forEach((l, i) => { if (l > 0) { insiders.set(m.user[i], l); malicious++; } });
  const perScenario: Record<string, number> = {};
  for (const s of insiders.values()) perScenario[String(s)] = (perScenario[String(s)] ?? 0) + 1;
  let lo = Infinity, hi = -Infinity;
  for (const t of m.time) { if (t < lo) lo = t; if (t > hi) hi = t; }
  return {
    release: m.schema.release, users: m.users.length, days: new Set(m.time).size, userDays: m.n, maliciousUserDays: malicious,
    firstDay: dayToIso(lo), lastDay: dayToIso(hi), insidersPerScenario: perScenario,
  };
}
