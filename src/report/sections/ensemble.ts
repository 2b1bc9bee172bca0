// The "ResNets behave like ensembles" analyses, each model's result on shared axes so
// ResNet and its plain twin are read against each other: lesion (delete one block, delete
// k, reorder), path-length distribution and gradient per path length, shattered gradients,
// and the rank of layer outputs.
import type { LesionFigures, PathsFigures, ShatteredFigures, RankFigures } from '../types.js';
import type { Block, Section } from '../html.js';
import { lineChart, errorBarChart, scatterChart, histogramChart, type Reference } from '../charts/index.js';
import { chartBlock } from './chart.js';
import { lesionFinding, pathsFinding } from './findings.js';
import { HOW_TO_READ } from './howto.js';

export async function lesionSection(results: LesionFigures[]): Promise<Section> {
  const metric = results[0].metric;
  const blocks: Block[] = [];
  const mixed = new Set(results.map((r) => r.metric)).size > 1;
  if (mixed) blocks.push({ kind: 'paragraph', text: `Note: the models report different metrics (${[...new Set(results.map((r) => r.metric))].join(', ')}); the axis is labelled with the first.` });
  const baselines = results.filter((r) => r.baseline !== undefined).map((r) => ({ series: r.model, value: r.baseline! }));
  const single = results.flatMap((r) => (r.single ?? []).map((p) => ({ series: r.model, x: p.block, y: p.value })));
  if (single.length) {
    blocks.push(await chartBlock(lineChart({ title: 'Deleting one block', subtitle: 'each point: the model with that block removed (its shortcut kept); dashed: nothing removed', xTitle: 'deleted block (index)', yTitle: metric, xInteger: true, seriesTitle: 'model', methods: true, data: single, points: true, baselines })), { kind: 'paragraph', text: HOW_TO_READ.lesionSingle });
  }
  const k = results.flatMap((r) => (r.k ?? []).map((p) => ({ series: r.model, x: p.k, mean: p.mean, sd: p.sd })));
  if (k.length) blocks.push(await chartBlock(errorBarChart({ title: 'Deleting k blocks', subtitle: 'mean ± sd over random choices of blocks; dashed: nothing removed', xTitle: 'blocks deleted (k)', yTitle: metric, xInteger: true, seriesTitle: 'model', methods: true, data: k, baselines })), { kind: 'paragraph', text: HOW_TO_READ.lesionK });
  const re = results.flatMap((r) => (r.reorder ?? []).map((p) => ({ series: r.model, x: p.k, mean: p.mean, sd: p.sd })));
  if (re.length) blocks.push(await chartBlock(errorBarChart({ title: 'Reordering blocks', subtitle: 'mean ± sd over random swaps of same-shape blocks; dashed: original order', xTitle: 'pairs of blocks swapped (k)', yTitle: metric, xInteger: true, seriesTitle: 'model', methods: true, data: re, baselines })), { kind: 'paragraph', text: HOW_TO_READ.lesionReorder });
  const trials = results.flatMap((r) => (r.reorderTrials ?? []).map((t) => ({ series: r.model, x: t.tau, y: t.value })));
  if (trials.length) blocks.push(await chartBlock(scatterChart({ title: 'Metric against order disruption', subtitle: 'one point per reordering trial; τ = 1 is the original order', xTitle: 'Kendall τ, new vs original block order', yTitle: metric, seriesTitle: 'model', methods: true, data: trials })), { kind: 'paragraph', text: HOW_TO_READ.lesionTau });
  return {
    id: 'lesion',
    heading: 'Lesion study',
    intro: lesionFinding(results),
    blocks,
  };
}

