// Losses for the binary detector. 'weighted' scales the malicious class by the benign /
// malicious ratio (capped, so 5 insider days among 100 k do not make the loss a lottery);
// 'focal' (Lin et al. 2017) down-weights the easy benign majority instead.
import * as torch from '../torch/index.js';
import { Tensor, F } from '../torch/index.js';

export type Balance = 'none' | 'weighted' | 'sampler' | 'focal';
export const BALANCES: readonly Balance[] = ['none', 'weighted', 'sampler', 'focal'];

export interface LossOptions { balance: Balance; posWeight: number; focalGamma?: number; focalAlpha?: number }

export function detectionLoss(logits: Tensor, target: Tensor, o: LossOptions): Tensor {
  if (o.balance === 'weighted') return F.binaryCrossEntropyWithLogits(logits, target, { posWeight: torch.tensor([o.posWeight]) });
  if (o.balance === 'focal') {
    const gamma = o.focalGamma ?? 2, alpha = o.focalAlpha ?? 0.25;
    const ce = F.binaryCrossEntropyWithLogits(logits, target, { reduction: 'none' });
    const p = logits.sigmoid();
    const pt = p.mul(target).add(p.rsub(1).mul(target.rsub(1)));
    const at = target.mul(alpha).add(target.rsub(1).mul(1 - alpha));
    return at.mul(pt.rsub(1).pow(gamma)).mul(ce).mean();
  }
  return F.binaryCrossEntropyWithLogits(logits, target);
}

/** benign / malicious among the training rows, capped at `cap`. */
export function positiveWeight(labels: Int32Array, rows: Int32Array, cap = 100): number {
  let pos = 0;
  for (const r of rows) if (labels[r] > 0) pos++;
  return pos === 0 ? 1 : Math.min(cap, (rows.length - pos) / pos);
}
