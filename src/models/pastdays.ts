// The past tower of the two-tower history detector: a learned summary of a user's
// previous days, read against today. Every past day goes through the same small
// projection, so "today minus the typical past day" is a difference in one learned space
// (a learned user deviation) rather than in raw features. Absent days (before the user's
// first row) and days dropped by time-dropout are masked out of every summary, so neither
// padding nor a missing day reads as a day of zeros.
import * as torch from '../torch/index.js';
import { Tensor } from '../torch/index.js';
import { Module, Linear, Conv1d } from '../nn/index.js';

export type PastEncoderKind = 'pool' | 'conv';

/**
 * Time-dropout: each past day of each sample is dropped whole with probability p while
 * training, so the model cannot key on one particular past day (the few training insiders'
 * pasts are otherwise easy to memorise). Not rescaled: the summaries are means and maxima
 * over the days that remain, which need no correction. Identity in eval mode.
 */
export function dropDays(mask: Tensor, p: number, training: boolean): Tensor {
  if (!training || p <= 0) return mask;
  return mask.mul(torch.rand(mask.shape).ge(p).to(mask.dtype));
}

export class PastEncoder extends Module {
  declare day: Linear;
  declare conv: Conv1d | undefined;
  /** Width of the summary `forward` returns. */
  readonly width: number;
  constructor(readonly inFeatures: number, readonly embed: number, readonly kind: PastEncoderKind) {
    super();
    this.registerModule('day', new Linear(inFeatures, embed));
    // A shallow temporal convolution: what a day means can depend on its neighbours (a burst).
    if (kind === 'conv') this.registerModule('conv', new Conv1d(embed, embed, 3, { padding: 1 }));
    // mean, max, today − mean, share of past days present
    this.width = embed * 3 + 1;
  }

  /** `past` [B, P, D] oldest first, `mask` [B, P] (1 = a real day), `today` [B, D] → [B, width]. */
  forward(past: Tensor, mask: Tensor, today: Tensor): Tensor {
    const P = past.shape[1];
    const m = mask.unsqueeze(2);
    let e = this.day.forward(past).relu().mul(m);
    if (this.conv) e = this.conv.forward(e.permute(0, 2, 1)).relu().permute(0, 2, 1).mul(m);
    // With the convolution, today's embedding skips it while the past's mean went through it:
    // the fusion after this learns how the two compare rather than assuming one space.
    const now = this.day.forward(today).relu();
    const count = mask.sum(1, true);
    const mean = e.sum(1).div(count.clamp(1));
    // e ≥ 0 and masked days are 0, so the max over days ignores them (0 when none is left).
    const max = e.amax(1);
    return torch.cat([mean, max, now.sub(mean), count.div(P)], 1);
  }
}
