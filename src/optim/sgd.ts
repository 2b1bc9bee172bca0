// SGD with momentum, dampening, Nesterov and L2 weight decay (torch.optim.SGD's update).
import { Tensor, keep } from '../torch/index.js';
import { Optimizer, definedOnly, type ParamsInput } from './optimizer.js';

export interface SGDOptions { lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
type H = Required<SGDOptions>;

export class SGD extends Optimizer<H> {
  constructor(params: ParamsInput<H>, o: SGDOptions) {
    super(params, { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, ...definedOnly(o), lr: o.lr });
    if (o.nesterov && (!o.momentum || o.dampening)) throw new Error('Nesterov momentum needs momentum > 0 and dampening = 0');
  }
  protected update(p: Tensor, grad: Tensor, s: Record<string, Tensor | number>, h: H): void {
    let d = h.weightDecay ? grad.add(p, h.weightDecay) : grad;
    if (h.momentum) {
      let buf = s.momentumBuffer as Tensor | undefined;
      if (!buf) s.momentumBuffer = buf = keep(d.clone());
      else buf.mul_(h.momentum).add_(d, 1 - h.dampening);
      d = h.nesterov ? d.add(buf, h.momentum) : buf;
    }
    p.add_(d, -h.lr);
  }
}
