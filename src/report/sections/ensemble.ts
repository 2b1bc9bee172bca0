// The "ResNets behave like ensembles" analyses, each model's result on shared axes so
// ResNet and its plain twin are read against each other: lesion (delete one block, delete
// k, reorder), path-length distribution and gradient per path length, shattered gradients,
// and the rank of layer outputs.
import type { LesionResult, PathsResult, ShatteredResult, RankResult } from '../types.js';
import type { Block, Section } from '../html.js';
import { lineChart, errorBarChart, scatterChart, histogramChart, type Reference } from '../charts/index.js';
import { chartBlock } from './chart.js';

export async function lesionSection(results: LesionResult[]): Promise<Section> {
  const metric = results[0].metric;
  const blocks: Block[] = [];
  const mixed = new Set(results.map((r) => r.metric)).size > 1;
  if (mixed) blocks.push({ kind: 'paragraph', text: `Note: the models report different metrics (${[...new Set(results.map((r) => r.metric))].join(', ')}); the axis is labelled with the first.` });
  const baselines = results.filter((r) => r.baseline !== undefined).map((r) => ({ series: r.model, value: r.baseline! }));
  const single = results.flatMap((r) => (r.single ?? []).map((p) => ({ series: r.model, x: p.block, y: p.value })));
  if (single.length) {
    blocks.push(await chartBlock(lineChart({ title: 'Deleting one block', subtitle: 'each point: the model with that block removed (its shortcut kept); dashed: nothing removed', xTitle: 'deleted block (index)', yTitle: metric, xInteger: true, seriesTitle: 'model', data: single, points: true, baselines })));
  }
  const k = results.flatMap((r) => (r.k ?? []).map((p) => ({ series: r.model, x: p.k, mean: p.mean, sd: p.sd })));
  if (k.length) blocks.push(await chartBlock(errorBarChart({ title: 'Deleting k blocks', subtitle: 'mean ± sd over random choices of blocks; dashed: nothing removed', xTitle: 'blocks deleted (k)', yTitle: metric, xInteger: true, seriesTitle: 'model', data: k, baselines })));
  const re = results.flatMap((r) => (r.reorder ?? []).map((p) => ({ series: r.model, x: p.k, mean: p.mean, sd: p.sd })));
  if (re.length) blocks.push(await chartBlock(errorBarChart({ title: 'Reordering blocks', subtitle: 'mean ± sd over random swaps of same-shape blocks; dashed: original order', xTitle: 'pairs of blocks swapped (k)', yTitle: metric, xInteger: true, seriesTitle: 'model', data: re, baselines })));
  const trials = results.flatMap((r) => (r.reorderTrials ?? []).map((t) => ({ series: r.model, x: t.tau, y: t.value })));
  if (trials.length) blocks.push(await chartBlock(scatterChart({ title: 'Metric against order disruption', subtitle: 'one point per reordering trial; τ = 1 is the original order', xTitle: 'Kendall τ, new vs original block order', yTitle: metric, seriesTitle: 'model', data: trials })));
  return {
    id: 'lesion',
    heading: 'Lesion study',
    intro: 'If a residual network acts as an ensemble of many paths, removing or reordering a block degrades it gently, while the same change breaks a plain network.',
    blocks,
  };
}

