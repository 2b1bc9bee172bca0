// The contest (`reslab report --contest DIR`): average ranks over worlds with the Friedman
// test and Nemenyi's critical difference, drawn as a critical-difference diagram; each
// world's figures as dot plots with bootstrap whiskers; the chosen pair's per-world paired
// differences. Every finding sentence is src/eval/verdict.ts's, the contest's own.
import type { ContestData } from '../types.js';
import type { Block, Cell, Section } from '../html.js';
import { cdDiagram, dotPlot, seriesStyles, methodKind, KIND_SHORT, type SeriesStyle } from '../charts/index.js';
import { METRIC_TEXT, pairVerdict, rankVerdict, type RankMetric } from '../../eval/verdict.js';
import { chartBlock } from './chart.js';
import { HOW_TO_READ } from './howto.js';

type RankTable = ContestData['ranks'][number];

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const pval = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));
const ci = (lo: number, hi: number, d = 3) => (Number.isFinite(lo) && Number.isFinite(hi) ? `[${lo.toFixed(d)}, ${hi.toFixed(d)}]` : 'no interval');
const KIND_TEXT = { residual: 'residual', plain: 'plain twin', baseline: 'baseline' } as const;

/** Method styles shared by every contest chart, in order of the first rank table (best first). */
function contestStyles(c: ContestData): SeriesStyle[] {
  const order = c.ranks[0]?.methods ?? c.methods;
  return seriesStyles([...order, ...c.methods.filter((m) => !order.includes(m))]);
}

function testsText(t: RankTable): string {
  const parts: string[] = [];
  if (t.friedman) parts.push(`Friedman χ² = ${t.friedman.chiSquare.toFixed(2)}, p = ${pval(t.friedman.pValue)}; Iman–Davenport F = ${f3(t.friedman.imanDavenportF)}, p = ${Number.isFinite(t.friedman.imanDavenportP) ? pval(t.friedman.imanDavenportP) : '–'}.`);
  if (t.criticalDifference !== null) parts.push(`Nemenyi critical difference at α = 0.05: ${t.criticalDifference.toFixed(2)} ranks over ${t.worlds.length} world(s). Groups it cannot separate: ${t.cliques.map((g) => `{${g.join(', ')}}`).join(' ') || 'none (every pair differs)'}.`);
  return parts.join(' ');
}

async function rankBlocks(t: RankTable, styles: SeriesStyle[]): Promise<Block[]> {
  const what = METRIC_TEXT[t.metric];
  const best = t.averageRanks[0] ?? NaN;
  const cd = t.criticalDifference;
  const rows: Cell[][] = t.methods.map((m, i) => [i + 1, m, KIND_TEXT[methodKind(m)], f2(t.averageRanks[i]!), cd === null ? '–' : i === 0 ? 'best' : t.averageRanks[i]! - best < cd ? 'yes' : 'no']);
  const blocks: Block[] = [
    { kind: 'heading', text: `Average rank by ${what}` },
    { kind: 'table', columns: [{ label: 'rank', align: 'right' }, 'method', 'kind', { label: 'average rank', align: 'right' }, 'within CD of the best'], rows, caption: `Average rank over ${t.worlds.length} world(s) on which every method ran (1 = best; ties share the mean rank).` },
    { kind: 'paragraph', text: testsText(t) },
    { kind: 'paragraph', text: rankVerdict(t) },
  ];
  const ranked = t.methods.map((m, i) => ({ method: m, rank: t.averageRanks[i]! })).filter((m) => Number.isFinite(m.rank));
  if (ranked.length >= 2) {
    blocks.push(await chartBlock(cdDiagram({ title: `Critical-difference diagram: ${what}`, subtitle: `mean rank over ${t.worlds.length} world(s); thick bars join methods Nemenyi cannot separate`, methods: ranked, criticalDifference: cd, cliques: t.cliques, styles: styles.filter((s) => t.methods.includes(s.series)), rankTitle: 'average rank (1 = best)' })));
    blocks.push({ kind: 'paragraph', text: HOW_TO_READ.cd });
  }
  return blocks;
}

async function worldBlocks(c: ContestData, styles: SeriesStyle[], metric: RankMetric): Promise<Block[]> {
  const key = metric === 'prAuc' ? 'prAucCi' : 'caught5Ci';
  const data = c.perWorld.map((r) => ({ panel: r.world, label: r.method, value: r[metric].mean, lo: r[key].lo, hi: r[key].hi }));
  if (!data.length) return [];
  const what = METRIC_TEXT[metric];
  const spec = dotPlot({ title: `${what[0]!.toUpperCase()}${what.slice(1)} per world`, subtitle: `one panel per world; dot: mean over seeds ${c.seeds.join(', ')}; whisker: 95 % bootstrap interval (test users resampled); ${KIND_SHORT}`, valueTitle: metric === 'prAuc' ? 'PR-AUC (0–1)' : 'insiders caught at 5 alerts/day (fraction)', labelTitle: 'method', styles, data, valueDomain: [0, 1] });
  return [await chartBlock(spec), { kind: 'paragraph', text: metric === 'prAuc' ? HOW_TO_READ.worldDots : HOW_TO_READ.worldDotsAgain }];
}

