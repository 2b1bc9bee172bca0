// Balduzzi et al.'s (2017) test networks for shattered gradients: a scalar input, fully
// connected layers of equal width with ReLU, a scalar output. Three arrangements:
//   plain   h ← relu(BN?(W h))                        one weight layer per step
//   resnet  h ← h + W2 relu(BN?(W1 h))                two weight layers per block
//   preact  h ← h + W2 relu(BN?(W1 relu(BN?(h))))     BN-ReLU-W ordering (He et al. 2016b)
// Depth counts hidden weight layers in every arrangement, so plain depth L and a residual
// net of depth L (L/2 blocks) have the same number of w × w matrices and parameters. A
// linear stem (1 → w) and head (w → 1) sit around the body; depth 0 is a linear function.
import * as torch from '../../torch/index.js';
import { Tensor } from '../../torch/index.js';
import { Module, Linear, BatchNorm1d, BatchNorm, ModuleList, init } from '../../nn/index.js';

export const ARCHS = ['plain', 'resnet', 'preact'] as const;
export type Arch = (typeof ARCHS)[number];

export interface SweepNetSpec {
  arch: Arch;
  /** Hidden weight layers (residual nets: twice the blocks, so it must be even). */
  depth: number;
  width: number;
  batchNorm: boolean;
}

/** He-normal weights (fan in, ReLU gain) as Balduzzi et al. used; biases keep the engine's default U(±1/√fan_in). */
function heLinear(fin: number, fout: number): Linear {
  const l = new Linear(fin, fout);
  init.kaimingNormal_(l.weight, { nonlinearity: 'relu' });
  return l;
}

const maybeBn = (on: boolean, w: number): Module | null => (on ? new BatchNorm1d(w) : null);
const apply = (m: Module | null, x: Tensor) => (m ? m.forward(x) : x);

class PlainLayer extends Module {
  declare fc: Linear; declare bn: Module | null;
  constructor(w: number, bn: boolean) {
    super();
    this.registerModule('fc', heLinear(w, w));
    this.bn = bn ? this.registerModule('bn', new BatchNorm1d(w)) : null;
  }
  forward(x: Tensor): Tensor { return apply(this.bn, this.fc.forward(x)).relu(); }
}

class ResBlock extends Module {
  declare fc1: Linear; declare fc2: Linear; declare bn: Module | null;
  constructor(w: number, bn: boolean) {
    super();
    this.registerModule('fc1', heLinear(w, w));
    this.bn = bn ? this.registerModule('bn', new BatchNorm1d(w)) : null;
    this.registerModule('fc2', heLinear(w, w));
  }
  forward(x: Tensor): Tensor { return x.add(this.fc2.forward(apply(this.bn, this.fc1.forward(x)).relu())); }
}

class PreActBlock extends Module {
  declare bn1: Module | null; declare fc1: Linear; declare bn2: Module | null; declare fc2: Linear;
  constructor(w: number, bn: boolean) {
    super();
    const b1 = maybeBn(bn, w);
    this.bn1 = b1 ? this.registerModule('bn1', b1) : null;
    this.registerModule('fc1', heLinear(w, w));
    const b2 = maybeBn(bn, w);
    this.bn2 = b2 ? this.registerModule('bn2', b2) : null;
    this.registerModule('fc2', heLinear(w, w));
  }
  forward(x: Tensor): Tensor {
    const h = this.fc1.forward(apply(this.bn1, x).relu());
    return x.add(this.fc2.forward(apply(this.bn2, h).relu()));
  }
}

export class SweepNet extends Module {
  declare stem: Linear; declare body: ModuleList; declare head: Linear;
  constructor(readonly spec: SweepNetSpec) {
    super();
    checkSpec(spec);
    const { arch, depth, width: w, batchNorm: bn } = spec;
    this.registerModule('stem', heLinear(1, w));
    const steps = arch === 'plain' ? depth : depth / 2;
    const make = () => (arch === 'plain' ? new PlainLayer(w, bn) : arch === 'resnet' ? new ResBlock(w, bn) : new PreActBlock(w, bn));
    this.registerModule('body', new ModuleList(Array.from({ length: steps }, make)));
    // The head is linear (gain 1): it only reads the last layer out.
    this.registerModule('head', new Linear(w, 1));
    init.kaimingNormal_(this.head.weight, { nonlinearity: 'linear' });
  }
  forward(x: Tensor): Tensor {
    let h = this.stem.forward(x);
    for (const m of this.body) h = m.forward(h);
    return this.head.forward(h);
  }
}

export function checkSpec(s: SweepNetSpec): void {
  if (!ARCHS.includes(s.arch)) throw new Error(`arch '${s.arch}': expected one of ${ARCHS.join(', ')}`);
  if (!Number.isInteger(s.depth) || s.depth < 0) throw new Error(`depth ${s.depth}: expected a whole number of weight layers ≥ 0`);
  if (s.arch !== 'plain' && s.depth % 2) throw new Error(`depth ${s.depth} for ${s.arch}: residual blocks hold two weight layers, so the depth must be even`);
  if (!Number.isInteger(s.width) || s.width < 1) throw new Error(`width ${s.width}: expected a positive whole number`);
}

/** A seeded net in float64 (so finite differences along the sweep can check its gradient). */
export function sweepNet(spec: SweepNetSpec, seed: number): SweepNet {
  torch.manualSeed(seed);
  return new SweepNet(spec).to('float64');
}

/**
 * Sets every batch norm's running statistics to those of one batch and switches the
 * model to eval mode. Balduzzi et al. normalise over the sweep as one batch; freezing
 * that batch's statistics makes the net one fixed function of each input, so its
 * gradient at a point is a true derivative (with live statistics, d Σ f / d x_i would
 * also carry every other point's output through the batch mean and variance).
 */
export function freezeBatchStats(model: Module, x: Tensor): void {
  const bns = model.modules().filter((m): m is BatchNorm => m instanceof BatchNorm);
  if (bns.length) {
    // Momentum 1 replaces the running statistics with the batch's in one pass.
    const saved = bns.map((b) => b.momentum);
    try {
      for (const b of bns) (b as { momentum: number }).momentum = 1;
      model.train();
      torch.noGrad(() => torch.tidy(() => { model.forward(x); }));
    } finally {
      bns.forEach((b, i) => { (b as { momentum: number }).momentum = saved[i]; });
    }
  }
  model.eval();
}
