// The detection results: ROC and PR curves, the comparison table, recall per scenario,
// insiders caught against the analyst's daily alert budget, and the top-ranked user-days.
import type { MethodCurves, ComparisonRow, ScenarioRecall, AlertsCurve, TopAlerts } from '../types.js';
import type { Block, Cell, Column, Section } from '../html.js';
import { lineChart, dotPlot, stackedBarChart, legendGroups, seriesStyles, KIND_SHORT, type Reference } from '../charts/index.js';
import { HOW_TO_READ } from './howto.js';
import { fixed, si } from '../format.js';
import { formatStat, type Stat } from '../../util/stats.js';
import { prAucCell } from '../../eval/compare.js';
import { thinCurve } from '../thin.js';
import { chartBlock } from './chart.js';

export async function curvesSection(curves: MethodCurves[]): Promise<Section> {
  const blocks: Block[] = [];
  const roc = curves.filter((c) => c.roc);
  // More methods than a legend can keep apart: one chart per group (residual models with their twins, then baselines).
  for (const g of legendGroups(roc.map((c) => c.method))) {
    const data = roc.filter((c) => g.methods.includes(c.method)).flatMap((c) => thinCurve(c.roc!.fpr, c.roc!.tpr).map((p) => ({ series: c.method, ...p })));
    const chance: Reference = [{ x: 0, y: 0 }, { x: 1, y: 1 }];
    blocks.push(await chartBlock(lineChart({ title: `ROC curve (test split)${g.label}`, subtitle: 'rates are fractions of benign and of malicious user-days; grey dashed: random ranking', xTitle: 'false-positive rate (fraction)', yTitle: 'true-positive rate (fraction)', xDomain: [0, 1], yDomain: [0, 1], seriesTitle: 'method', methods: true, data, references: [chance], height: 340 })));
  }
  if (roc.length) blocks.push({ kind: 'paragraph', text: HOW_TO_READ.roc });
  const pr = curves.filter((c) => c.pr);
  const prevalence = curves.find((c) => c.prevalence !== undefined)?.prevalence;
  for (const g of legendGroups(pr.map((c) => c.method))) {
    const data = pr.filter((c) => g.methods.includes(c.method)).flatMap((c) => thinCurve(c.pr!.recall, c.pr!.precision).map((p) => ({ series: c.method, ...p })));
    const refs: Reference[] = prevalence !== undefined ? [[{ x: 0, y: prevalence }, { x: 1, y: prevalence }]] : [];
    const subtitle = `precision: fraction of alerts that are malicious; recall: fraction of malicious user-days found${prevalence !== undefined ? `; grey dashed: random ranking (prevalence ${prevalence.toPrecision(2)})` : ''}`;
    blocks.push(await chartBlock(lineChart({ title: `Precision–recall curve (test split)${g.label}`, subtitle, xTitle: 'recall (fraction)', yTitle: 'precision (fraction)', xDomain: [0, 1], yDomain: [0, 1], seriesTitle: 'method', methods: true, data, references: refs, height: 340 })));
  }
  if (pr.length) blocks.push({ kind: 'paragraph', text: HOW_TO_READ.pr });
  return { id: 'curves', heading: 'ROC and precision–recall curves', intro: 'With a few malicious user-days among hundreds of thousands, the PR curve is the honest view; ROC-AUC looks good for almost any detector.', blocks };
}

