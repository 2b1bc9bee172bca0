// SGD with momentum, dampening, Nesterov and L2 weight decay (torch.optim.SGD's update).
import { Tensor, keep, optimKernels, zerosLike } from '../torch/index.js';
import { Optimizer, definedOnly, type ParamsInput } from './optimizer.js';

export interface SGDOptions { lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
type H = Required<SGDOptions>;

export class SGD extends Optimizer<H> {
  constructor(params: ParamsInput<H>, o: SGDOptions) {
    super(params, { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, ...definedOnly(o), lr: o.lr });
    if (o.nesterov && (!o.momentum || o.dampening)) throw new Error('Nesterov momentum needs momentum > 0 and dampening = 0');
  }
  protected update(p: Tensor, grad: Tensor, s: Record<string, Tensor | number>, h: H): void {
    // One fused pass per parameter, in torch.optim's arithmetic order;
    // on the first step the momentum buffer takes the step's direction, as torch.optim's clone.
    let buf = s.momentumBuffer as Tensor | undefined;
    const first = h.momentum !== 0 && !buf;
    if (first) s.momentumBuffer = buf = keep(zerosLike(p));
    optimKernels.sgd(p, grad, h.momentum ? buf! : null, first, h);
  }
}
