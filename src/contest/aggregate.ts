// From a contest's cells to its verdicts. Per world: each method's figures as mean ± sd
// over its seeds, with 95 % bootstrap intervals of the seed mean resampled over test users
// (each seed its own split). Across worlds: average ranks (Demšar 2006) by PR-AUC and by
// insiders caught at 5 alerts a day, the Friedman test, Nemenyi's critical difference and
// the groups of methods it cannot tell apart; and for a chosen pair, the paired Wilcoxon
// signed-rank test over every world × seed with its win/tie/loss count.
import {
  bootAveragePrecision, bootInsidersCaught, bootstrapMeanCi, criticalDifferenceCliques, friedmanTest,
  nemenyiCriticalDifference, wilcoxonSignedRank, type BootMetric, type BootstrapRows, type WilcoxonResult,
} from '../eval/index.js';
import type { TestSummary } from '../eval/summary.js';
import type { RankMetric } from '../eval/verdict.js';
import { meanSd, meanSdOf, type Stat } from '../util/stats.js';

/** One cell's outcome as the aggregation needs it. */
export interface CellOutcome {
  world: string;
  method: string;
  seed: number;
  test: TestSummary;
  /** The test rows' scores, labels, users and days, for the bootstrap. */
  rows: BootstrapRows;
  macs?: number;
  fitSeconds?: number;
  /** Seconds per training epoch (networks only). */
  epochSeconds?: number;
}

export interface Interval { lo: number; hi: number }

/** A method's figures on one world. */
export interface WorldRow {
  world: string;
  method: string;
  seeds: number[];
  rocAuc: Stat;
  prAuc: Stat;
  drAt1: Stat | null;
  drAt5: Stat | null;
  /** Shares of the test insiders caught with 5 and 20 alerts a day. */
  caught5: Stat;
  caught20: Stat | null;
  userPrAuc: Stat | null;
  /** Test insiders, mean over the seeds' splits. */
  insiders: number;
  prAucCi: Interval;
  caught5Ci: Interval;
  macs: number | null;
  fitSeconds: Stat | null;
  epochSeconds: Stat | null;
}

export { METRIC_TEXT, type RankMetric } from '../eval/verdict.js';

export interface RankTable {
  metric: RankMetric;
  /** Methods in order of average rank (best first). */
  methods: string[];
  averageRanks: number[];
  /** Worlds the ranks are taken over (methods missing a world leave it out). */
  worlds: string[];
  friedman: { chiSquare: number; pValue: number; imanDavenportF: number; imanDavenportP: number } | null;
  /** Nemenyi's critical difference of average ranks at α = 0.05. */
  criticalDifference: number | null;
  /** Groups of methods (by name) no two of which differ by the critical difference. */
  cliques: string[][];
}

export interface Versus {
  a: string;
  b: string;
  metric: RankMetric;
  pairs: number;
  wilcoxon: WilcoxonResult | null;
  /** Mean difference a − b over the pairs. */
  meanDifference: number;
  /** Per world: the paired 95 % bootstrap interval of the mean difference over seeds. */
  perWorld: { world: string; difference: number; ci: Interval }[];
}

/** Share of the test insiders caught with k alerts a day (comparable across worlds and splits, unlike the count). */
const caughtShare = (t: TestSummary, k: number) => {
  const b = t.budgets[String(k)];
  return b && b.insidersTotal > 0 ? b.insidersCaught / b.insidersTotal : undefined;
};
const value = (t: TestSummary, metric: RankMetric) => (metric === 'prAuc' ? t.averagePrecision : caughtShare(t, 5) ?? NaN);
const BOOT: Record<RankMetric, BootMetric> = { prAuc: bootAveragePrecision, caught5: bootInsidersCaught(5) };

/** A figure some runs lack is summarised over those that have it, never read as 0. */
const opt = (xs: (number | undefined)[]): Stat | null => meanSdOf(xs) ?? null;

