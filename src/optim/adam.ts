// Adam and AdamW (torch.optim's update rule): Adam adds weight decay to the gradient
// (L2); AdamW decays the weights directly (decoupled).
import { Tensor, keep, zerosLike } from '../torch/index.js';
import { N } from '../torch/native.js';
import { Optimizer, definedOnly, type ParamsInput } from './optimizer.js';

export interface AdamOptions { lr?: number; betas?: [number, number]; eps?: number; weightDecay?: number; amsgrad?: boolean }
type H = Required<AdamOptions> & { decoupled: boolean };

export class Adam extends Optimizer<H> {
  constructor(params: ParamsInput<H>, o: AdamOptions = {}, decoupled = false) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: decoupled ? 1e-2 : 0, amsgrad: false, ...definedOnly(o), decoupled });
  }
  protected update(p: Tensor, grad: Tensor, s: Record<string, Tensor | number>, h: H): void {
    if (s.step === undefined) {
      s.step = 0;
      s.expAvg = keep(zerosLike(p));
      s.expAvgSq = keep(zerosLike(p));
      if (h.amsgrad) s.maxExpAvgSq = keep(zerosLike(p));
    }
    const step = (s.step as number) + 1;
    s.step = step;
    // One fused pass per parameter (native/src/optim.cc), in torch.optim's arithmetic order.
    N.adamUpdate(p.h, grad.h, (s.expAvg as Tensor).h, (s.expAvgSq as Tensor).h, h.amsgrad ? (s.maxExpAvgSq as Tensor).h : null,
      step, h.lr, h.betas[0], h.betas[1], h.eps, h.weightDecay, h.decoupled);
  }
}

export class AdamW extends Adam {
  constructor(params: ParamsInput<H>, o: AdamOptions = {}) {
    super(params, o, true);
  }
}
