// Highway block (Srivastava et al. 2015): y = H(x)·T(x) + x·(1 − T(x)), written as
// y = x + s·T(x)·(H(x) − x) so that it fits the contract: the carry x is the shortcut,
// s·T·(H − x) the one branch. Branch scale s rescales the transform gate (s = 0 closes
// it: y = x, which is also what removing the block gives); a ResNet is the special case
// T ≡ 1 with H − x as the residual. H is conv-BN-ReLU-conv-BN-ReLU, T a sigmoid 1×1
// conv with a negative bias (the paper's carry-biased start). Where the shape changes,
// x is first projected (1×1 conv + BN) and T reads the projection.
import { Tensor } from '../torch/index.js';
import { Module, init } from '../nn/index.js';
import { BlockBase } from './blocks.js';
import { conv, norm, strideOf } from './conv.js';
import { makeShortcut } from './shortcut.js';
import type { BlockArgs } from './blockargs.js';
import { cifarResNet, type NamedConfigs } from './presets.js';

export class HighwayBlock extends BlockBase {
  declare conv1: Module; declare bn1: Module; declare conv2: Module; declare bn2: Module;
  declare gate: Module & { bias: Tensor | null };
  constructor(a: BlockArgs, gateBias = -2) {
    super({ inChannels: a.cin, outChannels: a.planes, stride: strideOf(a.stride, a.dims) });
    this.registerModule('conv1', conv(a.dims, a.cin, a.planes, 3, { stride: a.stride }));
    this.registerModule('bn1', norm(a.dims, a.planes));
    this.registerModule('conv2', conv(a.dims, a.planes, a.planes, 3));
    this.registerModule('bn2', norm(a.dims, a.planes));
    this.registerModule('gate', conv(a.dims, a.planes, a.planes, 1, { bias: true }));
    init.constant_(this.gate.bias!, gateBias);
    // Highway needs a same-shape carry even in "option A" configs: always project.
    this.setShortcut(a.shortcut === 'none', makeShortcut(a.shortcut === 'none' ? 'none' : 'B', a.dims, a.cin, a.planes, a.stride));
  }
  private carry(x: Tensor): Tensor { return this.proj ? this.proj.forward(x) : x; }
  private transform(x: Tensor): Tensor {
    return this.bn2.forward(this.conv2.forward(this.bn1.forward(this.conv1.forward(x)).relu())).relu();
  }
  protected branch(_i: number, x: Tensor): Tensor {
    const c = this.carry(x);
    const h = this.transform(x);
    if (!this.hasShortcut) return h;
    return this.gate.forward(c).sigmoid().mul(h.sub(c));
  }
}


export const highwayModels: NamedConfigs = {
  highway20: { description: 'CIFAR ResNet-20 layout with highway (gated) blocks', input: [3, 32, 32], config: () => cifarResNet(20, 'highway', 'B') },
  highway56: { description: 'CIFAR ResNet-56 layout with highway (gated) blocks', input: [3, 32, 32], config: () => cifarResNet(56, 'highway', 'B') },
};
