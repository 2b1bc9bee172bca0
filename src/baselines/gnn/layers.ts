// The two graph convolutions, as in their papers:
// - GCN (Kipf & Welling 2017): H' = Â H W + b, Â = D^-1/2 (A + I) D^-1/2;
// - GraphSAGE (Hamilton et al. 2017, mean aggregator): h' = σ(W [h ‖ mean_N(h)]),
//   then h' / ‖h'‖₂.
import * as torch from '../../torch/index.js';
import { Tensor } from '../../torch/index.js';
import { Linear, Module } from '../../nn/index.js';
import type { GraphBatch } from './batch.js';

/** One propagation step: out[dst] += w · h[src], plus self · h. Differentiable in h. */
export function propagate(h: Tensor, g: GraphBatch): Tensor {
  const width = h.shape[1];
  const msg = h.indexSelect(0, g.src).mul(g.w);
  const out = torch.zeros([g.n, width]).scatterAdd(0, g.dst.unsqueeze(1).expand([g.src.shape[0], width]), msg);
  return g.self ? out.add(h.mul(g.self)) : out;
}

export class GCNConv extends Module {
  declare lin: Linear;
  declare bias: Tensor;
  constructor(readonly inFeatures: number, readonly outFeatures: number) {
    super();
    // Transform before propagating (cheaper when out < in); the bias comes after, so it
    // is not scaled by each node's row sum of Â.
    this.registerModule('lin', new Linear(inFeatures, outFeatures, false));
    this.registerParameter('bias', torch.zeros([outFeatures]));
  }
  forward(x: Tensor, g: GraphBatch): Tensor {
    return propagate(this.lin.forward(x), g).add(this.bias);
  }
}

export class SAGEConv extends Module {
  declare self: Linear;
  declare neigh: Linear;
  constructor(readonly inFeatures: number, readonly outFeatures: number) {
    super();
    // W [h ‖ mean(h)] split as W_self h + W_neigh mean(h) = W_self h + mean(W_neigh h): the
    // same function, but the mean runs over `out` columns instead of 700 input features.
    this.registerModule('self', new Linear(inFeatures, outFeatures));
    this.registerModule('neigh', new Linear(inFeatures, outFeatures, false));
  }
  /** g must be a mean propagation (no self weight): the node's own value enters through W_self. */
  forward(x: Tensor, g: GraphBatch): Tensor {
    const h = this.self.forward(x).add(propagate(this.neigh.forward(x), g)).relu();
    // An all-zero row (an absent user's ReLU output) stays 0 instead of dividing by 0.
    return h.div(h.norm(2, 1, true).clamp(1e-6));
  }
}
