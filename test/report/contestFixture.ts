// A contest.json written from code: four worlds, a residual recipe with its plain twin and
// two baselines, two seeds. Ranks, Friedman and Nemenyi come from src/contest's own
// rankTable, so the fixture's statistics are the real ones for these figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankTable, type WorldRow } from '../../src/contest/aggregate.js';
import type { ContestResult } from '../../src/contest/run.js';

export const CONTEST_METHODS = ['mlp-best', 'mlp-best-plain', 'xgboost', 'zscore'];
const STRENGTH: Record<string, number> = { 'mlp-best': 0.62, 'mlp-best-plain': 0.5, xgboost: 0.58, zscore: 0.2 };
const stat = (mean: number) => ({ mean, sd: 0.03, n: 2 });

export function contestResult(): ContestResult {
  const worlds = ['w1', 'w2', 'w3', 'w4'];
  const perWorld: WorldRow[] = worlds.flatMap((world, w) => CONTEST_METHODS.map((method) => {
    const pr = STRENGTH[method]! - 0.05 * w + (method === 'xgboost' && w % 2 ? 0.06 : 0);
    return {
      world, method, seeds: [1, 2], rocAuc: stat(0.7 + pr / 3), prAuc: stat(pr), drAt1: stat(pr / 2), drAt5: stat(pr), caught5: stat(Math.min(1, pr + 0.3)), caught20: null, userPrAuc: null,
      insiders: 18, prAucCi: { lo: pr - 0.08, hi: pr + 0.08 }, caught5Ci: method === 'zscore' ? { lo: NaN, hi: NaN } : { lo: pr + 0.2, hi: Math.min(1, pr + 0.4) },
      macs: method.startsWith('mlp') ? 12_000 : null, fitSeconds: stat(3), epochSeconds: null,
    };
  }).sort((a, b) => b.prAuc.mean - a.prAuc.mean));
  return {
    suite: 'fixture', methods: CONTEST_METHODS, seeds: [1, 2],
    worlds: worlds.map((name) => ({ name, description: `generated world ${name}`, rows: 5000, insiders: 45, testInsiders: 18 })),
    perWorld,
    ranks: (['prAuc', 'caught5'] as const).map((m) => rankTable(perWorld, CONTEST_METHODS, m)),
    versus: {
      a: 'mlp-best', b: 'mlp-best-plain', metric: 'prAuc', pairs: 8,
      wilcoxon: { statistic: 0, rPlus: 36, rMinus: 0, pValue: 0.0078125, method: 'exact', z: null, wins: 8, ties: 0, losses: 0 },
      meanDifference: 0.12, perWorld: worlds.map((world, i) => ({ world, difference: 0.12, ci: { lo: i === 0 ? -0.01 : 0.04, hi: 0.2 } })),
    },
    cells: { ran: 32, cached: 0 }, seconds: 12,
  };
}

/** Writes DIR/contest.json as `reslab contest` does (NaN becomes null); returns DIR. */
export function writeContestDir(dir: string, edit?: (json: Record<string, unknown>) => void): string {
  mkdirSync(dir, { recursive: true });
  const json = JSON.parse(JSON.stringify(contestResult()));
  edit?.(json);
  writeFileSync(join(dir, 'contest.json'), JSON.stringify(json, null, 2));
  return dir;
}
