// The comparison table, the one aggregation that comparison.md, `reslab compare` (its
// Markdown and its --out table.json) and the report's table all render: results grouped by
// method (seeds of one method together), each figure as mean ± sample sd over the seeds
// that have it. A figure a run lacks (no DR@5% when its test rows were too few, no
// training time for a hand-written result) is left out of that figure's mean, never read
// as 0; a method where no run has it shows "—".
import { meanSd, meanSdOf, formatStat, type Stat } from '../util/stats.js';

export type { Stat };

/** What the aggregation reads of one run: result.json's `test` summary and sizes (src/rundir's FoundResult, the report's LoadedRun). */
export interface MethodResult {
  method: string;
  seed?: number;
  test?: {
    rocAuc: number;
    averagePrecision: number;
    /** Keyed by false-positive rate as written ("0.05"). */
    detectionRate?: Record<string, number>;
    /** Keyed by alerts per day ("5"). */
    budgets?: Record<string, { recall?: number; insidersCaught?: number; insidersTotal?: number }>;
    perScenario?: Record<string, number>;
    averagePrecisionCi?: { lo: number; hi: number };
  };
  macs?: number;
  params?: number;
  trainSeconds?: number;
  scoreSeconds?: number;
  epochSeconds?: number;
}

export interface ComparisonRow {
  method: string;
  runs: number;
  seeds: number[];
  rocAuc: Stat;
  prAuc: Stat;
  /**
   * A single run's 95 % bootstrap interval of PR-AUC over its test users. Several seeds have
   * several test splits, and their mean's interval needs their predictions (reslab contest).
   */
  prAucCi?: { lo: number; hi: number };
  /** Detection rate at 5 % and 1 % false-positive rate. */
  drAt5?: Stat;
  drAt1?: Stat;
  /** Per alert budget (alerts per day, "5", "10", …). */
  recallAt: Record<string, Stat>;
  caughtAt: Record<string, Stat>;
  insidersTotal?: number;
  perScenario: Record<string, Stat>;
  macs?: number;
  params?: number;
  trainSeconds?: Stat;
  scoreSeconds?: Stat;
  epochSeconds?: Stat;
}

/** The detection rate at a false-positive rate, whichever way the key was written ("0.05", "0.050", "5%"). */
export function rateAt(rates: Record<string, number> | undefined, fpr: number): number | undefined {
  const e = Object.entries(rates ?? {}).find(([k]) => Math.abs(Number(k.replace('%', '')) / (k.includes('%') ? 100 : 1) - fpr) < 1e-9);
  return e?.[1];
}

function keyed<T>(runs: T[], keysOf: (r: T) => string[], value: (r: T, k: string) => number | undefined): Record<string, Stat> {
  const keys = [...new Set(runs.flatMap(keysOf))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  const out: Record<string, Stat> = {};
  for (const k of keys) {
    const s = meanSdOf(runs.map((r) => value(r, k)));
    if (s) out[k] = s;
  }
  return out;
}

function row(method: string, rs: (MethodResult & { test: NonNullable<MethodResult['test']> })[]): ComparisonRow {
  const totals = rs.flatMap((r) => Object.values(r.test.budgets ?? {}).map((b) => b.insidersTotal)).filter((t): t is number => t !== undefined);
  return {
    method, runs: rs.length, seeds: rs.flatMap((r) => (r.seed === undefined ? [] : [r.seed])),
    rocAuc: meanSd(rs.map((r) => r.test.rocAuc)),
    prAuc: meanSd(rs.map((r) => r.test.averagePrecision)),
    ...(rs.length === 1 && rs[0]!.test.averagePrecisionCi ? { prAucCi: rs[0]!.test.averagePrecisionCi } : {}),
    drAt5: meanSdOf(rs.map((r) => rateAt(r.test.detectionRate, 0.05))),
    drAt1: meanSdOf(rs.map((r) => rateAt(r.test.detectionRate, 0.01))),
    recallAt: keyed(rs, (r) => Object.keys(r.test.budgets ?? {}), (r, k) => r.test.budgets?.[k]?.recall),
    caughtAt: keyed(rs, (r) => Object.keys(r.test.budgets ?? {}), (r, k) => r.test.budgets?.[k]?.insidersCaught),
    insidersTotal: totals.length ? Math.max(...totals) : undefined,
    perScenario: keyed(rs, (r) => Object.keys(r.test.perScenario ?? {}), (r, k) => r.test.perScenario?.[k]),
    macs: rs.find((r) => r.macs !== undefined)?.macs,
    params: rs.find((r) => r.params !== undefined)?.params,
    trainSeconds: meanSdOf(rs.map((r) => r.trainSeconds)),
    scoreSeconds: meanSdOf(rs.map((r) => r.scoreSeconds)),
    epochSeconds: meanSdOf(rs.map((r) => r.epochSeconds)),
  };
}

/** One row per method of the results that have test figures, best PR-AUC first. */
export function compareResults(results: MethodResult[]): ComparisonRow[] {
  const byMethod = new Map<string, (MethodResult & { test: NonNullable<MethodResult['test']> })[]>();
  for (const r of results) if (r.test) byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r as MethodResult & { test: NonNullable<MethodResult['test']> }]);
  return [...byMethod].map(([m, rs]) => row(m, rs)).sort((a, b) => b.prAuc.mean - a.prAuc.mean);
}

const cell = (s: Stat | undefined, digits = 3) => formatStat(s, digits) ?? '—';
/** PR-AUC with a single run's interval: "0.501 [0.402, 0.611]". */
export function prAucCell(r: Pick<ComparisonRow, 'prAuc' | 'prAucCi'>): string {
  return `${cell(r.prAuc)}${r.prAucCi ? ` [${r.prAucCi.lo.toFixed(3)}, ${r.prAucCi.hi.toFixed(3)}]` : ''}`;
}

export function comparisonMarkdown(rows: ComparisonRow[]): string {
  const budgets = [...new Set(rows.flatMap((r) => Object.keys(r.recallAt)))].sort((a, b) => Number(a) - Number(b));
  const scenarios = [...new Set(rows.flatMap((r) => Object.keys(r.perScenario)))].sort();
  const head = ['method', 'runs', 'ROC-AUC', 'PR-AUC [95 % CI]', 'DR@5%FPR', ...budgets.map((k) => `recall@${k}/day`), ...budgets.map((k) => `caught@${k}/day`),
    ...scenarios.map((s) => `sc.${s} recall@5`), 'MACs/sample', 'train s', 'score s'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(`| ${[r.method, r.runs, cell(r.rocAuc), prAucCell(r), cell(r.drAt5), ...budgets.map((k) => cell(r.recallAt[k])),
      ...budgets.map((k) => `${cell(r.caughtAt[k], 1)} / ${r.insidersTotal ?? '—'}`), ...scenarios.map((s) => cell(r.perScenario[s], 2)),
      r.macs === undefined ? '—' : `${(r.macs / 1e6).toFixed(2)} M`, cell(r.trainSeconds, 1), cell(r.scoreSeconds, 2)].join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
