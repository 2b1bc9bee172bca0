// Rank of a model's layer outputs over one batch (the trained-network half of ReXNet's
// analysis). Each activation [B, C, ...positions] is one sample per row per position, so
// it is flattened to a (B·positions) × C matrix: its rank is how many channel directions
// the layer actually uses on this data, at most min(B·positions, C). Layer 0 is the stem's
// output (block 0's input); layer i is block i−1's output. Works on any BlockNet (images,
// 1-D or 2-D detectors, MLPs) through forwardWithActivations.
import * as torch from '../../torch/index.js';
import type { BlockNet } from '../../models/index.js';
import { inEvalMode } from '../../nn/index.js';
import type { Target } from '../targets.js';
import { matrixRankCounts, DEFAULT_RTOL } from './measure.js';

export interface LayerRank {
  layer: number;
  /** "stem" or "block i" (the block whose output this is). */
  label: string;
  /** Per-sample shape [C, ...positions]. */
  shape: number[];
  /** Rows of the flattened matrix (batch × positions) and its columns (channels). */
  rows: number;
  channels: number;
  rank: number;
  exactRank: number;
  /** min(rows, channels). */
  maxRank: number;
  /** rank / maxRank. */
  normalised: number;
}

export interface LayerRanks {
  model: string;
  /** Samples in the batch. */
  batch: number;
  layers: LayerRank[];
}

/** (B·positions) × C view of a [B, C, ...] activation. */
function channelsLast(a: torch.Tensor): torch.Tensor {
  if (a.dim() < 2) throw new Error(`layer rank: activation of shape [${a.shape.join(', ')}] has no channel axis`);
  if (a.dim() === 2) return a;
  const order = [0, ...Array.from({ length: a.dim() - 2 }, (_, i) => i + 2), 1];
  return a.permute(order).reshape([-1, a.shape[1]]);
}

/** Rank of every layer output of `model` on the batch x (eval mode, no gradients). */
export function layerRanks(model: BlockNet, x: torch.Tensor, o: { rtol?: number } = {}): LayerRank[] {
  const rtol = o.rtol ?? DEFAULT_RTOL;
  return inEvalMode(model, () => torch.tidy(() => {
    const { activations } = model.forwardWithActivations(x);
    return activations.map((a, layer): LayerRank => {
      const m = channelsLast(a);
      const c = matrixRankCounts(m, rtol);
      return {
        layer, label: layer === 0 ? 'stem' : `block ${layer - 1}`, shape: a.shape.slice(1),
        rows: m.shape[0], channels: m.shape[1], rank: c.rank, exactRank: c.exactRank, maxRank: c.maxRank,
        normalised: c.maxRank ? c.rank / c.maxRank : 0,
      };
    });
  }));
}

/** Layer ranks of a loaded run on its probe batch `s` (training rows, seeded). */
export function modelLayerRanks(target: Pick<Target, 'name' | 'model' | 'probe'>, o: { rtol?: number; batchIndex?: number } = {}): LayerRanks {
  return torch.tidy(() => {
    const { x } = target.probe(o.batchIndex ?? 0);
    return { model: target.name, batch: x.shape[0], layers: layerRanks(target.model, x, o) };
  });
}