function ci(outcomes: CellOutcome[], metric: RankMetric, seed: number, scoresB?: ArrayLike<number>[]): Interval {
  try {
    const r = bootstrapMeanCi(outcomes.map((o) => o.rows), BOOT[metric], { resamples: 1000, seed }, scoresB);
    return { lo: r.lo, hi: r.hi };
  } catch {
    // One class only among a seed's test users: no interval can be had.
    return { lo: NaN, hi: NaN };
  }
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

/** Every method's row on every world, in the order of `worlds` and then by PR-AUC. */
export function worldRows(outcomes: CellOutcome[], worlds: string[]): WorldRow[] {
  const out: WorldRow[] = [];
  for (const world of worlds) {
    const rows: WorldRow[] = [];
    for (const [method, os] of groupBy(outcomes.filter((o) => o.world === world), (o) => o.method)) {
      os.sort((a, b) => a.seed - b.seed);
      const t = os.map((o) => o.test);
      rows.push({
        world, method, seeds: os.map((o) => o.seed),
        rocAuc: meanSd(t.map((x) => x.rocAuc)), prAuc: meanSd(t.map((x) => x.averagePrecision)),
        drAt1: opt(t.map((x) => x.detectionRate['0.01'])), drAt5: opt(t.map((x) => x.detectionRate['0.05'])),
        caught5: meanSd(t.map((x) => caughtShare(x, 5) ?? NaN)), caught20: opt(t.map((x) => caughtShare(x, 20))),
        userPrAuc: opt(t.map((x) => x.userLevel?.averagePrecision)),
        insiders: meanSd(t.map((x) => x.budgets['5']?.insidersTotal ?? NaN)).mean,
        prAucCi: ci(os, 'prAuc', 1), caught5Ci: ci(os, 'caught5', 2),
        macs: os[0]!.macs ?? null, fitSeconds: opt(os.map((o) => o.fitSeconds)), epochSeconds: opt(os.map((o) => o.epochSeconds)),
      });
    }
    out.push(...rows.sort((a, b) => b.prAuc.mean - a.prAuc.mean));
  }
  return out;
}

/** Average ranks over the worlds where every method ran, with Friedman's test and Nemenyi's CD. */
export function rankTable(rows: WorldRow[], methods: string[], metric: RankMetric): RankTable {
  const byWorld = groupBy(rows, (r) => r.world);
  const worlds = [...byWorld.keys()].filter((w) => methods.every((m) => byWorld.get(w)!.some((r) => r.method === m)));
  const matrix = worlds.map((w) => Float64Array.from(methods, (m) => byWorld.get(w)!.find((r) => r.method === m)![metric].mean));
  if (worlds.length === 0 || methods.length < 2) return { metric, methods, averageRanks: methods.map(() => NaN), worlds, friedman: null, criticalDifference: null, cliques: [] };
  const f = friedmanTest(matrix);
  const order = methods.map((_, j) => j).sort((a, b) => f.averageRanks[a]! - f.averageRanks[b]!);
  const ranks = order.map((j) => f.averageRanks[j]!);
  const cd = methods.length <= 20 ? nemenyiCriticalDifference(methods.length, worlds.length) : null;
  const cliques = cd === null ? [] : criticalDifferenceCliques(ranks, cd).map((c) => c.map((i) => methods[order[i]!]!));
  return {
    metric, methods: order.map((j) => methods[j]!), averageRanks: ranks, worlds,
    friedman: worlds.length >= 2 ? { chiSquare: f.chiSquare, pValue: f.pValue, imanDavenportF: f.imanDavenport.f, imanDavenportP: f.imanDavenport.pValue } : null,
    criticalDifference: cd, cliques,
  };
}

/** a against b over every world × seed both ran, and per world the paired interval of the seed-mean difference. */
export function versus(outcomes: CellOutcome[], a: string, b: string, metric: RankMetric): Versus {
  const key = (o: CellOutcome) => `${o.world}\u0000${o.seed}`;
  const bs = new Map(outcomes.filter((o) => o.method === b).map((o) => [key(o), o]));
  const pairs = outcomes.filter((o) => o.method === a && bs.has(key(o))).map((o) => [o, bs.get(key(o))!] as const);
  const xa = pairs.map(([x]) => value(x.test, metric)), xb = pairs.map(([, y]) => value(y.test, metric));
  const perWorld = [...groupBy([...pairs], ([x]) => x.world)].map(([world, ps]) => ({
    world,
    difference: ps.reduce((s, [x, y]) => s + value(x.test, metric) - value(y.test, metric), 0) / ps.length,
    ci: ci(ps.map(([x]) => x), metric, 3, ps.map(([, y]) => y.rows.scores)),
  }));
  return {
    a, b, metric, pairs: pairs.length,
    wilcoxon: pairs.length > 0 ? wilcoxonSignedRank(xa, xb) : null,
    meanDifference: pairs.length ? xa.reduce((s, v, i) => s + v - xb[i]!, 0) / pairs.length : NaN,
    perWorld,
  };
}
