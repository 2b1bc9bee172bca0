// Adam and AdamW (torch.optim's single-tensor updates): Adam adds weight decay to the
// gradient (L2); AdamW decays the weights directly (decoupled).
import { Tensor, keep, zerosLike } from '../torch/index.js';
import { Optimizer, definedOnly, type ParamsInput } from './optimizer.js';

export interface AdamOptions { lr?: number; betas?: [number, number]; eps?: number; weightDecay?: number; amsgrad?: boolean }
type H = Required<AdamOptions> & { decoupled: boolean };

export class Adam extends Optimizer<H> {
  constructor(params: ParamsInput<H>, o: AdamOptions = {}, decoupled = false) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: decoupled ? 1e-2 : 0, amsgrad: false, ...definedOnly(o), decoupled });
  }
  protected update(p: Tensor, grad: Tensor, s: Record<string, Tensor | number>, h: H): void {
    const [b1, b2] = h.betas;
    if (s.step === undefined) {
      s.step = 0;
      s.expAvg = keep(zerosLike(p));
      s.expAvgSq = keep(zerosLike(p));
      if (h.amsgrad) s.maxExpAvgSq = keep(zerosLike(p));
    }
    const step = (s.step as number) + 1;
    s.step = step;
    if (h.weightDecay) {
      if (h.decoupled) p.mul_(1 - h.lr * h.weightDecay);
      else grad = grad.add(p, h.weightDecay);
    }
    const m = s.expAvg as Tensor;
    const v = s.expAvgSq as Tensor;
    m.mul_(b1).add_(grad, 1 - b1);
    v.mul_(b2).addcmul_(grad, grad, 1 - b2);
    const bc1 = 1 - b1 ** step;
    const bc2sqrt = Math.sqrt(1 - b2 ** step);
    let denomSrc = v;
    if (h.amsgrad) {
      const mx = s.maxExpAvgSq as Tensor;
      mx.copy_(mx.maximum(v));
      denomSrc = mx;
    }
    const denom = denomSrc.sqrt().div_(bc2sqrt).add_(h.eps);
    p.addcdiv_(m, denom, -h.lr / bc1);
  }
}

export class AdamW extends Adam {
  constructor(params: ParamsInput<H>, o: AdamOptions = {}) {
    super(params, o, true);
  }
}
