// Res2Net bottleneck (Gao et al. 2019): the 3×3 stage of a bottleneck is split into s
// groups of `width` channels; group i is convolved after adding the previous group's
// output (hierarchical, growing receptive fields) and one group passes through. In a
// stage's first block the groups are convolved independently and the pass-through
// group is average-pooled to the new resolution (as in the reference implementation).
import * as torch from '../torch/index.js';
import { Tensor } from '../torch/index.js';
import { Module, ModuleList } from '../nn/index.js';
import { BlockBase } from './blocks.js';
import { conv, norm, strideOf, isUnit, avgPool, type Dims, type Stride } from './conv.js';
import { makeShortcut } from './shortcut.js';
import { SqueezeExcite } from './se.js';
import { bottleneckWidth, type BlockArgs } from './blockargs.js';
import { imagenetResNet, type NamedConfigs } from './presets.js';

export class Bottle2neck extends BlockBase {
  declare conv1: Module; declare bn1: Module; declare convs: ModuleList; declare bns: ModuleList;
  declare conv3: Module; declare bn3: Module; declare se: Module | null;
  readonly width: number;
  readonly scale: number;
  private readonly first: boolean;
  private readonly dims: Dims;
  private readonly stride: Stride;

  constructor(a: BlockArgs) {
    const cout = a.planes * 4;
    super({ inChannels: a.cin, outChannels: cout, stride: strideOf(a.stride, a.dims) });
    this.width = bottleneckWidth(a);
    this.scale = a.scale ?? 4;
    this.dims = a.dims;
    this.stride = a.stride;
    const sc = makeShortcut(a.shortcut, a.dims, a.cin, cout, a.stride);
    this.first = !isUnit(a.stride) || a.cin !== cout;
    const w = this.width;
    this.registerModule('conv1', conv(a.dims, a.cin, w * this.scale, 1));
    this.registerModule('bn1', norm(a.dims, w * this.scale));
    const n = Math.max(1, this.scale - 1);
    this.registerModule('convs', new ModuleList(Array.from({ length: n }, () => conv(a.dims, w, w, 3, { stride: a.stride, groups: a.groups }))));
    this.registerModule('bns', new ModuleList(Array.from({ length: n }, () => norm(a.dims, w))));
    this.registerModule('conv3', conv(a.dims, w * this.scale, cout, 1));
    this.registerModule('bn3', norm(a.dims, cout));
    this.se = a.se ? this.registerModule('se', new SqueezeExcite(a.dims, cout, Math.max(1, Math.floor(a.planes / 4)))) : null;
    this.setShortcut(a.shortcut === 'none', sc);
  }

  protected branch(_i: number, x: Tensor): Tensor {
    const h = this.bn1.forward(this.conv1.forward(x)).relu();
    const xs = this.scale > 1 ? h.split(this.width, 1) : [h];
    const outs: Tensor[] = [];
    let sp: Tensor | null = null;
    for (let i = 0; i < this.convs.length; i++) {
      const inp: Tensor = sp === null || this.first ? xs[i] : sp.add(xs[i]);
      sp = this.bns.at(i).forward(this.convs.at(i).forward(inp)).relu();
      outs.push(sp);
    }
    if (this.scale > 1) {
      const last = xs[xs.length - 1];
      outs.push(this.first ? avgPool(last, this.dims, 3, this.stride, 1) : last);
    }
    const y = this.bn3.forward(this.conv3.forward(outs.length > 1 ? torch.cat(outs, 1) : outs[0]));
    return this.se ? this.se.forward(y) : y;
  }
  protected override join(y: Tensor): Tensor { return y.relu(); }
}

const res2net = (layers: number[], baseWidth: number, scale: number, se = 0) =>
  imagenetResNet('res2net', layers, { baseWidth, scale, ...(se ? { se } : {}) });

export const res2netModels: NamedConfigs = {
  res2net50_26w_4s: { description: 'timm Res2Net-50 26w×4s (≈ 25.7 M)', input: [3, 224, 224], config: () => res2net([3, 4, 6, 3], 26, 4) },
  res2net50_48w_2s: { description: 'timm Res2Net-50 48w×2s', input: [3, 224, 224], config: () => res2net([3, 4, 6, 3], 48, 2) },
  res2net50_14w_8s: { description: 'timm Res2Net-50 14w×8s', input: [3, 224, 224], config: () => res2net([3, 4, 6, 3], 14, 8) },
  res2net101_26w_4s: { description: 'timm Res2Net-101 26w×4s', input: [3, 224, 224], config: () => res2net([3, 4, 23, 3], 26, 4) },
  se_res2net50_26w_4s: { description: 'Res2Net-50 26w×4s with SE in every block', input: [3, 224, 224], config: () => res2net([3, 4, 6, 3], 26, 4, 1) },
};
