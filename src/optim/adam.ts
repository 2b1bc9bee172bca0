// Adam and AdamW (torch.optim's update rule): Adam adds weight decay to the gradient
// (L2); AdamW decays the weights directly (decoupled).
import { Tensor, keep, optimKernels, zerosLike } from '../torch/index.js';
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
    // One fused pass per parameter, in torch.optim's arithmetic order.
    optimKernels.adam(p, grad, s.expAvg as Tensor, s.expAvgSq as Tensor, h.amsgrad ? (s.maxExpAvgSq as Tensor) : null, step,
      { lr: h.lr, beta1: h.betas[0], beta2: h.betas[1], eps: h.eps, weightDecay: h.weightDecay, decoupled: h.decoupled });
  }
}

export class AdamW extends Adam {
  constructor(params: ParamsInput<H>, o: AdamOptions = {}) {
    super(params, o, true);
  }
}