export async function pathsSection(results: PathsFigures[]): Promise<Section> {
  const blocks: Block[] = [];
  const hist = results.flatMap((r) => r.lengths.map((l) => ({ value: l.length, weight: l.count, series: r.model })));
  if (hist.length) {
    blocks.push(await chartBlock(histogramChart({ title: 'Distribution of path lengths', subtitle: 'a path picks, at each block, the shortcut or the residual branch', valueTitle: 'path length (residual branches on the path)', countTitle: 'paths (count)', step: 1, discrete: true, seriesTitle: 'model', data: hist })), { kind: 'paragraph', text: HOW_TO_READ.pathLengths });
  }
  const grad = results.flatMap((r) => (r.gradient ?? []).map((g) => ({ series: r.model, x: g.length, y: g.mean })));
  if (grad.length) {
    const positive = grad.every((g) => g.y > 0);
    blocks.push(await chartBlock(lineChart({ title: 'Gradient magnitude by path length', subtitle: `mean norm of the input gradient through one path${positive ? '; log scale' : ''}`, xTitle: 'path length (residual branches on the path)', yTitle: 'gradient norm per path', yScale: positive ? 'log' : 'linear', xInteger: true, seriesTitle: 'model', methods: true, data: grad, points: true })), { kind: 'paragraph', text: HOW_TO_READ.pathGradient });
    // Total gradient per length = number of paths × gradient per path: where the training signal actually flows.
    const total = results.flatMap((r) => {
      const counts = new Map(r.lengths.map((l) => [l.length, l.count]));
      const raw = (r.gradient ?? []).filter((g) => counts.has(g.length)).map((g) => ({ x: g.length, y: g.mean * counts.get(g.length)! }));
      const sum = raw.reduce((s, p) => s + p.y, 0) || 1;
      return raw.map((p) => ({ series: r.model, x: p.x, y: p.y / sum }));
    });
    if (total.length) blocks.push(await chartBlock(lineChart({ title: 'Share of the total gradient by path length', subtitle: 'paths of each length × gradient per path, normalised to 1', xTitle: 'path length (residual branches on the path)', yTitle: 'share of total gradient (fraction)', xInteger: true, seriesTitle: 'model', methods: true, data: total, points: true })), { kind: 'paragraph', text: HOW_TO_READ.pathShare });
  }
  return { id: 'paths', heading: 'Paths and gradients by path length', intro: pathsFinding(results), blocks };
}

export async function shatteredSection(results: ShatteredFigures[]): Promise<Section> {
  const blocks: Block[] = [];
  const g = results.flatMap((r) => (r.gradients ?? []).map((p) => ({ series: r.model, x: p.x, y: p.value })));
  if (g.length) blocks.push(await chartBlock(lineChart({ title: 'Gradient along a line through input space', subtitle: 'd output / d input at evenly spaced points between two inputs', xTitle: 'position along the line (fraction)', yTitle: 'gradient (d output / d x)', seriesTitle: 'model', methods: true, data: g })), { kind: 'paragraph', text: HOW_TO_READ.shatteredLine });
  const ac = results.flatMap((r) => (r.autocorrelation ?? []).map((p) => ({ series: r.model, x: p.lag, y: p.value })));
  if (ac.length) blocks.push(await chartBlock(lineChart({ title: 'Autocorrelation of the gradient', subtitle: 'white noise falls to 0 (dashed) at lag 1; structured gradients decay slowly', xTitle: 'lag (steps along the input line)', yTitle: 'autocorrelation (−1 to 1)', xInteger: true, seriesTitle: 'model', methods: true, data: ac, points: ac.length <= 60, references: [[{ x: Math.min(...ac.map((d) => d.x)), y: 0 }, { x: Math.max(...ac.map((d) => d.x)), y: 0 }]] })), { kind: 'paragraph', text: HOW_TO_READ.shatteredAc });
  blocks.push(...await shatteredSeriesBlocks(results));
  return { id: 'shattered', heading: 'Shattered gradients', intro: 'In deep plain networks the gradient with respect to the input decorrelates into noise; shortcuts keep it structured (Balduzzi et al. 2017).', blocks };
}

