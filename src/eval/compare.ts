// The comparison table: results grouped by method (seeds of one method together), each
// figure as mean ± sample sd over the seeds.
import type { TestSummary } from './summary.js';

export interface ResultFile { path: string; name: string; method: string; seed?: number; test: TestSummary; macs?: number; params?: number; trainSeconds?: number; scoreSeconds?: number; epochSeconds?: number }
export interface Stat { mean: number; sd: number; n: number }
export interface ComparisonRow {
  method: string; runs: number; seeds: number[];
  rocAuc: Stat; prAuc: Stat; drAt5: Stat; drAt1: Stat;
  recallAt: Record<string, Stat>; caughtAt: Record<string, Stat>; insidersTotal: number;
  perScenario: Record<string, Stat>;
  macs?: number; params?: number; trainSeconds?: Stat; scoreSeconds?: Stat; epochSeconds?: Stat;
}

export function stat(xs: number[]): Stat {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

export function compareResults(results: ResultFile[]): ComparisonRow[] {
  const byMethod = new Map<string, ResultFile[]>();
  for (const r of results) byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r]);
  const rows: ComparisonRow[] = [];
  for (const [method, rs] of byMethod) {
    const keyed = (pick: (t: TestSummary) => Record<string, unknown>, value: (v: never) => number) => {
      const keys = [...new Set(rs.flatMap((r) => Object.keys(pick(r.test) ?? {})))];
      return Object.fromEntries(keys.map((k) => [k, stat(rs.map((r) => value((pick(r.test) ?? {})[k] as never) ?? 0))]));
    };
    const opt = (xs: (number | undefined)[]) => (xs.every((x) => typeof x === 'number') ? stat(xs as number[]) : undefined);
    rows.push({
      method, runs: rs.length, seeds: rs.flatMap((r) => (r.seed === undefined ? [] : [r.seed])),
      rocAuc: stat(rs.map((r) => r.test.rocAuc)), prAuc: stat(rs.map((r) => r.test.averagePrecision)),
      drAt5: stat(rs.map((r) => r.test.detectionRate?.['0.05'] ?? 0)), drAt1: stat(rs.map((r) => r.test.detectionRate?.['0.01'] ?? 0)),
      recallAt: keyed((t) => t.budgets, (b: { recall: number }) => b?.recall),
      caughtAt: keyed((t) => t.budgets, (b: { insidersCaught: number }) => b?.insidersCaught),
      insidersTotal: Math.max(...rs.map((r) => Object.values(r.test.budgets ?? {})[0]?.insidersTotal ?? 0)),
      perScenario: keyed((t) => t.perScenario, (v: number) => v),
      macs: rs[0].macs, params: rs[0].params, trainSeconds: opt(rs.map((r) => r.trainSeconds)), scoreSeconds: opt(rs.map((r) => r.scoreSeconds)), epochSeconds: opt(rs.map((r) => r.epochSeconds)),
    });
  }
  return rows.sort((a, b) => b.prAuc.mean - a.prAuc.mean);
}

const ms = (s: Stat | undefined, digits = 3) => (s ? (s.n > 1 ? `${s.mean.toFixed(digits)} ± ${s.sd.toFixed(digits)}` : s.mean.toFixed(digits)) : '—');

export function comparisonMarkdown(rows: ComparisonRow[]): string {
  const budgets = [...new Set(rows.flatMap((r) => Object.keys(r.recallAt)))].sort((a, b) => Number(a) - Number(b));
  const scenarios = [...new Set(rows.flatMap((r) => Object.keys(r.perScenario)))].sort();
  const head = ['method', 'runs', 'ROC-AUC', 'PR-AUC', 'DR@5%FPR', ...budgets.map((k) => `recall@${k}/day`), ...budgets.map((k) => `caught@${k}/day`),
    ...scenarios.map((s) => `sc.${s} recall@5`), 'MACs/sample', 'train s', 'score s'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    lines.push(`| ${[r.method, r.runs, ms(r.rocAuc), ms(r.prAuc), ms(r.drAt5), ...budgets.map((k) => ms(r.recallAt[k])),
      ...budgets.map((k) => `${ms(r.caughtAt[k], 1)} / ${r.insidersTotal}`), ...scenarios.map((s) => ms(r.perScenario[s], 2)),
      r.macs === undefined ? '—' : `${(r.macs / 1e6).toFixed(2)} M`, ms(r.trainSeconds, 1), ms(r.scoreSeconds, 2)].join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
