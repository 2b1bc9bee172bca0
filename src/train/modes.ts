// What a detector's score is, per training mode:
// - supervised:  the logit of "malicious" (probability = sigmoid), trained on the labels;
// - autoencoder: reconstruction error of the user-day's own normalised features (the base
//   row) from the layout's input, trained without labels;
// - svdd:        Deep SVDD (Ruff et al. 2018): squared distance of a 32-d embedding from a
//   fixed centre, trained without labels to pull normal days in. The centre is fixed (all
//   ones) rather than the mean of the first forward pass, so nothing about it needs saving.
// `rowScores` is differentiable in the input, so explanations use it too. A model of k
// efficient-ensemble members gives k outputs per row: the score is the members' mean
// probability (as a logit) when supervised, the mean of their scores otherwise.
import * as torch from '../torch/index.js';
import type { Tensor } from '../torch/index.js';
import type { BlockNet } from '../models/index.js';
import type { BoundLayout } from '../layout/layout.js';
import { evalBatches } from '../nn/index.js';
import { rowsTensor } from './predict.js';
import { ensembleLogit, memberMean, perMember } from './members.js';

export type Mode = 'supervised' | 'autoencoder' | 'svdd';
export const MODES: readonly Mode[] = ['supervised', 'autoencoder', 'svdd'];
const SVDD_DIM = 32;

/** Model outputs for a mode; `baseWidth` is the values per base row (C·f), the autoencoder's target. */
export function outputsFor(mode: Mode, baseWidth: number): number {
  return mode === 'supervised' ? 1 : mode === 'svdd' ? SVDD_DIM : baseWidth;
}

/** One score per sample from the output of a model of `members` members, higher = more suspicious (before any squashing). */
export function scoreOfOutput(mode: Mode, y: Tensor, base: () => Tensor, members = 1): Tensor {
  if (mode === 'supervised') return ensembleLogit(y.select(1, 0), members);
  if (mode === 'autoencoder') return memberMean(y.sub(perMember(base(), members)).pow(2).mean(1), members);
  return memberMean(y.sub(1).pow(2).sum(1), members);
}

export function rowScores(mode: Mode, model: BlockNet, x: Tensor, base: () => Tensor): Tensor {
  return scoreOfOutput(mode, model.forward(x), base, model.members);
}

/** Scores rows in eval mode without autograd; supervised scores are probabilities. */
export function scoreRows(mode: Mode, model: BlockNet, layout: BoundLayout, rows: Int32Array, batch = 2048): Float32Array {
  const out = new Float32Array(rows.length);
  evalBatches(model, rows.length, batch, (s, e) => {
    const part = rowsTensor(rows.subarray(s, e));
    let v = rowScores(mode, model, layout.batch(part), () => layout.base(part));
    if (mode === 'supervised') v = v.sigmoid();
    out.set(v.contiguous().dataSync() as Float32Array, s);
  });
  return out;
}