function worldTable(c: ContestData): Block {
  const rows: Cell[][] = c.perWorld.map((r) => [r.world, r.method, `${f3(r.prAuc.mean)} ${ci(r.prAucCi.lo, r.prAucCi.hi)}`, `${f2(r.caught5.mean)} ${ci(r.caught5Ci.lo, r.caught5Ci.hi, 2)}`, f3(r.rocAuc.mean), r.drAt5 ? f3(r.drAt5.mean) : '–']);
  return { kind: 'table', columns: ['world', 'method', 'PR-AUC (95 % CI)', 'caught @ 5/day (95 % CI)', { label: 'ROC-AUC', align: 'right' }, { label: 'DR @ 5 % FPR', align: 'right' }], rows, caption: 'Each world\'s methods sorted by PR-AUC; figures are means over seeds, intervals 95 % bootstrap intervals of the seed mean resampling test users.' };
}

async function versusBlocks(v: NonNullable<ContestData['versus']>): Promise<Block[]> {
  const what = METRIC_TEXT[v.metric];
  const blocks: Block[] = [];
  const w = v.wilcoxon;
  if (w) blocks.push({ kind: 'paragraph', text: `Over ${v.pairs} world × seed pairs (${what}): mean difference ${v.a} − ${v.b} = ${f3(v.meanDifference)}; wins/ties/losses for ${v.a} ${w.wins}/${w.ties}/${w.losses}; Wilcoxon signed-rank p = ${pval(w.pValue)} (${w.method}).` });
  blocks.push({ kind: 'paragraph', text: pairVerdict(v) });
  if (v.perWorld.length) {
    const data = v.perWorld.map((p) => ({ label: p.world, value: p.difference, lo: p.ci.lo, hi: p.ci.hi }));
    blocks.push(await chartBlock(dotPlot({ title: `${v.a} − ${v.b}: paired difference per world`, subtitle: `${what}; dot: mean over seeds of the paired difference; whisker: paired 95 % bootstrap interval; dashed: no difference`, valueTitle: `${what} difference (${v.a} − ${v.b})`, labelTitle: 'world', data, reference: 0, keepOrder: true })));
    blocks.push({ kind: 'paragraph', text: HOW_TO_READ.versus(v.a, v.b) });
    blocks.push({ kind: 'table', columns: ['world', { label: 'difference (seed mean)', align: 'right' }, 'paired 95 % CI'], rows: v.perWorld.map((p) => [p.world, f3(p.difference), ci(p.ci.lo, p.ci.hi)]) });
  }
  return blocks;
}

/** Which methods ran at tuned settings, and with how many trials; the others ran at their defaults. */
function tuningText(c: ContestData): string {
  const t = Object.entries(c.tuning ?? {});
  if (t.length === 0) return '';
  return ` Tuned on a held-out world by validation PR-AUC (reslab tune): ${t.map(([m, n]) => `${m} (${n.trials} trials on ${n.world})`).join(', ')}; every other method ran at its defaults.`;
}

export async function contestSections(c: ContestData): Promise<Section[]> {
  const styles = contestStyles(c);
  const ranks: Section = {
    id: 'contest',
    heading: `Contest: ranks over worlds (suite ${c.suite})`,
    intro: `${c.worlds.length} world(s) × ${c.methods.length} method(s) × seeds ${c.seeds.join(', ')}, each method trained or fitted on Le et al.'s by-user-and-time split of every world. One world cannot separate close methods; average ranks over many worlds, with the Friedman test and Nemenyi's critical difference (Demšar 2006), can say whether a lead is real.${tuningText(c)}`,
    blocks: (await Promise.all(c.ranks.map((t) => rankBlocks(t, styles)))).flat(),
  };
  const worlds: Section = {
    id: 'contest-worlds',
    heading: 'Contest: each world',
    blocks: [
      ...(await worldBlocks(c, styles, 'prAuc')),
      ...(await worldBlocks(c, styles, 'caught5')),
      worldTable(c),
      { kind: 'table', columns: ['world', 'what it is', { label: 'user-days', align: 'right' }, { label: 'insiders', align: 'right' }, { label: 'test insiders per seed', align: 'right' }], rows: c.worlds.map((w) => [w.name, w.description, w.rows.toLocaleString('en-US'), w.insiders, w.testInsiders.toFixed(1)]) },
    ],
  };
  const out = [ranks, worlds];
  if (c.versus) out.push({ id: 'contest-versus', heading: `Contest: ${c.versus.a} against ${c.versus.b}`, blocks: await versusBlocks(c.versus) });
  return out;
}