export async function pathsSection(results: PathsResult[]): Promise<Section> {
  const blocks: Block[] = [];
  const hist = results.flatMap((r) => r.lengths.map((l) => ({ value: l.length, weight: l.count, series: r.model })));
  if (hist.length) {
    blocks.push(await chartBlock(histogramChart({ title: 'Distribution of path lengths', subtitle: 'a path picks, at each block, the shortcut or the residual branch', valueTitle: 'path length (residual branches on the path)', countTitle: 'paths (count)', step: 1, discrete: true, seriesTitle: 'model', data: hist })));
  }
  const grad = results.flatMap((r) => (r.gradient ?? []).map((g) => ({ series: r.model, x: g.length, y: g.mean })));
  if (grad.length) {
    const positive = grad.every((g) => g.y > 0);
    blocks.push(await chartBlock(lineChart({ title: 'Gradient magnitude by path length', subtitle: `mean norm of the input gradient through one path${positive ? '; log scale' : ''}`, xTitle: 'path length (residual branches on the path)', yTitle: 'gradient norm per path', yScale: positive ? 'log' : 'linear', xInteger: true, seriesTitle: 'model', data: grad, points: true })));
    // Total gradient per length = number of paths × gradient per path: where the training signal actually flows.
    const total = results.flatMap((r) => {
      const counts = new Map(r.lengths.map((l) => [l.length, l.count]));
      const raw = (r.gradient ?? []).filter((g) => counts.has(g.length)).map((g) => ({ x: g.length, y: g.mean * counts.get(g.length)! }));
      const sum = raw.reduce((s, p) => s + p.y, 0) || 1;
      return raw.map((p) => ({ series: r.model, x: p.x, y: p.y / sum }));
    });
    if (total.length) blocks.push(await chartBlock(lineChart({ title: 'Share of the total gradient by path length', subtitle: 'paths of each length × gradient per path, normalised to 1', xTitle: 'path length (residual branches on the path)', yTitle: 'share of total gradient (fraction)', xInteger: true, seriesTitle: 'model', data: total, points: true })));
  }
  return { id: 'paths', heading: 'Paths and gradients by path length', intro: 'Most paths are of middle length, but the gradient reaching the input comes mainly through short ones: the effective network is much shallower than its depth.', blocks };
}

export async function shatteredSection(results: ShatteredResult[]): Promise<Section> {
  const blocks: Block[] = [];
  const g = results.flatMap((r) => (r.gradients ?? []).map((p) => ({ series: r.model, x: p.x, y: p.value })));
  if (g.length) blocks.push(await chartBlock(lineChart({ title: 'Gradient along a line through input space', subtitle: 'd output / d input at evenly spaced points between two inputs', xTitle: 'position along the line (fraction)', yTitle: 'gradient (d output / d x)', seriesTitle: 'model', data: g })));
  const ac = results.flatMap((r) => (r.autocorrelation ?? []).map((p) => ({ series: r.model, x: p.lag, y: p.value })));
  if (ac.length) blocks.push(await chartBlock(lineChart({ title: 'Autocorrelation of the gradient', subtitle: 'white noise falls to 0 (dashed) at lag 1; structured gradients decay slowly', xTitle: 'lag (steps along the input line)', yTitle: 'autocorrelation (−1 to 1)', xInteger: true, seriesTitle: 'model', data: ac, points: ac.length <= 60, references: [[{ x: Math.min(...ac.map((d) => d.x)), y: 0 }, { x: Math.max(...ac.map((d) => d.x)), y: 0 }]] })));
  return { id: 'shattered', heading: 'Shattered gradients', intro: 'In deep plain networks the gradient with respect to the input decorrelates into noise; shortcuts keep it structured.', blocks };
}

export async function rankSection(results: RankResult[]): Promise<Section> {
  const data = results.flatMap((r) => r.layers.map((l) => ({ series: r.model, x: l.layer, y: l.rank })));
  const xs = data.map((d) => d.x);
  const maxRank = results.find((r) => r.maxRank !== undefined)?.maxRank;
  const refs: Reference[] = maxRank !== undefined ? [[{ x: Math.min(...xs), y: maxRank }, { x: Math.max(...xs), y: maxRank }]] : [];
  const spec = lineChart({ title: 'Rank of layer outputs', subtitle: `numerical rank of the batch × features matrix after each layer${maxRank !== undefined ? `; dashed: full rank (${maxRank})` : ''}`, xTitle: 'layer (index from input)', yTitle: 'rank (dimensions)', xInteger: true, seriesTitle: 'model', data, points: data.length <= 200, references: refs });
  return { id: 'rank', heading: 'Rank of layer outputs', intro: 'A collapsing rank means deep layers lose information about the input; shortcuts carry it forward.', blocks: [await chartBlock(spec)] };
}