/** The charts of `reslab shattered` files: correlation against depth, autocorrelation and gradient curves of the deepest nets. */
async function shatteredSeriesBlocks(results: ShatteredFigures[]): Promise<Block[]> {
  const files = results.filter((r) => r.series?.length);
  if (!files.length) return [];
  // Names repeat across files ("trained" in every run): prefix the model when there are several.
  const label = (r: ShatteredFigures, name: string) => (files.length > 1 ? `${r.model}: ${name}` : name);
  const all = files.flatMap((r) => r.series!.map((s) => ({ ...s, label: label(r, s.name) })));
  const deepest = [...new Map(all.map((s) => [s.label, s])).values()].map((s) => all.filter((t) => t.label === s.label).reduce((a, b) => (b.depth > a.depth ? b : a)));
  const noise = files.find((r) => r.whiteNoise !== undefined)?.whiteNoise;
  const band = noise !== undefined ? `; |r| < ${noise.toFixed(2)} is white noise` : '';
  const blocks: Block[] = [{
    kind: 'table', columns: ['net', { label: 'depth', align: 'right' }, { label: 'neighbour correlation', align: 'right' }, { label: '± sd', align: 'right' }, { label: 'seeds', align: 'right' }],
    rows: all.map((s) => [s.label, s.depth, s.neighbour.mean.toFixed(3), s.neighbour.sd.toFixed(3), s.neighbour.n]),
    caption: `correlation between neighbouring points' input gradients (lag-1 autocorrelation of the mean-subtracted gradient)${band}`,
  }];
  const claims = files.flatMap((r) => r.claims ?? []);
  if (claims.length) blocks.push({ kind: 'table', columns: ['claim', 'source', 'verdict', 'evidence'], rows: claims.map((c) => [c.claim, c.source, c.verdict, c.evidence]) });
  const byDepth = all.filter((s) => all.some((t) => t.label === s.label && t.depth !== s.depth));
  if (byDepth.length) {
    blocks.push(await chartBlock(errorBarChart({ title: 'Neighbour correlation against depth', subtitle: `mean ± sd over seeds; 1: smooth gradient, 0: white noise${band}`, xTitle: 'depth (hidden weight layers)', yTitle: 'lag-1 autocorrelation of the gradient', xInteger: true, seriesTitle: 'net', data: byDepth.map((s) => ({ series: s.label, x: s.depth, mean: s.neighbour.mean, sd: s.neighbour.sd })) })), { kind: 'paragraph', text: HOW_TO_READ.shatteredDepth });
  }
  const ac = deepest.flatMap((s) => s.autocorrelation.map((p) => ({ series: `${s.label} (${s.depth})`, x: p.lag, y: p.value })));
  if (ac.length) {
    const xs = ac.map((d) => d.x);
    blocks.push(await chartBlock(lineChart({ title: 'Autocorrelation of the gradient, deepest nets', subtitle: 'mean over seeds; depth in brackets; dashed: 0, white noise', xTitle: 'lag (steps along the sweep)', yTitle: 'autocorrelation (−1 to 1)', xInteger: true, seriesTitle: 'net (depth)', data: ac, points: false, references: [[{ x: Math.min(...xs), y: 0 }, { x: Math.max(...xs), y: 0 }]] })));
  }
  // One small chart per net: the curves differ in scale by orders of magnitude, so each is divided by its largest |value|.
  for (const s of deepest) {
    const top = Math.max(...s.gradients.map((p) => Math.abs(p.value))) || 1;
    blocks.push(await chartBlock(lineChart({ title: `Input gradient along the sweep: ${s.label}, depth ${s.depth}`, subtitle: `first seed; divided by its largest |value| (${top.toExponential(2)})`, xTitle: 'input (position along the sweep)', yTitle: 'gradient / max |gradient|', yDomain: [-1, 1], height: 120, seriesTitle: 'net', data: s.gradients.map((p) => ({ series: s.label, x: p.x, y: p.value / top })) })));
  }
  return blocks;
}