export async function comparisonSection(rows: ComparisonRow[], scenarios?: ScenarioRecall[]): Promise<Section> {
  const budgets = [...new Set(rows.flatMap((r) => Object.keys({ ...r.recallAt, ...r.caughtAt })))].sort((a, b) => Number(a) - Number(b));
  const num = (label: string): Column => ({ label, align: 'right' });
  const columns: Column[] = [
    { label: 'method' },
    num('runs'),
    num('ROC-AUC'),
    num('PR-AUC'),
    num('DR @ 5 % FPR'),
    // Recall and insiders caught share a column per budget, on two lines, so the table fits a laptop column.
    ...budgets.map((b) => num(`top ${b}/day\nrecall / caught`)),
    num('MACs / sample'),
    num('train time (s)'),
  ];
  const table: Cell[][] = rows.map((r) => [
    r.method,
    r.runs,
    formatStat(r.rocAuc),
    prAucCell(r),
    formatStat(r.drAt5),
    ...budgets.map((b) => {
      const c = r.caughtAt?.[b];
      const caught = c && `${c.n > 1 ? `${c.mean.toFixed(1)} ± ${c.sd.toFixed(1)}` : c.mean.toFixed(0)}${r.insidersTotal ? ` / ${r.insidersTotal}` : ''}`;
      const recall = formatStat(r.recallAt?.[b], 2);
      return recall || caught ? [recall ?? '–', caught ?? '–'].join('\n') : undefined;
    }),
    si(r.macs),
    formatStat(r.trainSeconds, 1),
  ]);
  const blocks: Block[] = [{ kind: 'table', columns, rows: table, caption: 'Test-split results; mean ± sd over seeds where a method has several runs; a single run\'s PR-AUC with its 95 % bootstrap interval over test users.' }];
  // Rows arrive sorted by PR-AUC (src/eval/compare.ts); every panel keeps that order.
  const order = rows.map((r) => r.method);
  const styles = seriesStyles(order);
  const spread = (v: Stat) => (v.n > 1 ? { lo: Math.max(0, v.mean - v.sd), hi: Math.min(1, v.mean + v.sd) } : {});
  const metrics: [string, 'rocAuc' | 'prAuc' | 'drAt5'][] = [['PR-AUC', 'prAuc'], ['ROC-AUC', 'rocAuc'], ['DR @ 5 % FPR', 'drAt5']];
  // A single run's PR-AUC whisker is its bootstrap interval over test users; several runs', the sd over seeds.
  const whisker = (r: ComparisonRow, k: 'rocAuc' | 'prAuc' | 'drAt5') => (k === 'prAuc' && r.prAucCi && r.runs === 1 ? r.prAucCi : spread(r[k]!));
  const dots = rows.flatMap((r) => metrics.filter(([, k]) => r[k]).map(([label, k]) => ({ panel: label, label: r.method, value: r[k]!.mean, ...whisker(r, k) })));
  if (dots.length) {
    blocks.push(await chartBlock(dotPlot({ title: 'Ranking quality by method', subtitle: `methods in order of PR-AUC; dot: mean over seeds; whisker: ± 1 sd over seeds, or for a single run's PR-AUC its 95 % bootstrap interval over test users; ${KIND_SHORT}`, valueTitle: 'score (0–1, higher is better)', labelTitle: 'method', styles, data: dots, valueDomain: [0, 1], keepOrder: true })));
    blocks.push({ kind: 'paragraph', text: HOW_TO_READ.ranking });
  }
  const sc = (scenarios ?? []).flatMap((s) => Object.entries(s.recall).map(([scenario, v]) => ({ panel: `scenario ${scenario}`, label: s.method, value: v.mean, ...spread(v) })));
  if (sc.length) {
    blocks.push(await chartBlock(dotPlot({ title: 'Detection per insider scenario', subtitle: `one panel per CERT scenario, methods in order of PR-AUC; whisker: ± 1 sd over seeds; ${KIND_SHORT}`, valueTitle: scenarios?.[0].measure ?? 'recall (fraction)', labelTitle: 'method', styles: seriesStyles(order.filter((m) => sc.some((d) => d.label === m))), data: sc, valueDomain: [0, 1], keepOrder: true })));
    blocks.push({ kind: 'paragraph', text: HOW_TO_READ.scenarios });
  }
  return { id: 'comparison', heading: 'Comparison of methods', intro: 'Every method on the same split with the same metrics. DR @ 5 % FPR is the detection rate when 5 % of benign user-days are flagged; top k/day gives recall and insiders caught when an analyst reads the k highest-scoring user-days of each day.', blocks };
}

export async function alertsSection(curves: AlertsCurve[]): Promise<Section> {
  const data = curves.flatMap((c) => c.points.map((p) => ({ series: c.method, x: p.k, y: p.insidersCaught })));
  const total = curves.find((c) => c.insidersTotal)?.insidersTotal;
  const maxK = Math.max(...data.map((d) => d.x));
  const refs: Reference[] = total ? [[{ x: Math.min(...data.map((d) => d.x)), y: total }, { x: maxK, y: total }]] : [];
  const few = Math.max(...curves.map((c) => c.points.length)) <= 25;
  const blocks: Block[] = [];
  for (const g of legendGroups(curves.map((c) => c.method))) {
    const part = data.filter((d) => g.methods.includes(d.series));
    blocks.push(await chartBlock(lineChart({ title: `Insiders caught against daily alert budget${g.label}`, subtitle: total ? `grey dashed: all ${total} insiders in the test split` : undefined, xTitle: 'alerts read per day (k)', yTitle: 'insiders caught (count)', yDomain: [0, Math.max(total ?? 0, ...data.map((d) => d.y))], xInteger: true, seriesTitle: 'method', methods: true, data: part, references: refs, points: few })));
  }
  blocks.push({ kind: 'paragraph', text: HOW_TO_READ.alerts });
  return {
    id: 'alerts',
    heading: 'Insiders caught against alerts per day',
    intro: 'An insider counts as caught when any of their malicious user-days is among the top k alerts of that day: what an analyst with time for k alerts a day would find.',
    blocks,
  };
}

export async function topAlertsSection(top: TopAlerts, limit = 20): Promise<Section> {
  const rows = top.rows.slice(0, limit);
  const domains = [...new Set(rows.flatMap((r) => Object.keys(r.contributions ?? {})))];
  const table: Cell[][] = rows.map((r, i) => [i + 1, r.user, r.day, fixed(r.score), r.insider ? `scenario ${r.insider}` : 'no', ...domains.map((d) => fixed(r.contributions?.[d]))]);
  const columns: (string | Column)[] = [{ label: 'rank', align: 'right' }, 'user', 'day', { label: 'score', align: 'right' }, 'insider', ...domains.map((d) => ({ label: d, align: 'right' as const }))];
  const blocks: Block[] = [{ kind: 'table', columns, rows: table, caption: `Top ${rows.length} user-days ranked by ${top.method}; domain columns are each log domain's share of the score.` }];
  const parts = rows.flatMap((r, i) => domains.map((d) => ({ item: `${i + 1}. ${r.user} ${r.day}${r.insider ? ' ★' : ''}`, part: d, value: r.contributions?.[d] ?? 0 })));
  if (domains.length) blocks.push(await chartBlock(stackedBarChart({ title: 'Per-domain contributions to the top alerts', subtitle: '★ marks a malicious user-day', itemTitle: 'user-day (rank, user, day)', valueTitle: 'contribution to the score (score units)', partTitle: 'log domain', data: parts })));
  return { id: 'top-alerts', heading: 'Top-ranked user-days', intro: 'Which log domains drove each of the highest-scoring user-days.', blocks };
}
