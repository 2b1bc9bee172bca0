// DenseNet (Huang et al. 2017): each layer sees the concatenation of all earlier maps.
// Contract: a dense layer is a block whose join is concatenation instead of a sum:
// y = cat(shortcut(x), s·H(x)) with shortcut(x) = x. Removing it (or s = 0) keeps the
// channel count by concatenating zeros, so later layers still get their expected input.
// Transitions (BN-ReLU-1×1 conv-2×avg-pool, with compression θ) are blocks too, flagged
// `downsample`; having no shortcut and changing shape, they cannot be removed.
// No two dense layers take the same input width, so DenseNet blocks never swap.
// The module tree is torchvision's: `features.conv0`/`norm0`, dense layers at
// `features.denseblock1.denselayer1`, transitions at `features.transition1`, the last BN
// at `features.norm5` (torchvision's name whatever the number of dense blocks), and
// `classifier`.
import * as torch from '../torch/index.js';
import { Tensor, gradScale } from '../torch/index.js';
import { Module, Linear, like } from '../nn/index.js';
import { BlockBase, BlockNet, Features, Stage } from './blocks.js';
import { conv, norm, avgPool, globalAvgPool, heInit, strideOf, isUnit, type Dims, type Stride } from './conv.js';
import { stemLayers, runStem, type StemSpec } from './stems.js';
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
  declare features: Features; declare classifier: Linear;
  constructor(cfg: DenseNetConfig) {
    super();
    this.config = cfg;
    const stem = stemLayers(cfg.dims, cfg.inChannels, cfg.stem);
    const parts: [string, Module][] = [['conv0', stem.conv]];
    if (stem.norm) parts.push(['norm0', stem.norm]);
    let c = cfg.stem.width;
    const ts = cfg.transitionStride ?? 2;
    cfg.blocks.forEach((n, bi) => {
      const layers: BlockBase[] = [];
      for (let i = 0; i < n; i++) {
        layers.push(new DenseLayer(cfg.dims, c, cfg.growth, cfg.bottleneck, cfg.dropout));
        c += cfg.growth;
      }
      parts.push([`denseblock${bi + 1}`, new Stage(layers, 'denselayer')]);
      if (bi < cfg.blocks.length - 1) {
        const out = Math.floor(c * cfg.compression);
        parts.push([`transition${bi + 1}`, new Transition(cfg.dims, c, out, ts)]);
        c = out;
      }
    });
    parts.push(['norm5', norm(cfg.dims, c)]);
    this.registerModule('features', new Features(parts));
    this.setDropPath(cfg.dropPath, this.blocks().filter((b) => b instanceof DenseLayer));
    this.registerModule('classifier', new Linear(c, cfg.numClasses));
    heInit(this);
  }
  protected stemForward(x: Tensor): Tensor {
    const f = this.features;
    return runStem(this.config.stem, this.config.dims, f.child('conv0')!, f.child('norm0'), x);
  }
  protected headForward(h: Tensor): Tensor { return this.classifier.forward(globalAvgPool(this.features.child('norm5')!.forward(h).relu())); }

  /**
   * Older checkpoints: `stem.conv1`/`stem.bn1`, stages `denseblock{b}.{i}` holding the
   * dense layers and then the transition, `norm_final` and `fc`.
   */
  protected override legacyKey(k: string): string {
    const m = /^denseblock(\d+)\.(\d+)\.(.*)$/.exec(k);
    if (m) {
      const [b, i] = [Number(m[1]), Number(m[2])];
      const n = this.config.blocks[b - 1];
      if (n === undefined) return k;
      return i < n ? `features.denseblock${b}.denselayer${i + 1}.${m[3]}` : `features.transition${b}.${m[3]}`;
    }
    const moved: [string, string][] = [['stem.conv1.', 'features.conv0.'], ['stem.bn1.', 'features.norm0.'], ['norm_final.', 'features.norm5.'], ['fc.', 'classifier.']];
    for (const [a, b] of moved) if (k.startsWith(a)) return b + k.slice(a.length);
    return k;
  }
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
  densenet161: { description: 'torchvision DenseNet-161 (k = 48, 96 stem channels)', input: [3, 224, 224], config: () => imagenetDense([6, 12, 36, 24], 48, 96) },
  densenet169: { description: 'torchvision DenseNet-169', input: [3, 224, 224], config: () => imagenetDense([6, 12, 32, 32]) },
  densenet201: { description: 'torchvision DenseNet-201', input: [3, 224, 224], config: () => imagenetDense([6, 12, 48, 32]) },
  densenet_bc_100_12: { description: 'CIFAR DenseNet-BC L=100 k=12 (0.8 M)', input: [3, 32, 32], config: () => cifarDense(100, 12, true) },
  densenet40_12: { description: 'CIFAR DenseNet L=40 k=12 (1.0 M)', input: [3, 32, 32], config: () => cifarDense(40, 12, false) },
};
