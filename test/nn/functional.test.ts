// torch.nn.functional semantics written out by hand: convolution shapes and padding
// modes, batch-norm running statistics, dropout, pooling, activations, softmax, losses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { F } from '../../src/torch/index.js';
import { det } from '../helpers/det.js';
import { assertClose } from '../helpers/close.js';

test('conv1d by hand: stride, padding, dilation, groups', () => {
  const x = torch.tensor([[[1, 2, 3, 4, 5]]], { dtype: 'float64' });
  const w = torch.tensor([[[1, 0, -1]]], { dtype: 'float64' });
  assert.deepEqual(F.conv1d(x, w).toFlatArray(), [-2, -2, -2]);
  assert.deepEqual(F.conv1d(x, w, torch.tensor([10], { dtype: 'float64' }), 2).toFlatArray(), [8, 8]);
  assert.deepEqual(F.conv1d(x, w, null, 1, 1).toFlatArray(), [-2, -2, -2, -2, 4]);
  assert.deepEqual(F.conv1d(x, w, null, 1, 0, 2).toFlatArray(), [-4]);
  // groups=2: each output channel sees only its own input channel
  const x2 = torch.tensor([[[1, 1, 1], [2, 2, 2]]], { dtype: 'float64' });
  const w2 = torch.tensor([[[1]], [[3]]], { dtype: 'float64' });
  assert.deepEqual(F.conv1d(x2, w2, null, 1, 0, 1, 2).toArray(), [[[1, 1, 1], [6, 6, 6]]]);
  assert.throws(() => F.conv1d(x2, torch.ones([2, 1, 1], { dtype: 'float64' })), /expected input|channels/);
});

test('conv2d output shapes for padding modes, strides and dilations', () => {
  const x = torch.zeros([2, 3, 9, 8]);
  const w = torch.zeros([6, 3, 3, 3]);
  assert.deepEqual(F.conv2d(x, w).shape, [2, 6, 7, 6]);
  assert.deepEqual(F.conv2d(x, w, null, 1, 'same').shape, [2, 6, 9, 8]);
  assert.deepEqual(F.conv2d(x, w, null, 1, 'valid').shape, [2, 6, 7, 6]);
  assert.deepEqual(F.conv2d(x, w, null, 1, 'same', 2).shape, [2, 6, 9, 8]);
  assert.deepEqual(F.conv2d(x, w, null, 2, 1).shape, [2, 6, 5, 4]);
  assert.deepEqual(F.conv2d(x, w, null, [1, 2], [0, 1], [2, 1]).shape, [2, 6, 5, 4]);
  assert.deepEqual(F.conv2d(x, torch.zeros([6, 1, 3, 3]), null, 1, 1, 1, 3).shape, [2, 6, 9, 8]);
  assert.throws(() => F.conv2d(x, w, null, 2, 'same'), /same.*stride|stride/);
});

test('batch norm training: batch statistics, running mean and unbiased running var', () => {
  const x = torch.tensor([[1, 10], [3, 20], [5, 60]], { dtype: 'float64' });
  const rm = torch.zeros([2], { dtype: 'float64' });
  const rv = torch.ones([2], { dtype: 'float64' });
  const y = F.batchNorm(x, rm, rv, null, null, true, 0.1, 0);
  const mean = [3, 30];
  const varB = [8 / 3, 1400 / 3];
  const varU = [4, 700];
  assertClose(y.select(1, 0), [1, 3, 5].map((v) => (v - mean[0]) / Math.sqrt(varB[0])), { atol: 1e-12 });
  assertClose(rm, mean.map((m) => 0.1 * m), { atol: 1e-12 });
  assertClose(rv, varU.map((v) => 0.9 + 0.1 * v), { atol: 1e-12 });
  // eval uses the running statistics and leaves them alone
  const before = rm.clone();
  const e = F.batchNorm(x, rm, rv, torch.tensor([2, 1], { dtype: 'float64' }), torch.tensor([0, 1], { dtype: 'float64' }), false, 0.1, 0);
  assertClose(e.select(1, 0), [1, 3, 5].map((v) => (2 * (v - 0.3)) / Math.sqrt(0.9 + 0.4)), { atol: 1e-12 });
  assert.ok(rm.equal(before));
});

