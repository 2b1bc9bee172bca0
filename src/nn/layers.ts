// The standard layers, with torch.nn's constructor arguments and state-dict names.
import * as torch from '../torch/index.js';
import { Tensor, F } from '../torch/index.js';
import { Module } from './module.js';
import { defaultLayerInit } from './init.js';

type IntOrList = number | number[];
const pair = (v: IntOrList, n: number): number[] => (Array.isArray(v) ? v : Array(n).fill(v));

export class Identity extends Module {
  forward(x: Tensor): Tensor { return x; }
}

export class Linear extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  constructor(readonly inFeatures: number, readonly outFeatures: number, bias = true) {
    super();
    this.registerParameter('weight', torch.empty([outFeatures, inFeatures]));
    this.bias = bias ? this.registerParameter('bias', torch.empty([outFeatures])) : null;
    defaultLayerInit(this.weight, this.bias);
  }
  forward(x: Tensor): Tensor { return F.linear(x, this.weight, this.bias); }
}

/**
 * One Linear per feature (rtdl's NLinear): [B, N, in] → [B, N, out], feature n through its
 * own weight [in, out] and bias, as a batched product so N features cost one kernel.
 * Initialised like each feature's own nn.Linear(in, out): U(±1/√in).
 */
export class NLinear extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  constructor(readonly features: number, readonly inFeatures: number, readonly outFeatures: number, bias = true) {
    super();
    const bound = 1 / Math.sqrt(inFeatures);
    this.registerParameter('weight', torch.empty([features, inFeatures, outFeatures]));
    this.bias = bias ? this.registerParameter('bias', torch.empty([features, outFeatures])) : null;
    torch.noGrad(() => {
      this.weight.uniform_(-bound, bound);
      this.bias?.uniform_(-bound, bound);
    });
  }
  forward(x: Tensor): Tensor {
    // [N, B, in] @ [N, in, out] → [N, B, out]
    const y = x.transpose(0, 1).bmm(this.weight).transpose(0, 1);
    return this.bias ? y.add(this.bias) : y;
  }
}

export interface ConvOptions { stride?: IntOrList; padding?: IntOrList | 'same' | 'valid'; dilation?: IntOrList; groups?: number; bias?: boolean }

abstract class ConvNd extends Module {
  declare weight: Tensor;
  declare bias: Tensor | null;
  readonly stride: number[];
  readonly padding: number[] | 'same' | 'valid';
  readonly dilation: number[];
  readonly groups: number;
  constructor(readonly inChannels: number, readonly outChannels: number, readonly kernelSize: number[], o: ConvOptions, nd: number) {
    super();
    this.groups = o.groups ?? 1;
    if (inChannels % this.groups || outChannels % this.groups) {
      throw new Error(`conv: in (${inChannels}) and out (${outChannels}) channels must be divisible by groups (${this.groups})`);
    }
    this.stride = pair(o.stride ?? 1, nd);
    this.padding = typeof o.padding === 'string' ? o.padding : pair(o.padding ?? 0, nd);
    this.dilation = pair(o.dilation ?? 1, nd);
    this.registerParameter('weight', torch.empty([outChannels, inChannels / this.groups, ...kernelSize]));
    this.bias = (o.bias ?? true) ? this.registerParameter('bias', torch.empty([outChannels])) : null;
    defaultLayerInit(this.weight, this.bias);
  }
}

export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number, o: ConvOptions = {}) {
    super(inChannels, outChannels, [kernelSize], o, 1);
  }
  forward(x: Tensor): Tensor { return F.conv1d(x, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups); }
}

export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrList, o: ConvOptions = {}) {
    super(inChannels, outChannels, pair(kernelSize, 2), o, 2);
  }
  forward(x: Tensor): Tensor { return F.conv2d(x, this.weight, this.bias, this.stride, this.padding, this.dilation, this.groups); }
}

/** Batch norm over channel dim 1 of [B, C], [B, C, L] or [B, C, H, W]. */
export class BatchNorm extends Module {
  declare weight: Tensor | null;
  declare bias: Tensor | null;
  declare running_mean: Tensor;
  declare running_var: Tensor;
  declare num_batches_tracked: Tensor;
  constructor(readonly numFeatures: number, readonly eps = 1e-5, readonly momentum = 0.1, affine = true) {
    super();
    this.weight = affine ? this.registerParameter('weight', torch.ones([numFeatures])) : null;
    this.bias = affine ? this.registerParameter('bias', torch.zeros([numFeatures])) : null;
    this.registerBuffer('running_mean', torch.zeros([numFeatures]));
    this.registerBuffer('running_var', torch.ones([numFeatures]));
    this.registerBuffer('num_batches_tracked', torch.zeros([], { dtype: 'int64' }));
  }
  forward(x: Tensor): Tensor {
    if (this.training) torch.noGrad(() => this.num_batches_tracked.add_(1));
    return F.batchNorm(x, this.running_mean, this.running_var, this.weight, this.bias, this.training, this.momentum, this.eps);
  }
}
export class BatchNorm1d extends BatchNorm {}
export class BatchNorm2d extends BatchNorm {}

