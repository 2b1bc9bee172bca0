// Finite-difference gradient checks (float64, central differences) for the ops whose
// backward is most intricate: convolutions, normalisation, pooling and losses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F, type Tensor } from '../../src/torch/index.js';
import { gradcheck } from '../helpers/gradcheck.js';

const rnd = (shape: number[], grad = true) => torch.randn(shape, { dtype: 'float64', requiresGrad: grad });
const check = (name: string, make: () => [(...xs: Tensor[]) => Tensor, Tensor[]]) =>
  test(`gradcheck: ${name}`, () => {
    torch.manualSeed(11);
    torch.tidy(() => {
      const [fn, inputs] = make();
      gradcheck(fn, inputs);
    });
  });

test('gradcheck helper catches a wrong gradient', () => {
  torch.manualSeed(1);
  // forward x², backward pretends 3x: the helper must reject it
  const wrong = (x: Tensor) => torch.gradScale(x, 1.5).mul(x.detach());
  assert.throws(() => gradcheck((x) => wrong(x).mul(2), [rnd([4])]), /gradcheck: input 0/);
  assert.ok(gradcheck((x) => x.mul(x), [rnd([4])]) < 1e-6);
});

check('conv1d grouped, strided, dilated, padded, with bias', () => [
  (x, w, b) => F.conv1d(x, w, b, 2, 2, 2, 2),
  [rnd([2, 4, 9]), rnd([6, 2, 3]), rnd([6])],
]);
check('conv2d grouped, strided, dilated', () => [
  (x, w, b) => F.conv2d(x, w, b, [2, 1], [1, 2], [2, 1], 2),
  [rnd([2, 4, 6, 5]), rnd([4, 2, 3, 2]), rnd([4])],
]);
check('conv2d same padding, depthwise', () => [
  (x, w) => F.conv2d(x, w, null, 1, 'same', 1, 3),
  [rnd([1, 3, 5, 5]), rnd([3, 1, 3, 3])],
]);
check('batch norm in training mode (batch statistics)', () => [
  (x, w, b) => F.batchNorm(x, null, null, w, b, true, 0.1, 1e-5),
  [rnd([4, 3, 2, 2]), rnd([3]), rnd([3])],
]);
check('batch norm in eval mode (running statistics)', () => {
  const rm = torch.randn([3], { dtype: 'float64' });
  const rv = torch.rand([3], { dtype: 'float64' }).add(0.5);
  return [(x, w, b) => F.batchNorm(x, rm, rv, w, b, false), [rnd([4, 3, 5]), rnd([3]), rnd([3])]];
});
check('layer norm', () => [(x, w, b) => F.layerNorm(x, [3, 4], w, b), [rnd([2, 3, 4]), rnd([3, 4]), rnd([3, 4])]]);
check('group norm', () => [(x, w, b) => F.groupNorm(x, 2, w, b), [rnd([2, 4, 3]), rnd([4]), rnd([4])]]);
check('max pool 1-D and 2-D', () => [
  (a, b) => F.maxPool1d(a, 3, 2, 1).sum().add(F.maxPool2d(b, [2, 3], 2, [1, 1]).sum()),
  [rnd([2, 2, 9]), rnd([1, 2, 6, 7])],
]);
check('avg pool 1-D and 2-D, count_include_pad off, ceil mode', () => [
  (a, b) => F.avgPool1d(a, 3, 2, 1).sum().add(F.avgPool2d(b, 3, 2, 1, true, false).mul(b.sum()).sum()),
  [rnd([2, 2, 9]), rnd([1, 2, 6, 7])],
]);
check('adaptive pools', () => [
  (a, b) => F.adaptiveAvgPool1d(a, 4).sum().add(F.adaptiveAvgPool2d(b, [3, 2]).pow(2).sum()).add(F.adaptiveMaxPool2d(b, [2, 3]).sum()).add(F.adaptiveMaxPool1d(a, 3).sum()),
  [rnd([2, 2, 9]), rnd([1, 2, 7, 5])],
]);
check('cross entropy with class weights and label smoothing', () => {
  const target = torch.tensor([0, 2, 1, 2, 0], { dtype: 'int64' });
  const weight = torch.tensor([0.5, 1, 2], { dtype: 'float64' });
  return [(x) => F.crossEntropy(x, target, { weight, labelSmoothing: 0.15 }), [rnd([5, 3])]];
});
check('cross entropy with probability targets and ignore index', () => {
  const t = torch.tensor([1, -100, 0], { dtype: 'int64' });
  return [(x, p) => F.crossEntropy(x, p.softmax(1)).add(F.crossEntropy(x, t, { reduction: 'sum' })), [rnd([3, 4]), rnd([3, 4])]];
});
check('BCE with logits, weight and pos_weight', () => {
  const target = torch.rand([4, 3], { dtype: 'float64' });
  const weight = torch.rand([4, 3], { dtype: 'float64' });
  const posWeight = torch.tensor([0.5, 2, 3], { dtype: 'float64' });
  return [(x) => F.binaryCrossEntropyWithLogits(x, target, { weight, posWeight }), [rnd([4, 3])]];
});
check('MSE (both arguments) and NLL with weights', () => {
  const t = torch.tensor([2, 0, 1, 1], { dtype: 'int64' });
  const w = torch.tensor([1, 0.25, 3], { dtype: 'float64' });
  return [(a, b, x) => F.mseLoss(a, b).add(F.nllLoss(x.logSoftmax(1), t, { weight: w })), [rnd([3, 2]), rnd([3, 2]), rnd([4, 3])]];
});
check('smooth activations and softmax', () => [
  (x) => F.gelu(x).add(F.silu(x)).add(F.elu(x, 1.3)).add(F.softplus(x, 2)).add(F.sigmoid(x)).add(F.tanh(x)).add(F.softmax(x, 1)).add(F.logSoftmax(x, 0)),
  [rnd([3, 4])],
]);
