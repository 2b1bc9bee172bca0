// The contest's sentences, each computed from the numbers it sits beside: which method
// leads and whether the lead is beyond what the worlds can resolve (Friedman at α = 0.05,
// then Nemenyi's critical difference), and whether a chosen pair differs (Wilcoxon
// signed-rank at α = 0.05 over world × seed pairs). "Too small to tell" is a verdict.
// Here rather than in src/contest so that the report, which may not import the contest's
// runtime, writes the same sentences from a contest.json; the inputs are structural, so
// src/contest's RankTable and Versus fit them as they are.

export type RankMetric = 'prAuc' | 'caught5';
export const METRIC_TEXT: Record<RankMetric, string> = { prAuc: 'PR-AUC', caught5: 'share of insiders caught at 5 alerts/day' };

export interface RankSummary {
  metric: RankMetric;
  /** Best first. */
  methods: string[];
  averageRanks: number[];
  worlds: string[];
  friedman: { pValue: number } | null;
  criticalDifference: number | null;
}

export interface PairSummary {
  a: string;
  b: string;
  metric: RankMetric;
  pairs: number;
  wilcoxon: { pValue: number; wins: number; ties: number; losses: number } | null;
  meanDifference: number;
  perWorld: { ci: { lo: number; hi: number } }[];
}

const ALPHA = 0.05;
const p = (x: number) => (x < 1e-4 ? x.toExponential(1) : x.toFixed(3));

export function rankVerdict(t: RankSummary): string {
  const what = METRIC_TEXT[t.metric];
  if (t.methods.length < 2 || !t.friedman) return `Too small to tell: ranks by ${what} need at least two methods on at least two worlds (${t.worlds.length} world(s) here).`;
  const [best, second] = [t.methods[0]!, t.methods[1]!];
  const lead = `${best} has the best average rank by ${what} (${t.averageRanks[0]!.toFixed(2)}, next ${second} at ${t.averageRanks[1]!.toFixed(2)})`;
  if (t.friedman.pValue >= ALPHA) return `${lead}, but the Friedman test finds no difference among the ${t.methods.length} methods over ${t.worlds.length} worlds (p = ${p(t.friedman.pValue)}): too small to tell.`;
  const cd = t.criticalDifference;
  if (cd === null) return `${lead}; the methods differ (Friedman p = ${p(t.friedman.pValue)}), and with more than 20 methods no critical difference is computed.`;
  const tied = t.methods.filter((_, i) => t.averageRanks[i]! - t.averageRanks[0]! < cd);
  if (tied.length === 1) return `${lead}; the methods differ (Friedman p = ${p(t.friedman.pValue)}) and ${best} is ahead of every other by more than the critical difference (${cd.toFixed(2)}).`;
  return `${lead}; the methods differ (Friedman p = ${p(t.friedman.pValue)}), but ${tied.length - 1} other(s) (${tied.slice(1).join(', ')}) are within the critical difference of ${cd.toFixed(2)} ranks: which of them leads is too small to tell.`;
}

export function pairVerdict(v: PairSummary): string {
  const what = METRIC_TEXT[v.metric];
  if (!v.wilcoxon || v.pairs < 2) return `Too small to tell: ${v.pairs} world × seed pair(s) of ${v.a} and ${v.b}.`;
  const w = v.wilcoxon;
  const excl = v.perWorld.filter((x) => x.ci.lo > 0 || x.ci.hi < 0).length;
  const worlds = `the paired interval excludes zero on ${excl} of ${v.perWorld.length} world(s)`;
  if (w.pValue >= ALPHA) return `${v.a} and ${v.b} cannot be told apart by ${what}: mean difference ${v.meanDifference.toFixed(3)}, Wilcoxon p = ${p(w.pValue)} over ${v.pairs} pairs; ${worlds}. Too small to tell.`;
  const [win, lose] = v.meanDifference > 0 ? [v.a, v.b] : [v.b, v.a];
  return `${win} beats ${lose} by ${what}: mean difference ${Math.abs(v.meanDifference).toFixed(3)}, Wilcoxon p = ${p(w.pValue)} over ${v.pairs} pairs (${w.wins}/${w.ties}/${w.losses} wins/ties/losses for ${v.a}); ${worlds}.`;
}

/**
 * One world, one seed: the leader of a table and the next method, with the paired 95 %
 * bootstrap interval of their PR-AUC difference over test users (the demo's last line).
 */
export function leadVerdict(lead: { method: string; prAuc: number }, next: { method: string; prAuc: number }, ci: { lo: number; hi: number }, testInsiders: number): string {
  const interval = `[${ci.lo.toFixed(3)}, ${ci.hi.toFixed(3)}]`;
  const numbers = `PR-AUC ${lead.prAuc.toFixed(3)} against ${next.prAuc.toFixed(3)}, ${testInsiders} test insiders`;
  if (ci.lo > 0) return `${lead.method} leads ${next.method} (${numbers}); the paired 95 % interval of the difference over test users, ${interval}, excludes zero, on this one world and seed.`;
  return `${lead.method} has the highest PR-AUC and ${next.method} the next (${numbers}); the paired 95 % interval of the difference over test users, ${interval}, includes zero: too small to tell on this world (reslab contest ranks methods over many).`;
}
