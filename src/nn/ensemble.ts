// Layers of an efficient ensemble (BatchEnsemble, Wen et al. 2020, as TabM uses it,
// Gorishniy et al. 2025): k members run in one pass on a [B, k, F] tensor, member i in
// row [:, i, :]. Members share the big weight matrix and own only vectors, so k members
// cost k times the multiply-adds of one network but barely more parameters.
import * as torch from '../torch/index.js';
import { Tensor, F } from '../torch/index.js';
import { Module } from './module.js';
import { BatchNorm, BatchNorm1d, Linear } from './layers.js';
import { defaultLayerInit, uniform_ } from './init.js';

/** ±1 with probability ½ each: TabM's first adapter, which makes the members differ from the start. */
export function randomSigns_(t: Tensor): void {
  torch.noGrad(() => torch.tidy(() => t.copy_(torch.rand(t.shape).lt(0.5).to(t.dtype).mul(2).sub(1))));
}

export type AdapterInit = 'ones' | 'random-signs';

/**
 * y_i = s_i ⊙ (W (r_i ⊙ x_i)) + b_i: member i's weight is W ⊙ (s_i r_iᵀ). Initialised as
 * TabM does: W like nn.Linear, every member's bias the same draw (one shared bias plus k
 * zero offsets), s = 1, and r = 1 except in the network's first layer, where r is ±1.
 * With all adapters 1 and equal biases every member is the plain Linear(W, b).
 */
export class BatchEnsembleLinear extends Module {
  declare weight: Tensor;
  declare r: Tensor;
  declare s: Tensor;
  declare bias: Tensor;
  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly members: number, rInit: AdapterInit = 'ones') {
    super();
    this.registerParameter('weight', torch.empty([outFeatures, inFeatures]));
    this.registerParameter('r', torch.ones([members, inFeatures]));
    this.registerParameter('s', torch.ones([members, outFeatures]));
    this.registerParameter('bias', torch.empty([members, outFeatures]));
    const shared = torch.empty([outFeatures]);
    defaultLayerInit(this.weight, shared);
    torch.noGrad(() => torch.tidy(() => { this.bias.copy_(shared.unsqueeze(0).expand(members, outFeatures)); }));
    shared.dispose();
    if (rInit === 'random-signs') randomSigns_(this.r);
  }
  forward(x: Tensor): Tensor {
    return F.linear(x.mul(this.r), this.weight).mul(this.s).add(this.bias);
  }
}

/** k independent linear maps, member i's weight[i] and bias[i] (TabM's output heads, its NLinear). */
export class MemberLinear extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly members: number) {
    super();
    this.registerParameter('weight', torch.empty([members, outFeatures, inFeatures]));
    this.registerParameter('bias', torch.empty([members, outFeatures]));
    // nn.Linear's U(±1/√in) for each member's weights and bias.
    const bound = 1 / Math.sqrt(inFeatures);
    uniform_(this.weight, -bound, bound);
    uniform_(this.bias, -bound, bound);
  }
  forward(x: Tensor): Tensor {
    return torch.einsum('bki,koi->bko', x, this.weight).add(this.bias);
  }
}

/**
 * Batch norm with each member's own statistics and affine parameters (features × members
 * channels): member i is normalised exactly as it would be alone, so members stay
 * independent networks; shared statistics would mix k differently scaled members.
 */
export class MemberBatchNorm1d extends BatchNorm {
  constructor(readonly features: number, readonly members: number, eps = 1e-5, momentum = 0.1) {
    super(features * members, eps, momentum);
  }
  override forward(x: Tensor): Tensor {
    const [b, k, f] = x.shape;
    return super.forward(x.reshape([b, k * f])).reshape([b, k, f]);
  }
}

/**
 * The layer kinds of a network of k members: for k = 1 the plain layers themselves (so
 * such a network is, parameter for parameter, the network without members).
 */
export function ensembleLayers(k: number) {
  if (!Number.isInteger(k) || k < 1) throw new Error(`members must be a whole number ≥ 1, got ${k}`);
  const one = k === 1;
  return {
    linear: (i: number, o: number, rInit: AdapterInit = 'ones'): Module => (one ? new Linear(i, o) : new BatchEnsembleLinear(i, o, k, rInit)),
    norm: (f: number): Module => (one ? new BatchNorm1d(f) : new MemberBatchNorm1d(f, k)),
    head: (i: number, o: number): Module => (one ? new Linear(i, o) : new MemberLinear(i, o, k)),
  };
}
