// ReXNet's rank analysis (Han et al. 2021, "Rethinking Channel Dimensions for Efficient
// Model Design"): how much rank a single layer f(XW) keeps as its expansion ratio
// d_out/d_in and its nonlinearity f vary, averaged over random draws of X and W; and the
// rank of a trained model's layer outputs (layers in layers.ts, the paper's claims
// judged in claims.ts, the tables in format.ts).
//
// Normalised rank = rank / min(N, d_out), N the rows of X. With N ≥ d_out (the defaults)
// this is the paper's rank / d_out. Ranks are counted as measure.ts says.
import * as torch from '../../torch/index.js';
import { activationFn, type ActivationName } from '../../nn/activations.js';
import { hashKeys } from '../../util/rng.js';
import { countRank, DEFAULT_RTOL } from './measure.js';
import { mean, sd } from '../../util/stats.js';
import type { RankClaim } from './claims.js';
import type { LayerRanks } from './layers.js';

export { modelLayerRanks, layerRanks, type LayerRank, type LayerRanks } from './layers.js';

export const DEFAULT_NONLINEARITIES: ActivationName[] = ['relu', 'relu6', 'silu', 'elu', 'gelu', 'identity'];
export const DEFAULT_RATIOS = [0.5, 1, 2, 4, 8];

export interface RandomRankOptions {
  nonlinearities: ActivationName[];
  /** Expansion ratios d_out/d_in; d_out = round(ratio · d_in). */
  ratios: number[];
  dIn: number;
  /** Rows of X (samples). */
  n: number;
  trials: number;
  seed: number;
  /** Standard deviation of W's entries (X's are standard normal): pre-activations have sd √d_in · weightStd. */
  weightStd?: number;
  rtol?: number;
  onStep?: (done: number, total: number) => void;
}

export interface RandomRankCell {
  nonlinearity: ActivationName;
  ratio: number;
  dOut: number;
  /** Normalised rank at rtol, mean and sample sd over trials. */
  mean: number;
  sd: number;
  /** Normalised exact rank (libtorch's default tolerance), mean and sd over trials. */
  exactMean: number;
  exactSd: number;
  /** Normalised rank at rtol of each trial; trial t uses the same X and W for every nonlinearity. */
  values: number[];
}

export interface RandomRank {
  dIn: number;
  n: number;
  trials: number;
  seed: number;
  weightStd: number;
  rtol: number;
  cells: RandomRankCell[];
}

/** rank.json, as `reslab rank` writes it. */
export interface RankStudy {
  /** The rank rule and normalisation, in words. */
  measure: string;
  rtol: number;
  random?: RandomRank;
  claims?: RankClaim[];
  /** A trained model's layers (with --run). */
  model?: string;
  layers?: LayerRanks['layers'];
  /** Rows of the batch the layers were measured on. */
  batch?: number;
}

export function measureText(rtol: number): string {
  return `rank = number of singular values above ${rtol} × the largest; exact rank = above libtorch's default tolerance (largest × max(rows, cols) × float32 ε); ` +
    'random layers are normalised by min(N, d_out), model layers by min(rows, channels)';
}

function checkOptions(o: RandomRankOptions): void {
  const bad = (what: string) => { throw new Error(`randomLayerRank: ${what}`); };
  if (!o.nonlinearities.length) bad('nonlinearities is empty');
  for (const f of o.nonlinearities) activationFn(f);
  if (!o.ratios.length || o.ratios.some((r) => !(r > 0) || !Number.isFinite(r))) bad(`ratios must be positive numbers, got [${o.ratios.join(', ')}]`);
  for (const [k, v] of [['dIn', o.dIn], ['n', o.n], ['trials', o.trials]] as const) if (!Number.isInteger(v) || v < 1) bad(`${k} must be a positive integer, got ${v}`);
  const small = o.ratios.find((r) => Math.round(r * o.dIn) < 1);
  if (small !== undefined) bad(`ratio ${small} × d_in ${o.dIn} rounds to d_out 0`);
  if (o.weightStd !== undefined && !(o.weightStd > 0)) bad(`weightStd must be positive, got ${o.weightStd}`);
  const rtol = o.rtol ?? DEFAULT_RTOL;
  if (!(rtol >= 0 && rtol < 1)) bad(`rtol must be in [0, 1), got ${rtol}`);
}

/**
 * Normalised rank of f(XW) per nonlinearity and ratio, mean ± sd over trials. X (N × d_in)
 * and W (d_in × d_out) have Gaussian entries; each (d_out, trial) seeds its own draw, so a
 * cell's numbers do not depend on which other ratios or how many trials are run.
 */
export function randomLayerRank(o: RandomRankOptions): RandomRank {
  checkOptions(o);
  const rtol = o.rtol ?? DEFAULT_RTOL;
  const weightStd = o.weightStd ?? 1;
  const total = o.ratios.length * o.trials;
  let done = 0;
  const cells = o.ratios.flatMap((ratio) => {
    const dOut = Math.round(ratio * o.dIn);
    const per = o.nonlinearities.map(() => ({ rank: [] as number[], exact: [] as number[] }));
    for (let t = 0; t < o.trials; t++) {
      torch.manualSeed(hashKeys(o.seed, 0x4a4b, dOut, o.dIn, t));
      torch.noGrad(() => torch.tidy(() => {
        const x = torch.randn([o.n, o.dIn]);
        const w = torch.randn([o.dIn, dOut]).mul(weightStd);
        const z = x.matmul(w);
        o.nonlinearities.forEach((f, i) => {
          const sv = torch.svdvals(activationFn(f)(z)).dataSync() as Float32Array;
          const c = countRank(sv, o.n, dOut, rtol);
          per[i].rank.push(c.rank / c.maxRank);
          per[i].exact.push(c.exactRank / c.maxRank);
        });
      }));
      o.onStep?.(++done, total);
    }
    return o.nonlinearities.map((f, i): RandomRankCell => ({
      nonlinearity: f, ratio, dOut,
      mean: mean(per[i].rank), sd: sd(per[i].rank),
      exactMean: mean(per[i].exact), exactSd: sd(per[i].exact),
      values: per[i].rank,
    }));
  });
  return { dIn: o.dIn, n: o.n, trials: o.trials, seed: o.seed, weightStd, rtol, cells };
}
