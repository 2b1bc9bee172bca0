// The member axis of an efficient ensemble (TabM): a model of k members (model.members)
// returns k output rows per input row, row b's members at b·k … b·k+k−1. Training gives
// each member its own loss on the same batch (the targets repeated per member, so a mean
// loss is the mean of the members' losses); everything that wants one score per row goes
// through `ensembleLogit` or `memberMean`. With k = 1 all three return their input, so a
// plain model's numbers are untouched to the last bit.
import { F, type Tensor } from '../torch/index.js';

/** [B, …] → [B·k, …]: each row repeated for its k members. */
export function perMember(t: Tensor, k: number): Tensor {
  if (k === 1) return t;
  const [b, ...rest] = t.shape;
  return t.unsqueeze(1).expand([b, k, ...rest]).reshape([b * k, ...rest]);
}

/** [B·k, …] → [B, …]: the mean over each row's members (scores that are not probabilities). */
export function memberMean(v: Tensor, k: number): Tensor {
  if (k === 1) return v;
  const [n, ...rest] = v.shape;
  return v.reshape([n / k, k, ...rest]).mean(1);
}

/**
 * Member logits [B·k] → the ensemble's logit [B]: the log-odds of the mean of the members'
 * probabilities (TabM averages probabilities, not logits), so its sigmoid is that mean:
 * log Σ σ(z_i) − log Σ (1 − σ(z_i)), each sum as a logsumexp of log-sigmoids.
 */
export function ensembleLogit(z: Tensor, k: number): Tensor {
  if (k === 1) return z;
  const m = z.reshape([z.shape[0] / k, k]);
  const logP = F.softplus(m.neg()).neg(), log1mP = F.softplus(m).neg();
  return logP.logsumexp(1).sub(log1mP.logsumexp(1));
}
