// ResNet v1 (He et al. 2016) and the configurable ResNet-structured family: stem →
// stages of blocks → global pool → linear. Every family whose blocks sum a shortcut and
// branches (pre-activation, wide, ResNeXt, Res2Net, stochastic depth, multi-residual,
// highway, plain) is this builder with a different block kind. The module tree is
// torchvision's (`conv1`, `bn1`, `layer1.0.conv1`, `layer2.0.downsample.0`, `fc`), so a
// torchvision checkpoint loads with `loadStateDict` (docs/models.md).
import * as torch from '../torch/index.js';
import { Tensor } from '../torch/index.js';
import { Module, Linear, Dropout, like } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import { conv, norm, strideOf, globalAvgPool, heInit, type Dims, type Stride } from './conv.js';
import { makeShortcut, type ShortcutKind } from './shortcut.js';
import { makeSE } from './se.js';
import { stemLayers, runStem, type StemSpec } from './stems.js';
import { NumericEmbedding, type EmbedSpec } from './embed.js';
import type { DropPathSpec } from './droppath.js';
import { bottleneckWidth, type Arrangement, type BlockArgs } from './blockargs.js';
import { PreActBlock } from './preact.js';
import { Bottle2neck } from './res2net.js';
import { MultiResBlock } from './multires.js';
import { HighwayBlock } from './highway.js';
import { imagenetResNet, cifarResNet, type NamedConfigs } from './presets.js';

/** 3×3 + 3×3, post-activation: relu(shortcut(x) + bn2(conv2(relu(bn1(conv1(x)))))). */
export class BasicBlock extends BlockBase {
  declare conv1: Module; declare bn1: Module; declare conv2: Module; declare bn2: Module;
  declare se: Module | null;
  constructor(a: BlockArgs) {
    super({ inChannels: a.cin, outChannels: a.planes, stride: strideOf(a.stride, a.dims) });
    this.registerModule('conv1', conv(a.dims, a.cin, a.planes, 3, { stride: a.stride }));
    this.registerModule('bn1', norm(a.dims, a.planes));
    this.registerModule('conv2', conv(a.dims, a.planes, a.planes, 3));
    this.registerModule('bn2', norm(a.dims, a.planes));
    this.se = optional(this, 'se', makeSE(a.dims, a.planes, a.se));
    this.setShortcut(a.shortcut === 'none', makeShortcut(a.shortcut, a.dims, a.cin, a.planes, a.stride));
  }
  protected branch(_i: number, x: Tensor): Tensor {
    const h = this.bn2.forward(this.conv2.forward(this.bn1.forward(this.conv1.forward(x)).relu()));
    return this.se ? this.se.forward(h) : h;
  }
  protected override join(y: Tensor): Tensor { return y.relu(); }
}

/**
 * 1×1 → 3×3 (stride, groups) → 1×1 ×4, post-activation (torchvision's v1.5). With
 * `pathBranches` (ResNeXt), each of the `groups` paths is a branch: its scale multiplies
 * that group's channels before the last 1×1 conv, i.e. its contribution to the sum that
 * the final BN normalises (form (b) ≡ (c) of Xie et al.).
 */