export class LayerNorm extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  readonly normalizedShape: number[];
  constructor(normalizedShape: IntOrList, readonly eps = 1e-5) {
    super();
    this.normalizedShape = pair(normalizedShape, 1);
    this.registerParameter('weight', torch.ones(this.normalizedShape));
    this.registerParameter('bias', torch.zeros(this.normalizedShape));
  }
  forward(x: Tensor): Tensor { return F.layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps); }
}

export class GroupNorm extends Module {
  declare weight: Tensor;
  declare bias: Tensor;
  constructor(readonly numGroups: number, readonly numChannels: number, readonly eps = 1e-5) {
    super();
    this.registerParameter('weight', torch.ones([numChannels]));
    this.registerParameter('bias', torch.zeros([numChannels]));
  }
  forward(x: Tensor): Tensor { return F.groupNorm(x, this.numGroups, this.weight, this.bias, this.eps); }
}

export class Dropout extends Module {
  constructor(readonly p = 0.5) { super(); }
  forward(x: Tensor): Tensor { return this.p > 0 && this.training ? F.dropout(x, this.p, true) : x; }
}
/** Zeroes whole channels (nn.Dropout1d / Dropout2d). */
export class ChannelDropout extends Module {
  constructor(readonly p = 0.5) { super(); }
  forward(x: Tensor): Tensor { return this.p > 0 && this.training ? F.featureDropout(x, this.p, true) : x; }
}

export class MaxPool1d extends Module {
  constructor(readonly kernelSize: number, readonly stride?: number, readonly padding = 0) { super(); }
  forward(x: Tensor): Tensor { return F.maxPool1d(x, this.kernelSize, this.stride ?? this.kernelSize, this.padding); }
}
export class MaxPool2d extends Module {
  constructor(readonly kernelSize: IntOrList, readonly stride?: IntOrList, readonly padding: IntOrList = 0) { super(); }
  forward(x: Tensor): Tensor { return F.maxPool2d(x, this.kernelSize, this.stride ?? this.kernelSize, this.padding); }
}
export class AvgPool1d extends Module {
  constructor(readonly kernelSize: number, readonly stride?: number, readonly padding = 0) { super(); }
  forward(x: Tensor): Tensor { return F.avgPool1d(x, this.kernelSize, this.stride ?? this.kernelSize, this.padding); }
}
export class AvgPool2d extends Module {
  constructor(readonly kernelSize: IntOrList, readonly stride?: IntOrList, readonly padding: IntOrList = 0) { super(); }
  forward(x: Tensor): Tensor { return F.avgPool2d(x, this.kernelSize, this.stride ?? this.kernelSize, this.padding); }
}
export class AdaptiveAvgPool1d extends Module {
  constructor(readonly outputSize: number) { super(); }
  forward(x: Tensor): Tensor { return F.adaptiveAvgPool1d(x, this.outputSize); }
}
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: IntOrList) { super(); }
  forward(x: Tensor): Tensor { return F.adaptiveAvgPool2d(x, this.outputSize); }
}
export class Flatten extends Module {
  constructor(readonly startDim = 1, readonly endDim = -1) { super(); }
  forward(x: Tensor): Tensor { return x.flatten(this.startDim, this.endDim); }
}

export class Embedding extends Module {
  declare weight: Tensor;
  constructor(readonly numEmbeddings: number, readonly embeddingDim: number) {
    super();
    this.registerParameter('weight', torch.randn([numEmbeddings, embeddingDim]));
  }
  forward(idx: Tensor): Tensor { return F.embedding(idx, this.weight); }
}

// The containers keep no list of their own: the registered children are the one source
// of truth, so `replaceModule('1', m)` changes both the state dict and what runs.
const childAt = <M extends Module>(owner: Module, i: number): M => {
  const c = owner.children();
  return c[i < 0 ? c.length + i : i] as M;
};

/** Children run in order; named '0', '1', … like nn.Sequential. */
export class Sequential extends Module {
  constructor(...layers: Module[]) {
    super();
    for (const l of layers) this.append(l);
  }
  append(m: Module): this {
    this.registerModule(String(this.length), m);
    return this;
  }
  get length(): number { return this.children().length; }
  at(i: number): Module { return childAt(this, i); }
  forward(x: Tensor): Tensor {
    for (const [, l] of this.namedChildren()) x = l.forward(x);
    return x;
  }
}

/** A list of children without a forward of its own (nn.ModuleList). */
export class ModuleList<M extends Module = Module> extends Module {
  constructor(items: M[] = []) {
    super();
    for (const m of items) this.append(m);
  }
  append(m: M): this {
    this.registerModule(String(this.length), m);
    return this;
  }
  get length(): number { return this.children().length; }
  at(i: number): M { return childAt<M>(this, i); }
  [Symbol.iterator](): Iterator<M> { return (this.children() as M[])[Symbol.iterator](); }
  forward(_x?: Tensor): Tensor { throw new Error(`${this.constructor.name} has no forward; iterate over it`); }
}
