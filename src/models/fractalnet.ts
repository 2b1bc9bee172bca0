// FractalNet (Larsson et al. 2017): ultra-deep nets without residuals. A fractal block
// of C columns expands by f_1(z) = conv(z), f_{C+1}(z) = join(conv(z), f_C(f_C(z))),
// where join is the element-wise mean; column c (0-based) holds 2^c convolutions and
// every block ends in a pooling. Regularised by drop-path: local (each join drops each
// input with probability p, keeping at least one) and global (for a share of the
// mini-batches one column is chosen and the whole net runs that column only).
// Contract: a fractal block is one block whose branches are its C columns. A branch
// scale multiplies that column's inputs at every join it reaches and 0 removes it from
// the join (as drop-path does); the shortcut gradient scale applies to the shallowest
// column and the branch gradient scale to the others, at the block's top join only.
// There is no shortcut: a block can be removed (input → pooling) only when it keeps the
// channel count.
import * as torch from '../torch/index.js';
import { Tensor, gradScale } from '../torch/index.js';
import { Module, Linear } from '../nn/index.js';
import { BlockBase, BlockNet } from './blocks.js';
import type { NamedConfigs } from './presets.js';
import { conv, norm, maxPool, globalAvgPool, heInit, strideOf, isUnit, type Dims, type Stride } from './conv.js';

class ConvUnit extends Module {
  declare conv: Module; declare bn: Module;
  constructor(dims: Dims, cin: number, cout: number) {
    super();
    this.registerModule('conv', conv(dims, cin, cout, 3));
    this.registerModule('bn', norm(dims, cout));
  }
  override forward(x: Tensor): Tensor { return this.bn.forward(this.conv.forward(x)).relu(); }
}

interface JoinCtx { active: boolean[]; scales: number[]; localDrop: number; training: boolean }
type ColOut = [number, Tensor];

/** f_C with its shallow column at index `col`. */
class Fractal extends Module {
  declare shallow: ConvUnit; declare first: Fractal | null; declare second: Fractal | null;
  constructor(dims: Dims, cin: number, cout: number, readonly columns: number, readonly col: number) {
    super();
    this.registerModule('shallow', new ConvUnit(dims, cin, cout));
    this.first = columns > 1 ? this.registerModule('first', new Fractal(dims, cin, cout, columns - 1, col + 1)) : null;
    this.second = columns > 1 ? this.registerModule('second', new Fractal(dims, cout, cout, columns - 1, col + 1)) : null;
  }
  run(z: Tensor, ctx: JoinCtx): ColOut[] {
    const out: ColOut[] = [];
    if (ctx.active[this.col]) out.push([this.col, this.shallow.forward(z)]);
    if (this.first && this.second && ctx.active.slice(this.col + 1, this.col + this.columns).some(Boolean)) {
      const t = join(this.first.run(z, ctx), ctx);
      out.push(...this.second.run(t, ctx));
    }
    return out;
  }
  override forward(): Tensor { throw new Error('Fractal.run is driven by FractalBlock'); }
}

function survivors(n: number, ctx: JoinCtx): boolean[] {
  if (!ctx.training || ctx.localDrop <= 0 || n < 2) return Array(n).fill(true);
  const u = torch.tidy(() => torch.rand([n + 1]).toFlatArray());
  const keep = u.slice(0, n).map((v) => v >= ctx.localDrop);
  if (!keep.some(Boolean)) keep[Math.min(n - 1, Math.floor(u[n] * n))] = true;
  return keep;
}

function join(inputs: ColOut[], ctx: JoinCtx, grad?: (col: number, t: Tensor) => Tensor): Tensor {
  if (inputs.length === 1 && !grad) {
    const [c, t] = inputs[0];
    return ctx.scales[c] === 1 ? t : t.mul(ctx.scales[c]);
  }
  const keep = survivors(inputs.length, ctx);
  let sum: Tensor | null = null;
  let n = 0;
  inputs.forEach(([c, t], i) => {
    if (!keep[i]) return;
    let v = ctx.scales[c] === 1 ? t : t.mul(ctx.scales[c]);
    if (grad) v = grad(c, v);
    sum = sum ? sum.add(v) : v;
    n++;
  });
  return n === 1 ? sum! : (sum as unknown as Tensor).div(n);
}

