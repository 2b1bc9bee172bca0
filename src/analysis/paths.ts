// The unraveled view of a trained model (Veit et al. §3, §4.3): how many paths of each
// length it has, how much gradient a single path of each length carries to the input,
// and the total gradient each length contributes (magnitude × count). Veit et al. found,
// for a 54-block ResNet, nearly all gradient in paths of length 5–17 while most paths are
// 19–35 long: the effective paths are short.
import * as torch from '../torch/index.js';
import type { BlockNet } from '../models/index.js';
import { Rng } from '../util/rng.js';
import { blockPaths, massRange, pathCounts } from './pathCounts.js';
import { pathGradientNorm, type Probe } from './pathGradient.js';
import { sample } from './stats.js';
import { mean, sd } from '../util/stats.js';

export interface PathOptions {
  /** Measurements per length (each a random choice of blocks and probe batch `s`). */
  samples: number;
  seed: number;
  /** The probe batch for measurement s (the same batches for every length, so lengths compare paired). */
  probe: (s: number) => Probe;
  /** Share of the total gradient the reported range must hold. */
  share?: number;
  onStep?: (done: number, total: number) => void;
}

export interface PathsResult {
  model: string;
  blocks: number;
  /** Blocks with a shortcut (the ones a path may skip). */
  residualBlocks: number;
  lengths: { length: number; count: number }[];
  gradient: { length: number; mean: number; sd: number }[];
  contribution: { length: number; value: number }[];
  /** Shortest length range holding `share` of the total gradient contribution. */
  range90: [number, number];
  /** Shortest length range holding `share` of all paths, and the mean path length. */
  pathRange90: [number, number];
  meanPathLength: number;
  /** Mean length weighted by gradient contribution. */
  meanEffectiveLength: number;
  share: number;
}

export function analysePaths(model: BlockNet, modelName: string, o: PathOptions): PathsResult {
  const blocks = model.blocks();
  const counts = pathCounts(blocks.map(blockPaths));
  const residual = blocks.filter((b) => b.hasShortcut).map((b) => b.index);
  // Blocks without a shortcut are on every path: lengths start at their number.
  const fixed = blocks.length - residual.length;
  const share = o.share ?? 0.9;
  const total = (residual.length + 1) * o.samples;
  let done = 0;
  const gradient = Array.from({ length: residual.length + 1 }, (_, k) => {
    const vs = Array.from({ length: o.samples }, (_, s) => {
      const rng = new Rng(o.seed, 0x9a7, k, s);
      const chosen = new Set(sample(residual, k, (n) => rng.int(n)));
      // The probe's tensors are made inside the scope, so each measurement frees its own.
      const v = torch.tidy(() => pathGradientNorm(model, o.probe(s), chosen));
      o.onStep?.(++done, total);
      return v;
    });
    return { length: fixed + k, mean: mean(vs), sd: sd(vs) };
  });
  const lengths = counts.map((c, length) => ({ length, count: Number(c) })).filter((e) => e.length >= fixed);
  const contribution = gradient.map((g, i) => ({ length: g.length, value: g.mean * lengths[i].count }));
  const at = (r: [number, number]): [number, number] => [r[0] + fixed, r[1] + fixed];
  const totalCount = lengths.reduce((a, e) => a + e.count, 0);
  const totalContribution = contribution.reduce((a, e) => a + e.value, 0);
  return {
    model: modelName, blocks: blocks.length, residualBlocks: residual.length, lengths, gradient, contribution,
    range90: at(massRange(contribution.map((c) => c.value), share)),
    pathRange90: at(massRange(lengths.map((e) => e.count), share)),
    meanPathLength: lengths.reduce((a, e) => a + e.length * e.count, 0) / totalCount,
    meanEffectiveLength: contribution.reduce((a, e) => a + e.length * e.value, 0) / totalContribution,
    share,
  };
}
