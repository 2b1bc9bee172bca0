// Dimension-generic building blocks: every family is written once and built for 1-D
// feature sequences [B, C, L] or 2-D grids/images [B, C, H, W] by passing `dims`.
import { Tensor, F } from '../torch/index.js';
import { Module, Conv1d, Conv2d, BatchNorm1d, BatchNorm2d, Linear, init } from '../nn/index.js';

export type Dims = 1 | 2;
/** A stride for every spatial axis, or one number for all; [1, 2] on a 5×30 grid keeps the 5 rows. */
export type Stride = number | number[];

export interface ConvSpec { stride?: Stride; padding?: number | number[]; groups?: number; bias?: boolean; dilation?: number }

export function strideOf(s: Stride, dims: Dims): number[] {
  const out = Array.isArray(s) ? s.slice() : Array(dims).fill(s);
  if (out.length !== dims) throw new Error(`stride [${out}] has ${out.length} entries for a ${dims}-D model`);
  return out;
}
export const isUnit = (s: Stride): boolean => (Array.isArray(s) ? s.every((v) => v === 1) : s === 1);

/** Conv1d or Conv2d with square kernels; padding defaults to "same" for odd kernels. */
export function conv(dims: Dims, cin: number, cout: number, k: number, o: ConvSpec = {}): Conv1d | Conv2d {
  const dil = o.dilation ?? 1;
  const opts = {
    stride: strideOf(o.stride ?? 1, dims),
    padding: o.padding ?? Math.floor((dil * (k - 1)) / 2),
    groups: o.groups ?? 1,
    dilation: dil,
    bias: o.bias ?? false,
  };
  return dims === 1 ? new Conv1d(cin, cout, k, opts) : new Conv2d(cin, cout, k, opts);
}

export function norm(dims: Dims, c: number): BatchNorm1d | BatchNorm2d {
  return dims === 1 ? new BatchNorm1d(c) : new BatchNorm2d(c);
}

export function maxPool(x: Tensor, dims: Dims, k: number | number[], s: Stride = k as Stride, p = 0): Tensor {
  return dims === 1 ? F.maxPool1d(x, k, strideOf(s, 1), p) : F.maxPool2d(x, k, strideOf(s, 2), p);
}
export function avgPool(x: Tensor, dims: Dims, k: number | number[], s: Stride = k as Stride, p = 0, countIncludePad = true): Tensor {
  return dims === 1
    ? F.avgPool1d(x, k, strideOf(s, 1), p, false, countIncludePad)
    : F.avgPool2d(x, k, strideOf(s, 2), p, false, countIncludePad);
}
/** [B, C, ...spatial] → [B, C]. */
export function globalAvgPool(x: Tensor): Tensor {
  return x.ndim === 2 ? x : x.mean(Array.from({ length: x.ndim - 2 }, (_, i) => i + 2));
}
/** Keeps every s-th position on each spatial axis (option-A shortcuts). */
export function subsample(x: Tensor, stride: number[]): Tensor {
  let y = x;
  stride.forEach((s, i) => {
    if (s !== 1) y = y.slice(i + 2, 0, null, s);
  });
  return y;
}

/** torchvision's ResNet init: He-normal (fan-out) convolutions, BN γ=1 β=0, default Linear. */
export function heInit(model: Module): void {
  for (const m of model.modules()) {
    if (m instanceof Conv1d || m instanceof Conv2d) init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
  }
}

export { Linear };