export class FractalBlock extends BlockBase {
  declare fractal: Fractal;
  /** Set by the model per forward: the one column of a global drop-path batch. */
  globalColumn: number | null = null;
  localDrop = 0;
  constructor(readonly dims: Dims, cin: number, cout: number, columns: number, readonly pool: Stride) {
    super({ inChannels: cin, outChannels: cout, stride: strideOf(pool, dims) }, columns);
    this.registerModule('fractal', new Fractal(dims, cin, cout, columns, 0));
    this.setShortcut(true);
  }
  override get removable(): boolean { return this.shape.inChannels === this.shape.outChannels; }
  override get downsample(): boolean { return true; }
  private pooled(y: Tensor): Tensor { return isUnit(this.pool) ? y : maxPool(y, this.dims, this.shape.stride[0], this.shape.stride); }
  protected branch(): Tensor { throw new Error('FractalBlock computes its columns in forward'); }
  override forward(x: Tensor): Tensor {
    if (!this.enabled) return this.pooled(x);
    const scales = this.branchScales;
    const active = scales.map((s, c) => s !== 0 && (this.globalColumn === null || this.globalColumn === c));
    if (!active.some(Boolean)) return this.pooled(this.fractal.shallow.forward(x).mul(0));
    const ctx: JoinCtx = { active, scales, localDrop: this.globalColumn === null ? this.localDrop : 0, training: this.training };
    const g = (c: number, t: Tensor) => {
      const s = c === 0 ? this.shortcutGradScale : this.branchGradScale;
      return s === 1 ? t : gradScale(t, s);
    };
    return this.pooled(join(this.fractal.run(x, ctx), ctx, g));
  }
}

export interface FractalNetConfig {
  family: 'fractalnet';
  dims: Dims;
  inChannels: number;
  numClasses: number;
  columns: number;
  /** Output width of each fractal block (one block per entry). */
  widths: number[];
  /** Pooling after each block (default 2). */
  pool?: Stride;
  /** Local drop-path probability per join input (paper: 0.15). */
  localDrop: number;
  /** Share of training mini-batches run as one global column (paper: 0.5). */
  globalRatio: number;
}

export class FractalNet extends BlockNet {
  readonly config: FractalNetConfig;
  declare fc: Linear;
  constructor(cfg: FractalNetConfig) {
    super();
    this.config = cfg;
    let cin = cfg.inChannels;
    const blocks = cfg.widths.map((w) => {
      const b = new FractalBlock(cfg.dims, cin, w, cfg.columns, cfg.pool ?? 2);
      b.localDrop = cfg.localDrop;
      cin = w;
      return b;
    });
    this.addStage('fractals', blocks);
    this.registerModule('fc', new Linear(cin, cfg.numClasses));
    heInit(this);
  }
  protected override beforeBlocks(): void {
    let col: number | null = null;
    if (this.training && this.config.globalRatio > 0) {
      const u = torch.tidy(() => torch.rand([2]).toFlatArray());
      if (u[0] < this.config.globalRatio) col = Math.min(this.config.columns - 1, Math.floor(u[1] * this.config.columns));
    }
    for (const b of this.blocks()) (b as FractalBlock).globalColumn = col;
  }
  protected stemForward(x: Tensor): Tensor { return x; }
  protected headForward(h: Tensor): Tensor { return this.fc.forward(globalAvgPool(h)); }
}

const fractal = (columns: number): FractalNetConfig => ({
  family: 'fractalnet', dims: 2, inChannels: 3, numClasses: 10, columns, widths: [64, 128, 256, 512, 512], localDrop: 0.15, globalRatio: 0.5,
});

export const fractalModels: NamedConfigs = {
  fractalnet: { description: 'CIFAR FractalNet, 5 blocks × 3 columns (20 layers deep)', input: [3, 32, 32], config: () => fractal(3) },
  fractalnet40: { description: 'CIFAR FractalNet, 5 blocks × 4 columns (40 layers deep)', input: [3, 32, 32], config: () => fractal(4) },
};