export class Bottleneck extends BlockBase {
  declare conv1: Module; declare bn1: Module; declare conv2: Module; declare bn2: Module;
  declare conv3: Module; declare bn3: Module; declare se: Module | null;
  readonly width: number;
  constructor(a: BlockArgs) {
    const width = bottleneckWidth(a);
    const cout = a.planes * 4;
    super({ inChannels: a.cin, outChannels: cout, stride: strideOf(a.stride, a.dims) }, a.pathBranches ? a.groups : 1);
    this.width = width;
    this.registerModule('conv1', conv(a.dims, a.cin, width, 1));
    this.registerModule('bn1', norm(a.dims, width));
    this.registerModule('conv2', conv(a.dims, width, width, 3, { stride: a.stride, groups: a.groups }));
    this.registerModule('bn2', norm(a.dims, width));
    this.registerModule('conv3', conv(a.dims, width, cout, 1));
    this.registerModule('bn3', norm(a.dims, cout));
    this.se = optional(this, 'se', makeSE(a.dims, cout, a.se));
    this.setShortcut(a.shortcut === 'none', makeShortcut(a.shortcut, a.dims, a.cin, cout, a.stride));
  }
  private middle(x: Tensor): Tensor {
    return this.bn2.forward(this.conv2.forward(this.bn1.forward(this.conv1.forward(x)).relu())).relu();
  }
  private last(h: Tensor): Tensor {
    const y = this.bn3.forward(this.conv3.forward(h));
    return this.se ? this.se.forward(y) : y;
  }
  protected branch(_i: number, x: Tensor): Tensor { return this.last(this.middle(x)); }
  protected override combineBranches(x: Tensor): Tensor | null {
    const s = this.branchScales;
    if (this.numBranches === 1) return super.combineBranches(x);
    if (s.every((v) => v === 0)) return null;
    if (s.every((v) => v === 1)) return this.branch(0, x);
    const per = this.width / this.numBranches;
    const h = this.middle(x);
    const gate = new Float64Array(this.width).map((_, c) => s[Math.floor(c / per)]);
    const mask = torch.tensor(gate, { shape: [1, this.width, ...Array(this.shape.stride.length).fill(1)], ...like(h) });
    return this.last(h.mul(mask));
  }
  protected override join(y: Tensor): Tensor { return y.relu(); }
}

/** Registers m under `name` when present, so state-dict keys only name real layers. */
export function optional<M extends Module>(owner: Module, name: string, m: M | null): M | null {
  return m ? owner.registerModule(name, m) : null;
}

export type BlockKind = 'basic' | 'bottleneck' | 'preact_basic' | 'preact_bottleneck' | 'res2net' | 'multires' | 'highway';

const BLOCKS: Record<BlockKind, (a: BlockArgs) => BlockBase> = {
  basic: (a) => new BasicBlock(a),
  bottleneck: (a) => new Bottleneck(a),
  preact_basic: (a) => new PreActBlock(a, false),
  preact_bottleneck: (a) => new PreActBlock(a, true),
  res2net: (a) => new Bottle2neck(a),
  multires: (a) => new MultiResBlock(a),
  highway: (a) => new HighwayBlock(a),
};

export interface ResNetConfig {
  family: 'resnet';
  dims: Dims;
  inChannels: number;
  numClasses: number;
  stem: StemSpec;
  block: BlockKind;
  /** Blocks per stage. */
  layers: number[];
  /** Stage widths ("planes"); bottlenecks output 4×. */
  widths: number[];
  /** Stride of each stage's first block. */
  strides: Stride[];
  shortcut: ShortcutKind;
  groups?: number;
  baseWidth?: number;
  pathBranches?: boolean;
  arrangement?: Arrangement;
  dropout?: number;
  scale?: number;
  multiplicity?: number;
  se?: number;
  dropPath?: DropPathSpec;
  /** BN-ReLU before pooling (pre-activation nets, whose blocks end on a convolution). */
  finalNorm?: boolean;
  /** Dropout before the classifier. */
  headDropout?: number;
  /**
   * 'avg' (default): global average pooling. 'last': the features at the last position of
   * the last axis (averaged over the others), for inputs whose last axis is time ending at
   * the sample's own day (the history layout): the classifier reads "today in the light of
   * the past" instead of an average in which today is one day of T.
   */
  pool?: 'avg' | 'last';
  /** A numeric embedding of every value cell before the stem; its d dims per cell become channels. */
  embed?: EmbedSpec;
}

