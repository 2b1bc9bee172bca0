// The fused optimizer updates (native/src/optim.cc) for src/optim, which reaches libtorch
// only through src/torch. Each reads a parameter, its gradient and its state once and
// writes them once, in torch.optim's arithmetic order; all tensors are updated in place.
import { N } from './native.js';
import type { Tensor } from './tensor.js';

export interface AdamHyper { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; decoupled: boolean }
export interface SgdHyper { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean }

export const optimKernels = {
  /** One Adam/AdamW step; `maxExpAvgSq` is AMSGrad's running maximum, null without it; `step` counts from 1. */
  adam(p: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | null, step: number, h: AdamHyper): void {
    N.adamUpdate(p.h, grad.h, expAvg.h, expAvgSq.h, maxExpAvgSq?.h ?? null, step, h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, h.decoupled);
  },
  /**
   * One SGD step; `momentumBuffer` is null without momentum. `first`: the buffer takes
   * this step's direction (torch.optim clones it on the first step).
   */
  sgd(p: Tensor, grad: Tensor, momentumBuffer: Tensor | null, first: boolean, h: SgdHyper): void {
    N.sgdUpdate(p.h, grad.h, momentumBuffer?.h ?? null, first, h.lr, h.momentum, h.dampening, h.weightDecay, h.nesterov);
  },
};
