// Reductions along dims (sum, mean, var, std, prod, max/min with indices, argmax,
// logsumexp, norm, cumsum, all/any) and sorting (sort, argsort, topk).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/torch/index.js';
import { assertClose } from '../helpers/close.js';

const m = () => torch.tensor([[1, 5, 3], [4, 2, 6]], { dtype: 'float64' });

test('sum and mean: all, one dim, several dims, keepdim, negative dims', () => {
  const t = m();
  assert.equal(t.sum().item(), 21);
  assert.deepEqual(t.sum(0).toFlatArray(), [5, 7, 9]);
  assert.deepEqual(t.sum(-1).toFlatArray(), [9, 12]);
  assert.deepEqual(t.sum(1, true).shape, [2, 1]);
  assert.equal(t.sum([0, 1]).item(), 21);
  assert.equal(t.mean().item(), 3.5);
  assert.deepEqual(t.mean(1).toFlatArray(), [3, 4]);
  assert.deepEqual(torch.ones([2, 3, 4]).mean([0, 2], true).shape, [1, 3, 1]);
  // sum of an int tensor stays integral (int64), as in PyTorch
  assert.equal(torch.tensor([1, 2], { dtype: 'int64' }).sum().dtype, 'int64');
  assert.equal(torch.tensor([true, true, false]).sum().item(), 2);
});

test('var and std: unbiased by default, biased on request', () => {
  const t = m();
  const row0 = [1, 5, 3];
  const mean = 3;
  const ss = row0.reduce((a, v) => a + (v - mean) ** 2, 0);
  assertClose(t.var(1).select(0, 0).item(), ss / 2, { atol: 1e-12 });
  assertClose(t.var(1, { unbiased: false }).select(0, 0).item(), ss / 3, { atol: 1e-12 });
  assertClose(t.std(1).select(0, 0).item(), Math.sqrt(ss / 2), { atol: 1e-12 });
  assertClose(t.var().item(), 3.5, { atol: 1e-12 }); // values 1..6
  assert.deepEqual(t.std(0, { keepdim: true }).shape, [1, 3]);
});

test('max/min over all elements and along a dim with indices', () => {
  const t = m();
  assert.equal(t.max().item(), 6);
  assert.equal(t.min().item(), 1);
  const { values, indices } = t.max(1);
  assert.deepEqual(values.toFlatArray(), [5, 6]);
  assert.deepEqual(indices.toFlatArray(), [1, 2]);
  assert.equal(indices.dtype, 'int64');
  const mn = t.min(0, true);
  assert.deepEqual(mn.values.toArray(), [[1, 2, 3]]);
  assert.deepEqual(mn.indices.toArray(), [[0, 1, 0]]);
  assert.deepEqual(t.amax(0).toFlatArray(), [4, 5, 6]);
  assert.deepEqual(t.amin([0, 1]).toFlatArray(), [1]);
  assert.equal(t.argmax().item(), 5);
  assert.deepEqual(t.argmax(1).toFlatArray(), [1, 2]);
  assert.deepEqual(t.argmin(0, true).toArray(), [[0, 1, 0]]);
});

test('logsumexp is stable for large values', () => {
  const t = torch.tensor([[1000, 1000], [0, Math.log(3)]], { dtype: 'float64' });
  assertClose(t.logsumexp(1), [1000 + Math.log(2), Math.log(4)], { atol: 1e-9 });
  assert.deepEqual(t.logsumexp(0, true).shape, [1, 2]);
});

test('prod, cumsum, norm, all, any', () => {
  const t = m();
  assert.equal(t.prod().item(), 720);
  assert.deepEqual(t.prod(1).toFlatArray(), [15, 48]);
  assert.deepEqual(t.cumsum(1).toArray(), [[1, 6, 9], [4, 6, 12]]);
  assertClose(torch.tensor([3, 4], { dtype: 'float64' }).norm().item(), 5, { atol: 1e-12 });
  assertClose(torch.tensor([3, -4], { dtype: 'float64' }).norm(1).item(), 7, { atol: 1e-12 });
  assertClose(t.norm(2, 1), [Math.sqrt(35), Math.sqrt(56)], { atol: 1e-12 });
  assertClose(torch.tensor([3, -4], { dtype: 'float64' }).norm(Infinity).item(), 4, { atol: 1e-12 });
  assert.equal(torch.tensor([true, true]).all().item(), 1);
  assert.equal(torch.tensor([false, true]).all().item(), 0);
  assert.equal(torch.tensor([false, true]).any().item(), 1);
});

test('sort, argsort and topk', () => {
  const t = torch.tensor([[3, 1, 2], [0, 5, 4]]);
  const s = t.sort();
  assert.deepEqual(s.values.toArray(), [[1, 2, 3], [0, 4, 5]]);
  assert.deepEqual(s.indices.toArray(), [[1, 2, 0], [0, 2, 1]]);
  const d = t.sort(0, true);
  assert.deepEqual(d.values.toArray(), [[3, 5, 4], [0, 1, 2]]);
  assert.deepEqual(t.argsort(-1, true).toArray(), [[0, 2, 1], [1, 2, 0]]);
  const k = t.topk(2);
  assert.deepEqual(k.values.toArray(), [[3, 2], [5, 4]]);
  assert.deepEqual(k.indices.toArray(), [[0, 2], [1, 2]]);
  const small = t.topk(1, 0, false);
  assert.deepEqual(small.values.toArray(), [[0, 1, 2]]);
  assert.throws(() => t.topk(4), /selected index k out of range|k/);
});
