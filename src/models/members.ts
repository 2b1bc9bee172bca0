// TabM's efficient ensemble beyond the MLP: any family becomes k BatchEnsemble members by
// swapping its layers one for one for their folded counterparts (nn/foldedEnsemble.ts):
// every convolution and linear layer shared with per-member adapters and biases, every
// batch norm per member. The net repeats each input row for its k members and returns
// their k output rows (BlockNet.members), which training and scoring already read
// (train/members.ts). As in TabM, the first layer's input adapters are random signs, so the
// members differ from the first step. Parts the family declares shared (the two-tower
// model's past tower, BlockNet.sharedAcrossMembers) and a numeric embedding in front stay
// one network for every member.
import { BatchNorm, Conv1d, Conv2d, Linear, type Module } from '../nn/index.js';
import { FoldedEnsembleConv, FoldedEnsembleLinear, FoldedMemberBatchNorm } from '../nn/foldedEnsemble.js';
import * as torch from '../torch/index.js';
import type { Tensor } from '../torch/index.js';
import type { BlockNet } from './blocks.js';

function foldedNorm(bn: BatchNorm, k: number): FoldedMemberBatchNorm {
  const f = new FoldedMemberBatchNorm(bn.numFeatures, k, bn.eps, bn.momentum);
  const repeat = (t: Tensor) => t.unsqueeze(0).expand([k, bn.numFeatures]).reshape([k * bn.numFeatures]);
  torch.noGrad(() => torch.tidy(() => {
    if (bn.weight && f.weight) f.weight.copy_(repeat(bn.weight));
    if (bn.bias && f.bias) f.bias.copy_(repeat(bn.bias));
    f.running_mean.copy_(repeat(bn.running_mean));
    f.running_var.copy_(repeat(bn.running_var));
  }));
  return f;
}

/** Makes `net` (freshly built) an efficient ensemble of k members, in place. */
export function foldMembers(net: BlockNet, k: number): BlockNet {
  if (!Number.isInteger(k) || k < 1) throw new Error(`members must be a whole number ≥ 1, got ${k}`);
  if (k === 1) return net;
  const swaps: [Module, string, Module][] = [];
  let first = true;
  const shared = new Set(net.sharedAcrossMembers());
  const visit = (parent: Module) => {
    for (const [name, m] of parent.namedChildren()) {
      if (shared.has(m)) continue;
      let to: Module | null = null;
      if (m instanceof Conv1d || m instanceof Conv2d) { to = new FoldedEnsembleConv(m, k, first ? 'random-signs' : 'ones'); first = false; }
      else if (m instanceof BatchNorm) to = foldedNorm(m, k);
      else if (m instanceof Linear) to = new FoldedEnsembleLinear(m, k);
      if (to) swaps.push([parent, name, to]);
      else visit(m);
    }
  };
  visit(net);
  for (const [parent, name, to] of swaps) parent.replaceModule(name, to);
  net.setFoldedMembers(k);
  return net;
}
