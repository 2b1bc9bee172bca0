// Stems: what runs before the first block.
// - imagenet: 7×7/2 conv, BN, ReLU, 3×3/2 max-pool (÷4 resolution) for 224-pixel inputs.
// - cifar: 3×3/1 conv, BN, ReLU for 32-pixel inputs.
// - tabular: 3×3/1 conv, BN, ReLU and never a pool, for small feature grids (5 × 30) or
//   feature sequences; used with per-axis strides that leave the short axis alone.
// - dense: linear expansion of the flattened input to channels × length, BN, ReLU.
// `norm: false` leaves out BN-ReLU (pre-activation nets normalise in the first block).
import { Tensor } from '../torch/index.js';
import { Module, Linear } from '../nn/index.js';
import { conv, norm, maxPool, type Dims, type Stride } from './conv.js';

export type StemKind = 'imagenet' | 'cifar' | 'tabular' | 'dense';
/**
 * `stride` (tabular stems only) strides the stem's convolution, e.g. [1, 2] to halve a
 * wide feature axis at once: on a 6 × 246 grid most of a small detector's cost is in the
 * first full-resolution layers.
 */
export interface StemSpec {
  kind: StemKind; width: number; norm?: boolean; stride?: Stride;
  /**
   * dense (the MoA 2nd-place "learned ordering"): a linear layer from the whole flattened
   * input to width × length, reshaped to channels × length, so the network learns which
   * features to put next to each other before its 1-D convolutions. `inFeatures` is set
   * from the input shape when the model is built.
   */
  length?: number; inFeatures?: number;
}

export class Stem extends Module {
  declare conv1: Module;
  declare bn1: Module | null;
  constructor(readonly dims: Dims, inChannels: number, readonly spec: StemSpec) {
    super();
    const big = spec.kind === 'imagenet';
    if (spec.kind === 'dense') {
      if (dims !== 1 || !spec.length || !spec.inFeatures) throw new Error('a dense stem needs a 1-D model, its length and its input size (inFeatures)');
      this.registerModule('conv1', new Linear(spec.inFeatures, spec.width * spec.length));
    } else {
      this.registerModule('conv1', conv(dims, inChannels, spec.width, big ? 7 : 3, { stride: big ? 2 : spec.stride ?? 1 }));
    }
    this.bn1 = spec.norm === false ? null : this.registerModule('bn1', norm(dims, spec.width));
  }
  get outChannels(): number { return this.spec.width; }
  override forward(x: Tensor): Tensor {
    let h = this.spec.kind === 'dense' ? this.conv1.forward(x.flatten(1)).view(x.shape[0], this.spec.width, this.spec.length!) : this.conv1.forward(x);
    if (this.bn1) h = this.bn1.forward(h).relu();
    return this.spec.kind === 'imagenet' ? maxPool(h, this.dims, 3, 2, 1) : h;
  }
}
