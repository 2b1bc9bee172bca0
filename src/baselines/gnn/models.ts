// The three networks behind the detectors, each two graph layers deep:
// - GCN: Z = Â·relu(Â X W0)·W1, one logit per node (Kipf & Welling's node classifier);
// - GraphSAGE: two mean-aggregator layers, then a linear logit on the final embedding;
// - GraphAE: a GCN encoder to a small code and a linear decoder back to the node's
//   features; a node unlike its neighbours is reconstructed badly, since the encoder
//   mixes every node with them (the attribute half of Ding et al.'s DOMINANT).
import { F, Tensor } from '../../torch/index.js';
import { Linear, Module } from '../../nn/index.js';
import type { GraphBatch } from './batch.js';
import { GCNConv, SAGEConv, type NodeInput } from './layers.js';

export interface NetShape { inFeatures: number; hidden: number; dropout: number }

export class GCN extends Module {
  declare conv1: GCNConv;
  declare conv2: GCNConv;
  constructor(readonly shape: NetShape, out = 1) {
    super();
    this.registerModule('conv1', new GCNConv(shape.inFeatures, shape.hidden));
    this.registerModule('conv2', new GCNConv(shape.hidden, out));
  }
  forward(x: NodeInput, g: GraphBatch): Tensor {
    const h = F.dropout(this.conv1.forward(x, g).relu(), this.shape.dropout, this.training);
    return this.conv2.forward(h, g);
  }
}

export class GraphSAGE extends Module {
  declare sage1: SAGEConv;
  declare sage2: SAGEConv;
  declare head: Linear;
  constructor(readonly shape: NetShape) {
    super();
    this.registerModule('sage1', new SAGEConv(shape.inFeatures, shape.hidden));
    this.registerModule('sage2', new SAGEConv(shape.hidden, shape.hidden));
    this.registerModule('head', new Linear(shape.hidden, 1));
  }
  forward(x: NodeInput, g: GraphBatch): Tensor {
    const h1 = F.dropout(this.sage1.forward(x, g), this.shape.dropout, this.training);
    return this.head.forward(this.sage2.forward(h1, g));
  }
}

export class GraphAE extends Module {
  declare encoder: GCN;
  declare decoder: Linear;
  /** Reconstructs the first `outFeatures` inputs (the features, not the presence flag). */
  constructor(readonly shape: NetShape, readonly code: number, readonly outFeatures: number) {
    super();
    this.registerModule('encoder', new GCN(shape, code));
    this.registerModule('decoder', new Linear(code, outFeatures));
  }
  forward(x: NodeInput, g: GraphBatch): Tensor {
    return this.decoder.forward(this.encoder.forward(x, g).relu());
  }
}
