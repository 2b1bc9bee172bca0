// Neural-network functionals: convolution, normalisation, pooling, activations, losses.
import type { Decl } from './dsl.js';

export const nn: Decl[] = [
  // padding: sizes, or "same" / "valid".
  ['conv1d(input: tensor, weight: tensor, bias: tensor?, stride: int[], padding: int[]|str, dilation: int[], groups: int = 1) -> tensor',
    'at::conv1d({input}, {weight}, {bias}, {stride}, {padding}, {dilation}, {groups})'],
  ['conv2d(input: tensor, weight: tensor, bias: tensor?, stride: int[], padding: int[]|str, dilation: int[], groups: int = 1) -> tensor',
    'at::conv2d({input}, {weight}, {bias}, {stride}, {padding}, {dilation}, {groups})'],
  // Running statistics, when given and training, are updated in place.
  ['batchNorm(input: tensor, runningMean: tensor?, runningVar: tensor?, weight: tensor?, bias: tensor?, training: bool = false, momentum: float = 0.1, eps: float = 1e-5) -> tensor',
    'at::batch_norm({input}, {weight}, {bias}, {runningMean}, {runningVar}, {training}, {momentum}, {eps}, true)'],
  ['layerNorm(input: tensor, normalizedShape: int[], weight: tensor?, bias: tensor?, eps: float = 1e-5) -> tensor',
    'at::layer_norm({input}, {normalizedShape}, {weight}, {bias}, {eps}, true)'],
  ['groupNorm(input: tensor, numGroups: int, weight: tensor?, bias: tensor?, eps: float = 1e-5) -> tensor',
    'at::group_norm({input}, {numGroups}, {weight}, {bias}, {eps}, true)'],
  ['dropout(input: tensor, p: float = 0.5, train: bool = true) -> tensor', 'at::dropout({input}, {p}, {train})'],
  // Zeroes whole channels (dropout1d/2d).
  ['featureDropout(input: tensor, p: float = 0.5, train: bool = true) -> tensor', 'at::feature_dropout({input}, {p}, {train})'],
  ['embedding(weight: tensor, indices: tensor) -> tensor', 'at::embedding({weight}, {indices})'],

  // Pooling.
  ['maxPool1d(input: tensor, kernelSize: int[], stride: int[], padding: int[], dilation: int[], ceilMode: bool = false) -> tensor',
    'at::max_pool1d({input}, {kernelSize}, {stride}, {padding}, {dilation}, {ceilMode})'],
  ['maxPool2d(input: tensor, kernelSize: int[], stride: int[], padding: int[], dilation: int[], ceilMode: bool = false) -> tensor',
    'at::max_pool2d({input}, {kernelSize}, {stride}, {padding}, {dilation}, {ceilMode})'],
  ['avgPool1d(input: tensor, kernelSize: int[], stride: int[], padding: int[], ceilMode: bool = false, countIncludePad: bool = true) -> tensor',
    'at::avg_pool1d({input}, {kernelSize}, {stride}, {padding}, {ceilMode}, {countIncludePad})'],
  ['avgPool2d(input: tensor, kernelSize: int[], stride: int[], padding: int[], ceilMode: bool = false, countIncludePad: bool = true) -> tensor',
    'at::avg_pool2d({input}, {kernelSize}, {stride}, {padding}, {ceilMode}, {countIncludePad})'],
  ['adaptiveAvgPool1d(input: tensor, outputSize: int[]) -> tensor', 'at::adaptive_avg_pool1d({input}, {outputSize})'],
  ['adaptiveAvgPool2d(input: tensor, outputSize: int[]) -> tensor', 'at::adaptive_avg_pool2d({input}, {outputSize})'],
  // The indices are dropped: F.adaptive_max_pool*d's default return.
  ['adaptiveMaxPool1d(input: tensor, outputSize: int[]) -> tensor', 'std::get<0>(at::adaptive_max_pool1d({input}, {outputSize}))'],
  ['adaptiveMaxPool2d(input: tensor, outputSize: int[]) -> tensor', 'std::get<0>(at::adaptive_max_pool2d({input}, {outputSize}))'],

  // Activations.
  ['relu6(input: tensor) -> tensor', 'at::hardtanh({input}, 0, 6)'],
  ['leakyRelu(input: tensor, negativeSlope: float = 0.01) -> tensor', 'at::leaky_relu({input}, {negativeSlope})'],
  ['elu(input: tensor, alpha: float = 1.0) -> tensor', 'at::elu({input}, {alpha})'],
  ['selu(input: tensor) -> tensor', 'at::selu({input})'],
  ['gelu(input: tensor, approximate: str = "none") -> tensor', 'at::gelu({input}, {approximate})'],
  ['silu(input: tensor) -> tensor', 'at::silu({input})'],
  ['mish(input: tensor) -> tensor', 'at::mish({input})'],
  ['softplus(input: tensor, beta: float = 1.0, threshold: float = 20.0) -> tensor', 'at::softplus({input}, {beta}, {threshold})'],
  ['hardswish(input: tensor) -> tensor', 'at::hardswish({input})'],
  ['hardsigmoid(input: tensor) -> tensor', 'at::hardsigmoid({input})'],
  ['hardtanh(input: tensor, minVal: float = -1.0, maxVal: float = 1.0) -> tensor', 'at::hardtanh({input}, {minVal}, {maxVal})'],
  ['softmax(input: tensor, dim: int = -1) -> tensor', 'at::softmax({input}, {dim})'],
  ['logSoftmax(input: tensor, dim: int = -1) -> tensor', 'at::log_softmax({input}, {dim})'],

  // Losses. crossEntropy's target: class indices or class probabilities.
  ['crossEntropy(input: tensor, target: tensor, weight: tensor?, reduction: reduction = "mean", ignoreIndex: int = -100, labelSmoothing: float = 0.0) -> tensor',
    'at::cross_entropy_loss({input}, {target}, {weight}, {reduction}, {ignoreIndex}, {labelSmoothing})'],
  ['binaryCrossEntropyWithLogits(input: tensor, target: tensor, weight: tensor?, posWeight: tensor?, reduction: reduction = "mean") -> tensor',
    'at::binary_cross_entropy_with_logits({input}, {target}, {weight}, {posWeight}, {reduction})'],
  ['binaryCrossEntropy(input: tensor, target: tensor, weight: tensor?, reduction: reduction = "mean") -> tensor',
    'at::binary_cross_entropy({input}, {target}, {weight}, {reduction})'],
  ['mseLoss(input: tensor, target: tensor, reduction: reduction = "mean") -> tensor', 'at::mse_loss({input}, {target}, {reduction})'],
  ['l1Loss(input: tensor, target: tensor, reduction: reduction = "mean") -> tensor', 'at::l1_loss({input}, {target}, {reduction})'],
  ['smoothL1Loss(input: tensor, target: tensor, reduction: reduction = "mean", beta: float = 1.0) -> tensor',
    'at::smooth_l1_loss({input}, {target}, {reduction}, {beta})'],
  ['nllLoss(input: tensor, target: tensor, weight: tensor?, reduction: reduction = "mean", ignoreIndex: int = -100) -> tensor',
    'at::nll_loss_nd({input}, {target}, {weight}, {reduction}, {ignoreIndex})'],
];
