// Loaded runs → ReportData. Runs sharing a method are seeds of it: the table shows their
// mean ± sd, the curves and top alerts come from the method's first seed (curves from
// different seeds cannot be averaged point by point), the alerts curve is averaged per k.
import type { LoadedRun, AnalysisFiles } from './load.js';
import type { AlertsCurve, ComparisonRow, MethodCurves, ReportData, ScenarioRecall, Stat, TopAlerts } from './types.js';
import { meanSd } from './format.js';

function groupByMethod(runs: LoadedRun[]): Map<string, LoadedRun[]> {
  const m = new Map<string, LoadedRun[]>();
  for (const r of runs) m.set(r.method, [...(m.get(r.method) ?? []), r]);
  return m;
}

/** mean ± sd of the runs' values, or undefined when no run has one. */
function over(runs: LoadedRun[], get: (r: LoadedRun) => number | undefined): Stat | undefined {
  const xs = runs.map(get).filter((x): x is number => x !== undefined && Number.isFinite(x));
  return xs.length ? meanSd(xs) : undefined;
}

function keyedStats(runs: LoadedRun[], keys: string[], get: (r: LoadedRun, k: string) => number | undefined): Record<string, Stat> | undefined {
  const out: Record<string, Stat> = {};
  for (const k of keys) {
    const s = over(runs, (r) => get(r, k));
    if (s) out[k] = s;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The detection rate at 5 % FPR, whichever way the key was written ("0.05", "0.050", "5%"). */
function drAt5(r: LoadedRun): number | undefined {
  const e = Object.entries(r.test?.detectionRate ?? {}).find(([k]) => Math.abs(Number(k.replace('%', '')) / (k.includes('%') ? 100 : 1) - 0.05) < 1e-9);
  return e?.[1];
}

function comparisonRow(method: string, runs: LoadedRun[]): ComparisonRow {
  const budgets = [...new Set(runs.flatMap((r) => Object.keys(r.test?.budgets ?? {})))];
  return {
    method,
    runs: runs.length,
    rocAuc: over(runs, (r) => r.test?.rocAuc),
    prAuc: over(runs, (r) => r.test?.averagePrecision),
    drAt5: over(runs, drAt5),
    recallAt: keyedStats(runs, budgets, (r, k) => r.test?.budgets[k]?.recall),
    caughtAt: keyedStats(runs, budgets, (r, k) => r.test?.budgets[k]?.insidersCaught),
    insidersTotal: runs.flatMap((r) => Object.values(r.test?.budgets ?? {}).map((b) => b.insidersTotal)).find((t) => t !== undefined),
    macs: runs.find((r) => r.macs !== undefined)?.macs,
    params: runs.find((r) => r.params !== undefined)?.params,
    trainSeconds: over(runs, (r) => r.trainSeconds),
  };
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

export function reportData(opts: { title: string; runs: LoadedRun[]; compare?: LoadedRun[]; analysis?: AnalysisFiles[]; generated?: string; sources?: string[] }): ReportData {
  const all = [...opts.runs, ...(opts.compare ?? [])];
  const methods = groupByMethod(all.filter((r) => r.test));
  const comparison = [...methods].map(([m, rs]) => comparisonRow(m, rs));
  const curves: MethodCurves[] = [...methods].flatMap(([m, rs]) => {
    const r = rs.find((x) => x.roc || x.pr);
    return r ? [{ method: m, roc: r.roc, pr: r.pr, prevalence: r.test?.prevalence }] : [];
  });
  const scenarios: ScenarioRecall[] = [...methods].flatMap(([m, rs]) => {
    const keys = [...new Set(rs.flatMap((r) => Object.keys(r.test?.perScenario ?? {})))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    const recall = keyedStats(rs, keys, (r, k) => r.test?.perScenario[k]);
    return recall ? [{ method: m, recall, measure: rs.find((r) => r.test)?.test?.perScenarioMeasure }] : [];
  });
  // One chart holds one measure: methods that report another one are left out of it.
  const scenarioMeasure = scenarios[0]?.measure;
  const sameMeasure = scenarios.filter((s) => s.measure === scenarioMeasure);
  const alerts = [...methods].map(([m, rs]) => alertsCurve(m, rs)).filter((a): a is AlertsCurve => a !== undefined);
  // Top alerts of the best method by PR-AUC: the ranking a reader would deploy.
  const best = [...comparison].filter((c) => methods.get(c.method)!.some((r) => r.topAlerts?.length)).sort((a, b) => (b.prAuc?.mean ?? 0) - (a.prAuc?.mean ?? 0))[0];
  const topAlerts: TopAlerts | undefined = best && { method: best.method, rows: methods.get(best.method)!.find((r) => r.topAlerts?.length)!.topAlerts! };
  const analysis = opts.analysis ?? [];
  const pick = <K extends keyof AnalysisFiles>(k: K) => analysis.map((a) => a[k]).filter((x): x is NonNullable<AnalysisFiles[K]> => x !== undefined);
  return {
    title: opts.title,
    generated: opts.generated,
    sources: opts.sources,
    dataset: all.find((r) => r.dataset)?.dataset,
    training: opts.runs.flatMap((r) => (r.members ? r.members.map((epochs, k) => ({ name: `${r.name} · member ${k}`, epochs })) : r.epochs.length ? [{ name: r.name, epochs: r.epochs }] : [])),
    comparison,
    scenarios: sameMeasure,
    curves,
    alerts,
    topAlerts,
    lesion: pick('lesion'),
    paths: pick('paths'),
    shattered: pick('shattered'),
    rank: pick('rank'),
    variants: pick('variants'),
  };
}
