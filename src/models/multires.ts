// Multi-residual block (Abdi & Nahavandi 2016): k residual functions share one
// shortcut, y = shortcut(x) + Σ_i f_i(x), which multiplies the number of paths through
// the net without adding depth. Each f_i is a full pre-activation basic branch
// (BN-ReLU-conv3×3-BN-ReLU-conv3×3), so each is one contract branch.
import { Tensor } from '../torch/index.js';
import { Module, Sequential, ModuleList, Activation, Dropout } from '../nn/index.js';
import { BlockBase } from './blocks.js';
import { conv, norm, strideOf } from './conv.js';
import { makeShortcut } from './shortcut.js';
import type { BlockArgs } from './blockargs.js';
import { cifarResNet, type NamedConfigs } from './presets.js';

export class MultiResBlock extends BlockBase {
  declare fns: ModuleList<Sequential>;
  constructor(a: BlockArgs) {
    const k = a.multiplicity ?? 2;
    super({ inChannels: a.cin, outChannels: a.planes, stride: strideOf(a.stride, a.dims) }, k);
    const relu = () => new Activation('relu');
    this.registerModule('fns', new ModuleList(Array.from({ length: k }, () => {
      const layers: Module[] = [norm(a.dims, a.cin), relu(), conv(a.dims, a.cin, a.planes, 3, { stride: a.stride }), norm(a.dims, a.planes), relu()];
      if (a.dropout) layers.push(new Dropout(a.dropout));
      layers.push(conv(a.dims, a.planes, a.planes, 3));
      return new Sequential(...layers);
    })));
    this.setShortcut(a.shortcut === 'none', makeShortcut(a.shortcut, a.dims, a.cin, a.planes, a.stride, false));
  }
  protected branch(i: number, x: Tensor): Tensor { return this.fns.at(i).forward(x); }
}

export const multiresModels: NamedConfigs = {
  multiresnet20_k2: { description: 'CIFAR multi-residual net, depth 20, multiplicity 2', input: [3, 32, 32], config: () => cifarResNet(20, 'multires', 'B', { multiplicity: 2, stem: { kind: 'cifar', width: 16, norm: false }, finalNorm: true }) },
  multiresnet14_k4: { description: 'CIFAR multi-residual net, depth 14, multiplicity 4', input: [3, 32, 32], config: () => cifarResNet(14, 'multires', 'B', { multiplicity: 4, stem: { kind: 'cifar', width: 16, norm: false }, finalNorm: true }) },
};
