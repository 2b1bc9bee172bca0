// DenseNet (Huang et al. 2017): each layer sees the concatenation of all earlier maps.
// Contract: a dense layer is a block whose join is concatenation instead of a sum:
// y = cat(shortcut(x), s·H(x)) with shortcut(x) = x. Removing it (or s = 0) keeps the
// channel count by concatenating zeros, so later layers still get their expected input.
// Transitions (BN-ReLU-1×1 conv-2×avg-pool, with compression θ) are blocks too, flagged
// `downsample`; having no shortcut and changing shape, they cannot be removed.
// No two dense layers take the same input width, so DenseNet blocks never swap.
import * as torch from '../torch/index.js';
import { Tensor, gradScale } from '../torch/index.js';
import { Module, Linear, like } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import { conv, norm, avgPool, globalAvgPool, heInit, strideOf, isUnit, type Dims, type Stride } from './conv.js';
import { Stem, type StemSpec } from './stems.js';
import type { DropPathSpec } from './droppath.js';
import { Dropout } from '../nn/index.js';
import type { NamedConfigs } from './presets.js';

export class DenseLayer extends BlockBase {
  declare norm1: Module | null; declare conv1: Module | null; declare norm2: Module; declare conv2: Module;
  declare drop: Module | null;
  constructor(dims: Dims, cin: number, readonly growth: number, bottleneck: number, dropout = 0) {
    super({ inChannels: cin, outChannels: cin + growth, stride: strideOf(1, dims) });
    // BC: 1×1 to bottleneck·k channels first; plain DenseNet: the 3×3 alone.
    const mid = bottleneck > 0 ? bottleneck * growth : cin;
    this.norm1 = bottleneck > 0 ? this.registerModule('norm1', norm(dims, cin)) : null;
    this.conv1 = bottleneck > 0 ? this.registerModule('conv1', conv(dims, cin, mid, 1)) : null;
    this.registerModule('norm2', norm(dims, mid));
    this.registerModule('conv2', conv(dims, mid, growth, 3));
    this.drop = dropout > 0 ? this.registerModule('drop', new Dropout(dropout)) : null;
  }
  // Not a shape change in the sense of the lesion study: its input passes through.
  override get downsample(): boolean { return false; }
  protected branch(_i: number, x: Tensor): Tensor {
    let h = x;
    if (this.norm1 && this.conv1) h = this.conv1.forward(this.norm1.forward(h).relu());
    h = this.conv2.forward(this.norm2.forward(h).relu());
    return this.drop ? this.drop.forward(h) : h;
  }
  override forward(x: Tensor): Tensor {
    const sc = this.shortcutGradScale === 1 ? x : gradScale(x, this.shortcutGradScale);
    let r = this.enabled ? this.residual(x) : null;
    if (!r) {
      const s = x.shape;
      r = torch.zeros([s[0], this.growth, ...s.slice(2)], like(x));
    }
    return torch.cat([sc, r], 1);
  }
}

export class Transition extends BlockBase {
  declare norm: Module; declare conv: Module;
  constructor(readonly dims: Dims, cin: number, cout: number, readonly poolStride: Stride = 2) {
    super({ inChannels: cin, outChannels: cout, stride: strideOf(poolStride, dims) });
    this.registerModule('norm', norm(dims, cin));
    this.registerModule('conv', conv(dims, cin, cout, 1));
    this.setShortcut(true);
  }
  protected branch(_i: number, x: Tensor): Tensor {
    const h = this.conv.forward(this.norm.forward(x).relu());
    return isUnit(this.poolStride) ? h : avgPool(h, this.dims, this.shape.stride, this.shape.stride);
  }
}

export interface DenseNetConfig {
  family: 'densenet';
  dims: Dims;
  inChannels: number;
  numClasses: number;
  stem: StemSpec;
  growth: number;
  /** Layers per dense block. */
  blocks: number[];
  /** Bottleneck width multiple (4 in DenseNet-B/BC); 0 for plain DenseNet. */
  bottleneck: number;
  /** Transition compression θ (0.5 in DenseNet-C/BC; 1 = none). */
  compression: number;
  dropout?: number;
  /** Pooling stride of the transitions (default 2); [1, 2] keeps a short axis. */
  transitionStride?: Stride;
  dropPath?: DropPathSpec;
}

export class DenseNet extends BlockNet {
  readonly config: DenseNetConfig;
  declare stem: Stem; declare norm_final: Module; declare fc: Linear;
  constructor(cfg: DenseNetConfig) {
    super();
    this.config = cfg;
    this.registerModule('stem', new Stem(cfg.dims, cfg.inChannels, cfg.stem));
    let c = this.stem.outChannels;
    const ts = cfg.transitionStride ?? 2;
    cfg.blocks.forEach((n, bi) => {
      const items: BlockBase[] = [];
      for (let i = 0; i < n; i++) {
        items.push(new DenseLayer(cfg.dims, c, cfg.growth, cfg.bottleneck, cfg.dropout));
        c += cfg.growth;
      }
      if (bi < cfg.blocks.length - 1) {
        const out = Math.floor(c * cfg.compression);
        items.push(new Transition(cfg.dims, c, out, ts));
        c = out;
      }
      this.addStage(`denseblock${bi + 1}`, items);
    });
    this.setDropPath(cfg.dropPath, this.blocks().filter((b) => b instanceof DenseLayer));
    this.registerModule('norm_final', norm(cfg.dims, c));
    this.registerModule('fc', new Linear(c, cfg.numClasses));
    heInit(this);
  }
  protected stemForward(x: Tensor): Tensor { return this.stem.forward(x); }
  protected headForward(h: Tensor): Tensor { return this.fc.forward(globalAvgPool(this.norm_final.forward(h).relu())); }
}

const imagenetDense = (blocks: number[], growth = 32, width = 64): DenseNetConfig => ({
  family: 'densenet', dims: 2, inChannels: 3, numClasses: 1000, stem: { kind: 'imagenet', width },
  growth, blocks, bottleneck: 4, compression: 0.5,
});
/** CIFAR DenseNet of depth L: three dense blocks of (L−4)/6 BC layers or (L−4)/3 plain ones. */
export function cifarDense(depth: number, growth: number, bc: boolean, numClasses = 10): DenseNetConfig {
  const n = bc ? (depth - 4) / 6 : (depth - 4) / 3;
  if (!Number.isInteger(n)) throw new Error(`DenseNet${bc ? '-BC' : ''} depth ${depth} does not give whole dense blocks`);
  return {
    family: 'densenet', dims: 2, inChannels: 3, numClasses, stem: { kind: 'cifar', width: bc ? 2 * growth : 16, norm: false },
    growth, blocks: [n, n, n], bottleneck: bc ? 4 : 0, compression: bc ? 0.5 : 1,
  };
}

export const densenetModels: NamedConfigs = {
  densenet121: { description: 'torchvision DenseNet-121', input: [3, 224, 224], config: () => imagenetDense([6, 12, 24, 16]) },
  densenet169: { description: 'torchvision DenseNet-169', input: [3, 224, 224], config: () => imagenetDense([6, 12, 32, 32]) },
  densenet_bc_100_12: { description: 'CIFAR DenseNet-BC L=100 k=12 (0.8 M)', input: [3, 32, 32], config: () => cifarDense(100, 12, true) },
  densenet40_12: { description: 'CIFAR DenseNet L=40 k=12 (1.0 M)', input: [3, 32, 32], config: () => cifarDense(40, 12, false) },
};