export class ResNet extends BlockNet {
  readonly config: ResNetConfig;
  declare embed: NumericEmbedding | null;
  declare conv1: Module;
  declare bn1: Module | null;
  declare bn_final: Module | null;
  declare head_drop: Module | null;
  declare fc: Linear;
  constructor(cfg: ResNetConfig) {
    super();
    this.config = cfg;
    const n = cfg.layers.length;
    if (cfg.widths.length !== n || cfg.strides.length !== n) {
      throw new Error(`resnet config: layers (${n}), widths (${cfg.widths.length}) and strides (${cfg.strides.length}) must have one entry per stage`);
    }
    const make = BLOCKS[cfg.block];
    if (!make) throw new Error(`resnet config: unknown block '${cfg.block}' (one of ${Object.keys(BLOCKS).join(', ')})`);
    this.embed = optional(this, 'embed', cfg.embed ? new NumericEmbedding(cfg.embed) : null);
    const stemInput = this.embed?.outputShape;
    const stemSpec = stemInput && cfg.stem.kind === 'dense' ? { ...cfg.stem, inFeatures: stemInput.reduce((a, b) => a * b, 1) } : cfg.stem;
    const stem = stemLayers(cfg.dims, stemInput ? stemInput[0] : cfg.inChannels, stemSpec);
    this.registerModule('conv1', stem.conv);
    this.bn1 = optional(this, 'bn1', stem.norm);
    let cin = cfg.stem.width;
    cfg.layers.forEach((count, si) => {
      const blocks: BlockBase[] = [];
      for (let j = 0; j < count; j++) {
        const b = make({
          dims: cfg.dims, cin, planes: cfg.widths[si], stride: j === 0 ? cfg.strides[si] : 1, shortcut: cfg.shortcut,
          groups: cfg.groups ?? 1, baseWidth: cfg.baseWidth ?? 64, se: cfg.se, dropout: cfg.dropout,
          arrangement: cfg.arrangement, scale: cfg.scale, multiplicity: cfg.multiplicity, pathBranches: cfg.pathBranches,
        });
        blocks.push(b);
        cin = b.shape.outChannels;
      }
      this.addStage(`layer${si + 1}`, blocks);
    });
    this.setDropPath(cfg.dropPath);
    this.bn_final = optional(this, 'bn_final', cfg.finalNorm ? norm(cfg.dims, cin) : null);
    this.head_drop = optional(this, 'head_drop', cfg.headDropout ? new Dropout(cfg.headDropout) : null);
    this.registerModule('fc', new Linear(cin, cfg.numClasses));
    heInit(this);
  }
  protected stemForward(x: Tensor): Tensor {
    return runStem(this.config.stem, this.config.dims, this.conv1, this.bn1, this.embed ? this.embed.forward(x) : x);
  }
  /** Older checkpoints kept the stem under `stem.` (`stem.conv1.weight`). */
  protected override legacyKey(k: string): string { return super.legacyKey(k.startsWith('stem.') ? k.slice(5) : k); }
  protected headForward(h: Tensor): Tensor {
    if (this.bn_final) h = this.bn_final.forward(h).relu();
    let p = this.config.pool === 'last' ? lastPosition(h) : globalAvgPool(h);
    if (this.head_drop) p = this.head_drop.forward(p);
    return this.fc.forward(p);
  }
}

/** [B, C, …, L] → [B, C]: the last position of the last axis, averaged over the axes between. */
function lastPosition(h: Tensor): Tensor {
  const last = h.select(h.dim() - 1, h.shape[h.dim() - 1] - 1);
  return last.dim() > 2 ? last.flatten(2).mean(2) : last;
}

const CIFAR = [3, 32, 32];
const IMAGENET = [3, 224, 224];

export const resnetModels: NamedConfigs = {
  resnet18: { description: 'torchvision ResNet-18 (basic, [2,2,2,2])', input: IMAGENET, config: () => imagenetResNet('basic', [2, 2, 2, 2]) },
  resnet34: { description: 'torchvision ResNet-34 (basic, [3,4,6,3])', input: IMAGENET, config: () => imagenetResNet('basic', [3, 4, 6, 3]) },
  resnet50: { description: 'torchvision ResNet-50 (bottleneck, [3,4,6,3])', input: IMAGENET, config: () => imagenetResNet('bottleneck', [3, 4, 6, 3]) },
  resnet101: { description: 'torchvision ResNet-101 (bottleneck, [3,4,23,3])', input: IMAGENET, config: () => imagenetResNet('bottleneck', [3, 4, 23, 3]) },
  resnet152: { description: 'torchvision ResNet-152 (bottleneck, [3,8,36,3])', input: IMAGENET, config: () => imagenetResNet('bottleneck', [3, 8, 36, 3]) },
  seresnet50: { description: 'timm SE-ResNet-50 (SE ratio 1/16 in every bottleneck)', input: IMAGENET, config: () => imagenetResNet('bottleneck', [3, 4, 6, 3], { se: 16 }) },
};
for (const d of [20, 32, 44, 56, 110, 1202]) {
  resnetModels[`resnet${d}`] = { description: `CIFAR ResNet-${d} (He et al. 2016; option A shortcuts)`, input: CIFAR, config: () => cifarResNet(d, 'basic', 'A') };
}