test('layer norm and group norm normalise over the right axes', () => {
  const x = det([2, 4, 3], 5);
  const ln = F.layerNorm(x, [4, 3]);
  assertClose(ln.mean([1, 2]), [0, 0], { atol: 1e-12 });
  assertClose(ln.var([1, 2], { unbiased: false }), [1, 1], { atol: 1e-4 });
  const gn = F.groupNorm(x, 2);
  const grouped = gn.reshape(2, 2, 6);
  assertClose(grouped.mean(2), [0, 0, 0, 0], { atol: 1e-12 });
  assert.throws(() => F.groupNorm(x, 3), /divisible|groups/);
});

test('dropout: zeroes about p, scales survivors by 1/(1−p), identity when not training', () => {
  torch.manualSeed(9);
  const x = torch.ones([20000]);
  const y = F.dropout(x, 0.3, true);
  const vals = new Set(y.toFlatArray().map((v) => v.toFixed(5)));
  assert.deepEqual([...vals].sort(), ['0.00000', (1 / 0.7).toFixed(5)]);
  const kept = y.gt(0).float().mean().item();
  assert.ok(Math.abs(kept - 0.7) < 0.02, `kept ${kept}`);
  assert.ok(F.dropout(x, 0.3, false).equal(x));
  assert.equal(F.dropout(x, 1, true).sum().item(), 0);
  const f = F.featureDropout(torch.ones([4, 50, 3]), 0.5, true);
  // whole channels: each [b, c, :] slice is all zero or all 2
  const ch = f.amax(2).sub(f.amin(2)).abs().max().item();
  assert.equal(ch, 0);
});

test('pooling by hand', () => {
  const x = torch.tensor([[[1, 3, 2, 5, 4, 0]]]);
  assert.deepEqual(F.maxPool1d(x, 2).toFlatArray(), [3, 5, 4]);
  assert.deepEqual(F.maxPool1d(x, 3, 1).toFlatArray(), [3, 5, 5, 5]);
  assert.deepEqual(F.avgPool1d(x, 2).toFlatArray(), [2, 3.5, 2]);
  assert.deepEqual(F.avgPool1d(x, 2, 2, 1).toFlatArray(), [0.5, 2.5, 4.5, 0]);
  assert.deepEqual(F.avgPool1d(x, 2, 2, 1, false, false).toFlatArray(), [1, 2.5, 4.5, 0]);
  const m = torch.arange(16, undefined, 1, { dtype: 'float32' }).reshape(1, 1, 4, 4);
  assert.deepEqual(F.maxPool2d(m, 2).toArray(), [[[[5, 7], [13, 15]]]]);
  assert.deepEqual(F.avgPool2d(m, 2).toArray(), [[[[2.5, 4.5], [10.5, 12.5]]]]);
  assert.deepEqual(F.adaptiveAvgPool2d(m, 1).toFlatArray(), [7.5]);
  assert.deepEqual(F.adaptiveMaxPool2d(m, [1, 2]).toFlatArray(), [13, 15]);
  assert.deepEqual(F.adaptiveAvgPool1d(x.float(), 2).toFlatArray(), [2, 3]);
  assert.deepEqual(F.adaptiveMaxPool1d(x.float(), 3).toFlatArray(), [3, 5, 4]);
});

