// Loaded runs → ReportData. Runs sharing a method are seeds of it: the table is the one
// comparison aggregation of src/eval/compare.ts (mean ± sd over seeds, the rows that
// comparison.md and `reslab compare` print), the curves and top alerts come from the
// method's first seed (curves from different seeds cannot be averaged point by point), the
// alerts curve is averaged per k.
import type { LoadedRun, AnalysisFiles } from './load.js';
import type { AlertsCurve, ContestData, MethodCurves, ReportData, ScenarioRecall, TopAlerts } from './types.js';
import { compareResults } from '../eval/compare.js';
import { meanSd } from '../util/stats.js';

function groupByMethod(runs: LoadedRun[]): Map<string, LoadedRun[]> {
  const m = new Map<string, LoadedRun[]>();
  for (const r of runs) m.set(r.method, [...(m.get(r.method) ?? []), r]);
  return m;
}

function alertsCurve(method: string, runs: LoadedRun[]): AlertsCurve | undefined {
  const byK = new Map<number, number[]>();
  for (const r of runs) for (const p of r.alertsCurve ?? []) byK.set(p.k, [...(byK.get(p.k) ?? []), p.insidersCaught]);
  if (!byK.size) return undefined;
  const points = [...byK.entries()].sort((a, b) => a[0] - b[0]).map(([k, xs]) => {
    const s = meanSd(xs);
    return { k, insidersCaught: s.mean, sd: s.sd };
  });
  const total = runs.flatMap((r) => Object.values(r.test?.budgets ?? {}).map((b) => b.insidersTotal)).find((t) => t !== undefined);
  return { method, points, insidersTotal: total };
}

export function reportData(opts: { title: string; runs: LoadedRun[]; compare?: LoadedRun[]; analysis?: AnalysisFiles[]; contest?: ContestData; generated?: string; sources?: string[] }): ReportData {
  const all = [...opts.runs, ...(opts.compare ?? [])];
  const methods = groupByMethod(all.filter((r) => r.test));
  const comparison = compareResults(all);
  const curves: MethodCurves[] = [...methods].flatMap(([m, rs]) => {
    const r = rs.find((x) => x.roc || x.pr);
    return r ? [{ method: m, roc: r.roc, pr: r.pr, prevalence: r.test?.prevalence }] : [];
  });
  const scenarios: ScenarioRecall[] = comparison.flatMap((c) => Object.keys(c.perScenario).length
    ? [{ method: c.method, recall: c.perScenario, measure: methods.get(c.method)!.find((r) => r.test)?.test?.perScenarioMeasure }]
    : []);
  // One chart holds one measure: methods that report another one are left out of it.
  const scenarioMeasure = scenarios[0]?.measure;
  const sameMeasure = scenarios.filter((s) => s.measure === scenarioMeasure);
  const alerts = [...methods].map(([m, rs]) => alertsCurve(m, rs)).filter((a): a is AlertsCurve => a !== undefined);
  // Top alerts of the best method by PR-AUC: the ranking a reader would deploy.
  const best = [...comparison].filter((c) => methods.get(c.method)!.some((r) => r.topAlerts?.length)).sort((a, b) => (b.prAuc?.mean ?? 0) - (a.prAuc?.mean ?? 0))[0];
  const topAlerts: TopAlerts | undefined = best && { method: best.method, rows: methods.get(best.method)!.find((r) => r.topAlerts?.length)!.topAlerts! };
  const analysis = opts.analysis ?? [];
  const pick = <K extends keyof AnalysisFiles>(k: K) => analysis.map((a) => a[k]).filter((x): x is NonNullable<AnalysisFiles[K]> => x !== undefined);
  // Every chart of methods follows the table's order: best PR-AUC first.
  const rank = new Map(comparison.map((c, i) => [c.method, i]));
  const byRank = <T extends { method: string }>(xs: T[]) => [...xs].sort((a, b) => (rank.get(a.method) ?? Infinity) - (rank.get(b.method) ?? Infinity));
  return {
    title: opts.title,
    generated: opts.generated,
    sources: opts.sources,
    dataset: all.find((r) => r.dataset)?.dataset,
    training: opts.runs.flatMap((r) => (r.members ? r.members.map((epochs, k) => ({ name: `${r.name} · member ${k}`, epochs })) : r.epochs.length ? [{ name: r.name, epochs: r.epochs }] : [])),
    comparison,
    scenarios: byRank(sameMeasure),
    curves: byRank(curves),
    alerts: byRank(alerts),
    topAlerts,
    lesion: pick('lesion'),
    paths: pick('paths'),
    shattered: pick('shattered'),
    rank: pick('rank'),
    variants: pick('variants'),
    claims: [
      ...pick('veit').flatMap((v) => v.claims.map((c) => ({ ...c, study: `lesions and paths at depth (${v.budget})` }))),
      ...pick('variants').flatMap((v) => v.claims.map((c) => ({ ...c, study: `variant study${v.budget ? ` (${v.budget})` : ''}` }))),
      ...pick('shattered').flatMap((x) => (x.claims ?? []).map((c) => ({ ...c, study: 'shattered gradients' }))),
      ...pick('rank').flatMap((x) => (x.claims ?? []).map((c) => ({ ...c, study: 'layer rank' }))),
    ],
    contest: opts.contest,
  };
}
