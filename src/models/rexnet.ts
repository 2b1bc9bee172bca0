// ReXNet (Han et al. 2021): MobileNetV2-style inverted bottlenecks whose output width
// grows linearly block by block (every block an expand layer), SiLU after expansions,
// ReLU6 after the depthwise conv, SE with BN. Widths follow timm's rexnet_100 rule so
// the parameter count matches (≈ 4.8 M).
// Contract: a stride-1 block adds its input to its first C_in output channels, i.e. the
// shortcut is x zero-padded to C_out channels (so these blocks are removable even though
// they widen); stride-2 blocks have no shortcut and cannot be removed. Only those are
// `downsample` (stage transitions): a widening stride-1 block passes its input on, like
// a dense layer, so the lesion study may delete it.
import { Tensor, F } from '../torch/index.js';
import { Module, Linear, Dropout } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import { conv, norm, globalAvgPool, heInit, strideOf, isUnit, type Dims, type Stride } from './conv.js';
import { SqueezeExcite } from './se.js';
import type { DropPathSpec } from './droppath.js';
import type { NamedConfigs } from './presets.js';

/** Python's round(): halves go to the even neighbour (timm's widths depend on it). */
export function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}
/** timm's make_divisible with divisor 1. */
const divisible = (v: number) => {
  const n = Math.max(1, Math.floor(v + 0.5));
  return n < 0.9 * v ? n + 1 : n;
};

export class LinearBottleneck extends BlockBase {
  declare conv_exp: Module | null; declare bn_exp: Module | null;
  declare conv_dw: Module; declare bn_dw: Module; declare se: Module | null;
  declare conv_pwl: Module; declare bn_pwl: Module;
  private readonly dims: Dims;
  constructor(dims: Dims, cin: number, cout: number, stride: Stride, exp: number, seRatio: number) {
    super({ inChannels: cin, outChannels: cout, stride: strideOf(stride, dims) });
    this.dims = dims;
    this.setShortcut(!(isUnit(stride) && cin <= cout));
    const dw = exp !== 1 ? divisible(pyRound(cin * exp)) : cin;
    this.conv_exp = exp !== 1 ? this.registerModule('conv_exp', conv(dims, cin, dw, 1)) : null;
    this.bn_exp = exp !== 1 ? this.registerModule('bn_exp', norm(dims, dw)) : null;
    this.registerModule('conv_dw', conv(dims, dw, dw, 3, { stride, groups: dw }));
    this.registerModule('bn_dw', norm(dims, dw));
    this.se = seRatio > 0 ? this.registerModule('se', new SqueezeExcite(dims, dw, divisible(Math.floor(dw * seRatio)), true)) : null;
    this.registerModule('conv_pwl', conv(dims, dw, cout, 1));
    this.registerModule('bn_pwl', norm(dims, cout));
  }
  // Every block widens a little, so a shape change is no transition here: only the blocks
  // without a shortcut (stride 2, or narrowing) are, as in timm's ReXNet.
  override get downsample(): boolean { return !this.hasShortcut; }
  protected branch(_i: number, x: Tensor): Tensor {
    let h = x;
    if (this.conv_exp && this.bn_exp) h = F.silu(this.bn_exp.forward(this.conv_exp.forward(h)));
    h = this.bn_dw.forward(this.conv_dw.forward(h));
    if (this.se) h = this.se.forward(h);
    return this.bn_pwl.forward(this.conv_pwl.forward(F.relu6(h)));
  }
  protected override shortcut(x: Tensor): Tensor | null {
    if (!this.hasShortcut) return null;
    const extra = this.shape.outChannels - this.shape.inChannels;
    return extra === 0 ? x : F.pad(x, [...Array(2 * this.dims).fill(0), 0, extra]);
  }
}

export interface ReXNetConfig {
  family: 'rexnet';
  dims: Dims;
  inChannels: number;
  numClasses: number;
  widthMult: number;
  depthMult: number;
  /** 2 for 224-pixel images; 1 keeps small grids/sequences (the block strides still apply). */
  stemStride: Stride;
  /** Strides of the six stages (default [1, 2, 2, 2, 1, 2]). */
  strides?: Stride[];
  seRatio: number;
  headDropout: number;
  dropPath?: DropPathSpec;
}

export class ReXNet extends BlockNet {
  readonly config: ReXNetConfig;
  declare stem_conv: Module; declare stem_bn: Module; declare head_conv: Module; declare head_bn: Module;
  declare head_drop: Module; declare fc: Linear;
  constructor(cfg: ReXNetConfig) {
    super();
    this.config = cfg;
    const wm = cfg.widthMult;
    const stemCh = divisible(pyRound((wm < 1 ? 32 / wm : 32) * wm));
    this.registerModule('stem_conv', conv(cfg.dims, cfg.inChannels, stemCh, 3, { stride: cfg.stemStride }));
    this.registerModule('stem_bn', norm(cfg.dims, stemCh));
    const layers = [1, 2, 2, 3, 3, 5].map((l) => Math.ceil(l * cfg.depthMult));
    const stageStrides = cfg.strides ?? [1, 2, 2, 2, 1, 2];
    const n = layers.reduce((a, b) => a + b, 0);
    let base = wm < 1 ? 16 / wm : 16;
    let cin = stemCh;
    layers.forEach((count, si) => {
      const blocks: BlockBase[] = [];
      for (let j = 0; j < count; j++) {
        const cout = divisible(pyRound(base * wm));
        base += 180 / n;
        const se = si >= 2 ? cfg.seRatio : 0;
        blocks.push(new LinearBottleneck(cfg.dims, cin, cout, j === 0 ? stageStrides[si] : 1, si === 0 ? 1 : 6, se));
        cin = cout;
      }
      this.addStage(`stage${si + 1}`, blocks);
    });
    this.setDropPath(cfg.dropPath);
    const pen = divisible(1280 * wm);
    this.registerModule('head_conv', conv(cfg.dims, cin, pen, 1));
    this.registerModule('head_bn', norm(cfg.dims, pen));
    this.registerModule('head_drop', new Dropout(cfg.headDropout));
    this.registerModule('fc', new Linear(pen, cfg.numClasses));
    heInit(this);
  }
  protected stemForward(x: Tensor): Tensor { return F.silu(this.stem_bn.forward(this.stem_conv.forward(x))); }
  protected headForward(h: Tensor): Tensor {
    const p = globalAvgPool(F.silu(this.head_bn.forward(this.head_conv.forward(h))));
    return this.fc.forward(this.head_drop.forward(p));
  }
}

const rexnet = (widthMult: number): ReXNetConfig => ({
  family: 'rexnet', dims: 2, inChannels: 3, numClasses: 1000, widthMult, depthMult: 1, stemStride: 2, seRatio: 1 / 12, headDropout: 0.2,
});

export const rexnetModels: NamedConfigs = {
  rexnet_100: { description: 'timm ReXNet-1.0× (≈ 4.8 M)', input: [3, 224, 224], config: () => rexnet(1) },
  rexnet_130: { description: 'timm ReXNet-1.3×', input: [3, 224, 224], config: () => rexnet(1.3) },
  rexnet_150: { description: 'timm ReXNet-1.5×', input: [3, 224, 224], config: () => rexnet(1.5) },
  rexnet_200: { description: 'timm ReXNet-2.0×', input: [3, 224, 224], config: () => rexnet(2) },
  rexnet_cifar: { description: 'ReXNet-1.0× for 32-pixel inputs (stride-1 stem, 10 classes)', input: [3, 32, 32], config: () => ({ ...rexnet(1), stemStride: 1, numClasses: 10 }) },
};