test('activations by their formulas', () => {
  const v = [-7, -2, -0.5, 0, 0.5, 2, 7];
  const x = torch.tensor(v, { dtype: 'float64' });
  const sig = (t: number) => 1 / (1 + Math.exp(-t));
  const cases: [string, torch.Tensor, (t: number) => number][] = [
    ['relu', F.relu(x), (t) => Math.max(0, t)],
    ['relu6', F.relu6(x), (t) => Math.min(6, Math.max(0, t))],
    ['leakyRelu', F.leakyRelu(x, 0.1), (t) => (t > 0 ? t : 0.1 * t)],
    ['elu', F.elu(x, 0.5), (t) => (t > 0 ? t : 0.5 * Math.expm1(t))],
    ['selu', F.selu(x), (t) => 1.0507009873554805 * (t > 0 ? t : 1.6732632423543772 * Math.expm1(t))],
    ['gelu', F.gelu(x), (t) => 0.5 * t * (1 + erf(t / Math.SQRT2))],
    ['gelu tanh', F.gelu(x, 'tanh'), (t) => 0.5 * t * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (t + 0.044715 * t ** 3)))],
    ['silu', F.silu(x), (t) => t * sig(t)],
    ['mish', F.mish(x), (t) => t * Math.tanh(Math.log1p(Math.exp(t)))],
    ['sigmoid', F.sigmoid(x), sig],
    ['tanh', F.tanh(x), Math.tanh],
    ['softplus', F.softplus(x, 2, 5), (t) => (2 * t > 5 ? t : Math.log1p(Math.exp(2 * t)) / 2)],
    ['hardswish', F.hardswish(x), (t) => (t * Math.min(Math.max(t + 3, 0), 6)) / 6],
    ['hardsigmoid', F.hardsigmoid(x), (t) => Math.min(Math.max(t + 3, 0), 6) / 6],
    ['hardtanh', F.hardtanh(x, -2, 1), (t) => Math.min(1, Math.max(-2, t))],
  ];
  for (const [name, got, f] of cases) assertClose(got, v.map(f), { atol: 1e-7, rtol: 1e-7 }, name);
});

// Maclaurin series, exact to ~1e-15 for |x| ≤ 3; beyond 4.5, erf is ±1 to within 2e-10.
function erf(x: number): number {
  const t = Math.abs(x);
  if (t > 4.5) return Math.sign(x);
  assert.ok(t <= 3, 'erf reference used outside its accurate range');
  let sum = 0;
  let term = t;
  for (let n = 0; n < 200; n++) {
    sum += term / (2 * n + 1);
    term *= (-t * t) / (n + 1);
    if (Math.abs(term) < 1e-17) break;
  }
  const r = (2 / Math.sqrt(Math.PI)) * sum;
  return x < 0 ? -r : r;
}

test('softmax sums to one, logSoftmax is its log, both stable for large inputs', () => {
  const x = torch.tensor([[1000, 1001, 1002], [-5, 0, 5]], { dtype: 'float64' });
  const s = F.softmax(x, 1);
  assertClose(s.sum(1), [1, 1], { atol: 1e-12 });
  assertClose(F.logSoftmax(x, 1).exp(), s, { atol: 1e-12 });
  assertClose(s.select(0, 0), [1, Math.E, Math.E ** 2].map((v) => v / (1 + Math.E + Math.E ** 2)), { atol: 1e-12 });
  assertClose(x.softmax(0).sum(0), [1, 1, 1], { atol: 1e-12 });
});

