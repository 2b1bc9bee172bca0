// torch.nn.functional, with PyTorch's argument order. Integer arguments that PyTorch
// accepts as an int or a tuple accept a number or an array here.
import { N } from './native.js';
import { Tensor } from './tensor.js';

type IntOrList = number | number[];
type Reduction = 'mean' | 'sum' | 'none';
const list = (v: IntOrList, n: number) => (Array.isArray(v) ? v : Array(n).fill(v));
const opt = (t: Tensor | null | undefined) => (t ? t.h : null);

export function conv1d(x: Tensor, w: Tensor, b: Tensor | null = null, stride: IntOrList = 1, padding: IntOrList | 'same' | 'valid' = 0, dilation: IntOrList = 1, groups = 1): Tensor {
  return new Tensor(N.conv1d(x.h, w.h, opt(b), list(stride, 1), typeof padding === 'string' ? padding : list(padding, 1), list(dilation, 1), groups));
}
export function conv2d(x: Tensor, w: Tensor, b: Tensor | null = null, stride: IntOrList = 1, padding: IntOrList | 'same' | 'valid' = 0, dilation: IntOrList = 1, groups = 1): Tensor {
  return new Tensor(N.conv2d(x.h, w.h, opt(b), list(stride, 2), typeof padding === 'string' ? padding : list(padding, 2), list(dilation, 2), groups));
}
export function linear(x: Tensor, w: Tensor, b: Tensor | null = null): Tensor { return new Tensor(N.linear(x.h, w.h, opt(b))); }
/** Running statistics, when given and training, are updated in place. */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, weight: Tensor | null = null, bias: Tensor | null = null, training = false, momentum = 0.1, eps = 1e-5): Tensor {
  return new Tensor(N.batchNorm(x.h, opt(runningMean), opt(runningVar), opt(weight), opt(bias), training, momentum, eps));
}
export function layerNorm(x: Tensor, normalizedShape: number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  return new Tensor(N.layerNorm(x.h, normalizedShape, opt(weight), opt(bias), eps));
}
export function groupNorm(x: Tensor, numGroups: number, weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  return new Tensor(N.groupNorm(x.h, numGroups, opt(weight), opt(bias), eps));
}
export function dropout(x: Tensor, p = 0.5, training = true): Tensor { return new Tensor(N.dropout(x.h, p, training)); }
/** Zeroes whole channels (dropout1d/2d). */
export function featureDropout(x: Tensor, p = 0.5, training = true): Tensor { return new Tensor(N.featureDropout(x.h, p, training)); }
export function embedding(indices: Tensor, weight: Tensor): Tensor { return new Tensor(N.embedding(weight.h, indices.h)); }

export function maxPool1d(x: Tensor, kernel: IntOrList, stride?: IntOrList | null, padding: IntOrList = 0, dilation: IntOrList = 1, ceilMode = false): Tensor {
  return new Tensor(N.maxPool1d(x.h, list(kernel, 1), list(stride ?? kernel, 1), list(padding, 1), list(dilation, 1), ceilMode));
}
export function maxPool2d(x: Tensor, kernel: IntOrList, stride?: IntOrList | null, padding: IntOrList = 0, dilation: IntOrList = 1, ceilMode = false): Tensor {
  return new Tensor(N.maxPool2d(x.h, list(kernel, 2), list(stride ?? kernel, 2), list(padding, 2), list(dilation, 2), ceilMode));
}
export function avgPool1d(x: Tensor, kernel: IntOrList, stride?: IntOrList | null, padding: IntOrList = 0, ceilMode = false, countIncludePad = true): Tensor {
  return new Tensor(N.avgPool1d(x.h, list(kernel, 1), list(stride ?? kernel, 1), list(padding, 1), ceilMode, countIncludePad));
}
export function avgPool2d(x: Tensor, kernel: IntOrList, stride?: IntOrList | null, padding: IntOrList = 0, ceilMode = false, countIncludePad = true): Tensor {
  return new Tensor(N.avgPool2d(x.h, list(kernel, 2), list(stride ?? kernel, 2), list(padding, 2), ceilMode, countIncludePad));
}
export function adaptiveAvgPool1d(x: Tensor, outputSize: IntOrList): Tensor { return new Tensor(N.adaptiveAvgPool1d(x.h, list(outputSize, 1))); }
export function adaptiveAvgPool2d(x: Tensor, outputSize: IntOrList): Tensor { return new Tensor(N.adaptiveAvgPool2d(x.h, list(outputSize, 2))); }
export function adaptiveMaxPool1d(x: Tensor, outputSize: IntOrList): Tensor { return new Tensor(N.adaptiveMaxPool1d(x.h, list(outputSize, 1))); }
export function adaptiveMaxPool2d(x: Tensor, outputSize: IntOrList): Tensor { return new Tensor(N.adaptiveMaxPool2d(x.h, list(outputSize, 2))); }
export function pad(x: Tensor, padding: number[], mode: 'constant' | 'reflect' | 'replicate' | 'circular' = 'constant', value = 0): Tensor {
  return new Tensor(N.pad(x.h, padding, mode, value));
}

