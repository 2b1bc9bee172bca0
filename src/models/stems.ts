// Stems: what runs before the first block.
// - imagenet: 7×7/2 conv, BN, ReLU, 3×3/2 max-pool (÷4 resolution) for 224-pixel inputs.
// - cifar: 3×3/1 conv, BN, ReLU for 32-pixel inputs.
// - tabular: 3×3/1 conv, BN, ReLU and never a pool, for small feature grids (5 × 30) or
//   feature sequences; used with per-axis strides that leave the short axis alone.
// - dense: linear expansion of the flattened input to channels × length, BN, ReLU.
// `norm: false` leaves out BN-ReLU (pre-activation nets normalise in the first block).
// A stem is two layers the model registers under its own names (torchvision's ResNet
// keeps `conv1`/`bn1` at the top, its DenseNet `features.conv0`/`norm0`), not a module
// of its own, so reslab's state-dict keys are torchvision's.
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

/** The stem's layers: its convolution (a linear map for 'dense') and its BN (null with norm: false). */
export function stemLayers(dims: Dims, inChannels: number, spec: StemSpec): { conv: Module; norm: Module | null } {
  const big = spec.kind === 'imagenet';
  let c: Module;
  if (spec.kind === 'dense') {
    if (dims !== 1 || !spec.length || !spec.inFeatures) throw new Error('a dense stem needs a 1-D model, its length and its input size (inFeatures)');
    c = new Linear(spec.inFeatures, spec.width * spec.length);
  } else {
    c = conv(dims, inChannels, spec.width, big ? 7 : 3, { stride: big ? 2 : spec.stride ?? 1 });
  }
  return { conv: c, norm: spec.norm === false ? null : norm(dims, spec.width) };
}

/** Runs a stem on layers the caller looked up by name, so a replaced layer is what runs. */
export function runStem(spec: StemSpec, dims: Dims, c: Module, n: Module | null, x: Tensor): Tensor {
  let h = spec.kind === 'dense' ? c.forward(x.flatten(1)).view(x.shape[0], spec.width, spec.length!) : c.forward(x);
  if (n) h = n.forward(h).relu();
  return spec.kind === 'imagenet' ? maxPool(h, dims, 3, 2, 1) : h;
}