test('cross entropy with class weights and label smoothing, by the formula', () => {
  const logits = torch.tensor([[2, 0, -1], [0.5, 1.5, 0]], { dtype: 'float64' });
  const target = torch.tensor([0, 2], { dtype: 'int64' });
  const w = [0.5, 1, 2];
  const eps = 0.2;
  const lp = F.logSoftmax(logits, 1).toArray() as number[][];
  const C = 3;
  // PyTorch: per-sample (1-ε)·w_y·(−lp_y) + ε/C·Σ_c w_c·(−lp_c); mean divides by Σ w_y
  const per = [0, 1].map((i) => {
    const y = [0, 2][i];
    const nll = w[y] * -lp[i][y];
    const smooth = lp[i].reduce((s, v, c) => s + w[c] * -v, 0) / C;
    return (1 - eps) * nll + eps * smooth;
  });
  const wsum = w[0] + w[2];
  const nllPart = [0, 1].reduce((s, i) => s + w[[0, 2][i]] * -lp[i][[0, 2][i]], 0) / wsum;
  const smoothPart = [0, 1].reduce((s, i) => s + lp[i].reduce((a, v, c) => a + w[c] * -v, 0) / C, 0) / wsum;
  const got = F.crossEntropy(logits, target, { weight: torch.tensor(w, { dtype: 'float64' }), labelSmoothing: eps }).item();
  assertClose(got, (1 - eps) * nllPart + eps * smoothPart, { atol: 1e-12 });
  assertClose(F.crossEntropy(logits, target, { weight: torch.tensor(w, { dtype: 'float64' }), labelSmoothing: eps, reduction: 'none' }), per, { atol: 1e-12 });
  assertClose(F.crossEntropy(logits, target).item(), (-lp[0][0] - lp[1][2]) / 2, { atol: 1e-12 });
  assertClose(F.crossEntropy(logits, torch.tensor([0, -100], { dtype: 'int64' })).item(), -lp[0][0], { atol: 1e-12 });
});

test('BCE with logits and pos_weight, MSE, NLL, L1, smooth L1 by their formulas', () => {
  const x = torch.tensor([[0.5, -1], [2, 0]], { dtype: 'float64' });
  const y = torch.tensor([[1, 0], [0, 1]], { dtype: 'float64' });
  const pw = [3, 0.5];
  const sig = (t: number) => 1 / (1 + Math.exp(-t));
  const xv = [[0.5, -1], [2, 0]];
  const yv = [[1, 0], [0, 1]];
  let total = 0;
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
    total += -(pw[j] * yv[i][j] * Math.log(sig(xv[i][j])) + (1 - yv[i][j]) * Math.log(1 - sig(xv[i][j])));
  }
  assertClose(F.binaryCrossEntropyWithLogits(x, y, { posWeight: torch.tensor(pw, { dtype: 'float64' }) }).item(), total / 4, { atol: 1e-12 });
  assertClose(F.binaryCrossEntropy(x.sigmoid(), y).item(), F.binaryCrossEntropyWithLogits(x, y).item(), { atol: 1e-12 });
  assertClose(F.mseLoss(x, y).item(), (0.25 + 1 + 4 + 1) / 4, { atol: 1e-12 });
  assertClose(F.mseLoss(x, y, 'sum').item(), 6.25, { atol: 1e-12 });
  assert.deepEqual(F.mseLoss(x, y, 'none').shape, [2, 2]);
  assertClose(F.l1Loss(x, y).item(), (0.5 + 1 + 2 + 1) / 4, { atol: 1e-12 });
  assertClose(F.smoothL1Loss(x, y, 'sum').item(), 0.125 + 0.5 + 1.5 + 0.5, { atol: 1e-12 });
  const lp = F.logSoftmax(x, 1);
  const t = torch.tensor([1, 0], { dtype: 'int64' });
  const w = torch.tensor([2, 1], { dtype: 'float64' });
  const l = lp.toArray() as number[][];
  assertClose(F.nllLoss(lp, t, { weight: w }).item(), (1 * -l[0][1] + 2 * -l[1][0]) / 3, { atol: 1e-12 });
  assert.throws(() => F.crossEntropy(x, y, { reduction: 'avg' as never }), /reduction must be/);
});

test('embedding looks rows up by index', () => {
  const w = torch.tensor([[0, 0], [1, 2], [3, 4]]);
  assert.deepEqual(F.embedding(torch.tensor([[2, 1]], { dtype: 'int64' }), w).toArray(), [[[3, 4], [1, 2]]]);
});
