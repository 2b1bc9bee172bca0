// BatchEnsemble layers for any network, with the members folded into the batch: a batch of
// B inputs runs as B·k rows, row b·k + i being input b seen by member i (the convention of
// src/train/members.ts). Every layer keeps its tensor shapes, so a convolutional family
// becomes an efficient ensemble by swapping its layers one for one (models/members.ts),
// and whatever it does between layers (shortcuts, concatenation, pooling, drop-path) needs
// no change. The MLP's own ensemble (ensemble.ts) keeps members on an axis of their own;
// these are its counterparts for [B·k, C, …spatial] and [B·k, F].
//
// Member i's convolution is the shared one with weight W ⊙ (s_i r_iᵀ) and its own bias;
// its batch norm has its own statistics and affine parameters, so each member is normalised
// exactly as it would be alone.
import * as torch from '../torch/index.js';
import { Tensor, F } from '../torch/index.js';
import { Module } from './module.js';
import { BatchNorm, Conv1d, Conv2d, Linear } from './layers.js';
import { randomSigns_, type AdapterInit } from './ensemble.js';

/** [B·k, C, …] → [B, k, C, …] times v[k, C] broadcast over the rest. */
function perMemberScale(x: Tensor, v: Tensor, k: number): Tensor {
  const [n, c, ...rest] = x.shape;
  const shape = [1, k, c, ...rest.map(() => 1)];
  return x.view([n / k, k, c, ...rest]).mul(v.view(shape)).view(x.shape);
}

function perMemberAdd(x: Tensor, v: Tensor, k: number): Tensor {
  const [n, c, ...rest] = x.shape;
  return x.view([n / k, k, c, ...rest]).add(v.view([1, k, c, ...rest.map(() => 1)])).view(x.shape);
}

/** A Conv1d/Conv2d shared by k members, each with its input and output channel adapters and bias. */
export class FoldedEnsembleConv extends Module {
  declare weight: Tensor;
  declare r: Tensor;
  declare s: Tensor;
  declare bias: Tensor;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly groups: number;
  private readonly stride: number[];
  private readonly padding: number[] | 'same' | 'valid';
  private readonly dilation: number[];
  private readonly dims: 1 | 2;
  /** Takes over `conv`'s (initialised) weight; its bias, if any, becomes every member's. */
  constructor(conv: Conv1d | Conv2d, readonly members: number, rInit: AdapterInit = 'ones') {
    super();
    this.dims = conv instanceof Conv1d ? 1 : 2;
    this.inChannels = conv.inChannels; this.outChannels = conv.outChannels; this.kernelSize = conv.kernelSize; this.groups = conv.groups;
    this.stride = conv.stride; this.padding = conv.padding; this.dilation = conv.dilation;
    this.registerParameter('weight', conv.weight);
    this.registerParameter('r', torch.ones([members, conv.inChannels]));
    this.registerParameter('s', torch.ones([members, conv.outChannels]));
    this.registerParameter('bias', torch.zeros([members, conv.outChannels]));
    if (conv.bias) torch.noGrad(() => torch.tidy(() => { this.bias.copy_(conv.bias!.unsqueeze(0).expand(members, conv.outChannels)); }));
    if (rInit === 'random-signs') randomSigns_(this.r);
  }
  forward(x: Tensor): Tensor {
    const k = this.members;
    const xin = perMemberScale(x, this.r, k);
    const y = this.dims === 1
      ? F.conv1d(xin, this.weight, null, this.stride, this.padding, this.dilation, this.groups)
      : F.conv2d(xin, this.weight, null, this.stride, this.padding, this.dilation, this.groups);
    return perMemberAdd(perMemberScale(y, this.s, k), this.bias, k);
  }
}

/** Batch norm over [B·k, C, …] with each member's own statistics and affine parameters (k·C channels). */
export class FoldedMemberBatchNorm extends BatchNorm {
  constructor(readonly channels: number, readonly members: number, eps = 1e-5, momentum = 0.1) {
    super(channels * members, eps, momentum);
  }
  override forward(x: Tensor): Tensor {
    const [n, c, ...rest] = x.shape;
    return super.forward(x.view([n / this.members, this.members * c, ...rest])).view(x.shape);
  }
}

/** A Linear over [B·k, F] shared by k members (BatchEnsemble: adapters and a bias per member). */
export class FoldedEnsembleLinear extends Module {
  declare weight: Tensor;
  declare r: Tensor;
  declare s: Tensor;
  declare bias: Tensor;
  readonly inFeatures: number;
  readonly outFeatures: number;
  constructor(linear: Linear, readonly members: number) {
    super();
    this.inFeatures = linear.inFeatures; this.outFeatures = linear.outFeatures;
    this.registerParameter('weight', linear.weight);
    this.registerParameter('r', torch.ones([members, linear.inFeatures]));
    this.registerParameter('s', torch.ones([members, linear.outFeatures]));
    this.registerParameter('bias', torch.zeros([members, linear.outFeatures]));
    if (linear.bias) torch.noGrad(() => torch.tidy(() => { this.bias.copy_(linear.bias!.unsqueeze(0).expand(members, linear.outFeatures)); }));
  }
  forward(x: Tensor): Tensor {
    const k = this.members;
    return perMemberAdd(perMemberScale(F.linear(perMemberScale(x, this.r, k), this.weight), this.s, k), this.bias, k);
  }
}
