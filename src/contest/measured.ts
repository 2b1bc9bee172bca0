// What the last recorded contest measured for each method: its average ranks, MACs and
// fit time. `reslab recipes` prints it beside each recipe's options, and the headline
// recipe is chosen from it, so the tool's "best" is a measured claim with a date, not a
// name someone typed. bench:contest --record rewrites the file from a finished contest.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../util/atomic.js';
import type { ContestResult } from './run.js';

export interface MeasuredMethod {
  /** Average rank by PR-AUC over the suite's worlds (1 = best). */
  rankPrAuc: number;
  /** Average rank by the share of insiders caught at 5 alerts/day. */
  rankCaught5: number;
  /** Mean over worlds of the seed-mean PR-AUC. */
  prAuc: number;
  /** Multiply-accumulates per user-day (residual models), mean over worlds. */
  macs: number | null;
  fitSeconds: number | null;
  epochSeconds: number | null;
}

export interface MeasuredContest {
  suite: string;
  seeds: number[];
  worlds: string[];
  /** The day the contest was recorded (YYYY-MM-DD). */
  recorded: string;
  /** Every method ranked in that contest: a rank means something only among these. */
  methods: Record<string, MeasuredMethod>;
}

/** The committed record beside this file. */
export const MEASURED_FILE = fileURLToPath(new URL('./measured.json', import.meta.url));

function mean(xs: (number | null | undefined)[]): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

export function measuredFromContest(c: ContestResult, recorded = new Date().toISOString().slice(0, 10)): MeasuredContest {
  const rankOf = (metric: string, m: string) => {
    const t = c.ranks.find((r) => r.metric === metric);
    const i = t ? t.methods.indexOf(m) : -1;
    return i >= 0 ? t!.averageRanks[i]! : NaN;
  };
  const methods: Record<string, MeasuredMethod> = {};
  for (const m of c.methods) {
    const rows = c.perWorld.filter((r) => r.method === m);
    methods[m] = {
      rankPrAuc: rankOf('prAuc', m),
      rankCaught5: rankOf('caught5', m),
      prAuc: mean(rows.map((r) => r.prAuc.mean)) ?? NaN,
      macs: mean(rows.map((r) => r.macs)),
      fitSeconds: mean(rows.map((r) => r.fitSeconds?.mean)),
      epochSeconds: mean(rows.map((r) => r.epochSeconds?.mean)),
    };
  }
  return { suite: c.suite, seeds: c.seeds, worlds: c.worlds.map((w) => w.name), recorded, methods };
}

export function writeMeasured(m: MeasuredContest, file = MEASURED_FILE): void {
  writeFileAtomic(file, JSON.stringify(m, null, 2) + '\n');
}

export function readMeasured(file = MEASURED_FILE): MeasuredContest | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MeasuredContest) : null;
}

/**
 * The best residual recipe of a record: the lowest average PR-AUC rank among the methods
 * that `isRecipe` accepts (ties: the lower insider-catch rank, then the name).
 */
export function bestRecipe(m: MeasuredContest, isRecipe: (name: string) => boolean): string | null {
  const names = Object.keys(m.methods).filter(isRecipe);
  names.sort((a, b) => m.methods[a]!.rankPrAuc - m.methods[b]!.rankPrAuc || m.methods[a]!.rankCaught5 - m.methods[b]!.rankCaught5 || a.localeCompare(b));
  return names[0] ?? null;
}
