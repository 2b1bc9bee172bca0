// Shortcuts for blocks that change shape (He et al. 2016): option A subsamples and
// zero-pads the new channels (no parameters, the CIFAR nets), option B projects with a
// strided 1×1 convolution (+ BN in post-activation nets), 'none' is a plain net.
import { Tensor, F } from '../torch/index.js';
import { Module, Sequential } from '../nn/index.js';
import { conv, norm, subsample, strideOf, type Dims, type Stride } from './conv.js';

export type ShortcutKind = 'A' | 'B' | 'none';

export class ZeroPadShortcut extends Module {
  private readonly stride: number[];
  constructor(readonly dims: Dims, readonly cin: number, readonly cout: number, stride: Stride) {
    super();
    if (cout < cin) throw new Error(`option-A shortcut cannot shrink channels (${cin} → ${cout}); use shortcut 'B'`);
    this.stride = strideOf(stride, dims);
  }
  override forward(x: Tensor): Tensor {
    const lo = Math.floor((this.cout - this.cin) / 2);
    const hi = this.cout - this.cin - lo;
    const y = subsample(x, this.stride);
    return lo + hi === 0 ? y : F.pad(y, [...Array(2 * this.dims).fill(0), lo, hi]);
  }
}

/**
 * The shortcut module for a block, or null when the identity fits (or for 'none').
 * `withNorm` adds BN after the projection (post-activation nets; torchvision's
 * `downsample` = conv1×1 + BN); pre-activation nets project without BN.
 */
export function makeShortcut(kind: ShortcutKind, dims: Dims, cin: number, cout: number, stride: Stride, withNorm = true): Module | null {
  const identity = cin === cout && strideOf(stride, dims).every((s) => s === 1);
  if (kind === 'none' || identity) return null;
  if (kind === 'A') return new ZeroPadShortcut(dims, cin, cout, stride);
  const proj = conv(dims, cin, cout, 1, { stride, padding: 0 });
  return withNorm ? new Sequential(proj, norm(dims, cout)) : new Sequential(proj);
}