export function relu(x: Tensor): Tensor { return new Tensor(N.relu(x.h)); }
export function relu6(x: Tensor): Tensor { return new Tensor(N.relu6(x.h)); }
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor { return new Tensor(N.leakyRelu(x.h, negativeSlope)); }
export function elu(x: Tensor, alpha = 1): Tensor { return new Tensor(N.elu(x.h, alpha)); }
export function selu(x: Tensor): Tensor { return new Tensor(N.selu(x.h)); }
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor { return new Tensor(N.gelu(x.h, approximate)); }
export function silu(x: Tensor): Tensor { return new Tensor(N.silu(x.h)); }
export function mish(x: Tensor): Tensor { return new Tensor(N.mish(x.h)); }
export function sigmoid(x: Tensor): Tensor { return new Tensor(N.sigmoid(x.h)); }
export function tanh(x: Tensor): Tensor { return new Tensor(N.tanh(x.h)); }
export function softplus(x: Tensor, beta = 1, threshold = 20): Tensor { return new Tensor(N.softplus(x.h, beta, threshold)); }
export function hardswish(x: Tensor): Tensor { return new Tensor(N.hardswish(x.h)); }
export function hardsigmoid(x: Tensor): Tensor { return new Tensor(N.hardsigmoid(x.h)); }
export function hardtanh(x: Tensor, min = -1, max = 1): Tensor { return new Tensor(N.hardtanh(x.h, min, max)); }
export function softmax(x: Tensor, dim: number): Tensor { return new Tensor(N.softmax(x.h, dim)); }
export function logSoftmax(x: Tensor, dim: number): Tensor { return new Tensor(N.logSoftmax(x.h, dim)); }
export function oneHot(x: Tensor, numClasses = -1): Tensor { return new Tensor(N.oneHot(x.h, numClasses)); }

export interface CrossEntropyOptions { weight?: Tensor | null; reduction?: Reduction; ignoreIndex?: number; labelSmoothing?: number }
/** target: int64 class indices, or class probabilities of the input's shape. */
export function crossEntropy(input: Tensor, target: Tensor, o: CrossEntropyOptions = {}): Tensor {
  return new Tensor(N.crossEntropy(input.h, target.h, opt(o.weight), o.reduction ?? 'mean', o.ignoreIndex ?? -100, o.labelSmoothing ?? 0));
}
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, o: { weight?: Tensor | null; posWeight?: Tensor | null; reduction?: Reduction } = {}): Tensor {
  return new Tensor(N.binaryCrossEntropyWithLogits(input.h, target.h, opt(o.weight), opt(o.posWeight), o.reduction ?? 'mean'));
}
export function binaryCrossEntropy(input: Tensor, target: Tensor, o: { weight?: Tensor | null; reduction?: Reduction } = {}): Tensor {
  return new Tensor(N.binaryCrossEntropy(input.h, target.h, opt(o.weight), o.reduction ?? 'mean'));
}
export function mseLoss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor { return new Tensor(N.mseLoss(input.h, target.h, reduction)); }
export function l1Loss(input: Tensor, target: Tensor, reduction: Reduction = 'mean'): Tensor { return new Tensor(N.l1Loss(input.h, target.h, reduction)); }
export function smoothL1Loss(input: Tensor, target: Tensor, reduction: Reduction = 'mean', beta = 1): Tensor { return new Tensor(N.smoothL1Loss(input.h, target.h, reduction, beta)); }
export function nllLoss(input: Tensor, target: Tensor, o: { weight?: Tensor | null; reduction?: Reduction; ignoreIndex?: number } = {}): Tensor {
  return new Tensor(N.nllLoss(input.h, target.h, opt(o.weight), o.reduction ?? 'mean', o.ignoreIndex ?? -100));
}
