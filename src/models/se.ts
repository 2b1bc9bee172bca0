// Squeeze-and-excitation (Hu et al. 2018): channel gates from globally pooled features.
// Usable in any family; ReXNet's variant puts a BN inside (withNorm).
import { Tensor } from '../torch/index.js';
import { Module } from '../nn/index.js';
import { conv, norm, type Dims } from './conv.js';

export class SqueezeExcite extends Module {
  declare fc1: Module;
  declare bn: Module | null;
  declare fc2: Module;
  /** `hidden`: the squeezed width (e.g. channels/16). */
  constructor(readonly dims: Dims, readonly channels: number, readonly hidden: number, withNorm = false) {
    super();
    this.registerModule('fc1', conv(dims, channels, hidden, 1, { bias: true }));
    this.bn = withNorm ? this.registerModule('bn', norm(dims, hidden)) : null;
    this.registerModule('fc2', conv(dims, hidden, channels, 1, { bias: true }));
  }
  override forward(x: Tensor): Tensor {
    const s = x.mean(Array.from({ length: this.dims }, (_, i) => i + 2), true);
    let h = this.fc1.forward(s);
    if (this.bn) h = this.bn.forward(h);
    return x.mul(this.fc2.forward(h.relu()).sigmoid());
  }
}

/** SE with reduction ratio r (hidden = max(1, ⌊C/r⌋)), or null for r ≤ 0. */
export function makeSE(dims: Dims, channels: number, reduction: number | undefined): SqueezeExcite | null {
  if (!reduction || reduction <= 0) return null;
  return new SqueezeExcite(dims, channels, Math.max(1, Math.floor(channels / reduction)));
}