export async function rankSection(results: RankFigures[]): Promise<Section> {
  const blocks: Block[] = [];
  // Random layers: the same study in several files would repeat its series, so each file's are prefixed only when there are several.
  const withRandom = results.filter((r) => r.random?.length);
  const tag = (r: RankFigures, i: number) => (withRandom.length > 1 ? `${r.model ?? `file ${i + 1}`} · ` : '');
  const random = withRandom.flatMap((r, i) => r.random!.map((c) => ({ series: `${tag(r, i)}${c.nonlinearity}`, x: c.ratio, mean: c.mean, sd: c.sd })));
  if (random.length) {
    const measure = withRandom.find((r) => r.measure)?.measure;
    blocks.push(await chartBlock(errorBarChart({ title: 'Rank of a random layer f(XW) against its expansion ratio', subtitle: 'normalised rank, mean ± sd over random X and W; log x axis', xTitle: 'expansion ratio d_out / d_in', yTitle: 'normalised rank (rank / min(N, d_out))', xScale: 'log', xDomain: [Math.min(...random.map((d) => d.x)) / 1.25, Math.max(...random.map((d) => d.x)) * 1.25], yDomain: [0, 1.05], seriesTitle: 'nonlinearity', data: random })), { kind: 'paragraph', text: HOW_TO_READ.rankRandom });
    if (measure) blocks.push({ kind: 'paragraph', text: `Rank as counted here: ${measure}.` });
  }
  const claims = results.flatMap((r) => r.claims ?? []);
  if (claims.length) blocks.push({ kind: 'table', columns: ['claim', 'source', 'verdict', 'evidence'], rows: claims.map((c) => [c.claim, c.source, c.verdict, c.evidence]) });
  // Trained layers: rank over its own maximum (widths change by stage), so models of any width share the axis.
  const withLayers = results.filter((r) => r.layers?.length);
  const maxOf = (r: RankFigures, l: NonNullable<RankFigures['layers']>[number]) => l.maxRank ?? r.maxRank;
  const normalised = withLayers.every((r) => r.layers!.every((l) => maxOf(r, l)! > 0));
  const y = (r: RankFigures, l: NonNullable<RankFigures['layers']>[number], v: number) => (normalised ? v / maxOf(r, l)! : v);
  const data = withLayers.flatMap((r) => r.layers!.flatMap((l) => [
    { series: r.model ?? 'model', x: l.layer, y: y(r, l, l.rank) },
    ...(l.exactRank !== undefined ? [{ series: `${r.model ?? 'model'} (exact)`, x: l.layer, y: y(r, l, l.exactRank) }] : []),
  ]));
  if (data.length) {
    const xs = data.map((d) => d.x);
    const refs: Reference[] = normalised ? [[{ x: Math.min(...xs), y: 1 }, { x: Math.max(...xs), y: 1 }]] : [];
    blocks.push(await chartBlock(lineChart({
      title: 'Rank of layer outputs against their maximum',
      subtitle: normalised ? 'rank of the (batch·positions) × channels matrix after each layer over min(rows, channels); dashed: full rank; (exact): at libtorch\'s default tolerance' : 'rank of the batch × features matrix after each layer',
      xTitle: 'layer (0: stem, i: after block i−1)', yTitle: normalised ? 'rank / maximum rank' : 'rank (dimensions)', yDomain: normalised ? [0, 1.05] : undefined,
      xInteger: true, seriesTitle: 'model', methods: true, data, points: data.length <= 200, references: refs,
    })), { kind: 'paragraph', text: HOW_TO_READ.rankLayers });
  }
  return { id: 'rank', heading: 'Rank of layer outputs', intro: 'ReXNet (Han et al. 2021): an expanding layer cannot use all its width, and the nonlinearity decides how much rank it keeps; in a trained network, a layer far below its maximum rank is a representational bottleneck.', blocks };
}
